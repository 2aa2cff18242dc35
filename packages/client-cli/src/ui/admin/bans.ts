/** `charla admin bans` and `ban` as text: who is banned, until when, by whom and why. */
import type { admin } from '@charla/protocol';
import { clock, duration } from '../../format.js';
import type { Style } from '../../format.js';
import { oneLine, table } from '../table.js';

const target = (ban: admin.Ban) => ban.name ?? `address ${ban.address ?? '?'}`;

/** `19:30 (in 1h 00m)`: when the ban ends, and how long that is from now. */
function until(ban: admin.Ban, now: Date): string {
  const left = (Date.parse(ban.until) - now.getTime()) / 1000;
  return `${clock(ban.until, now)} (${Number.isNaN(left) ? '?' : `in ${duration(left)}`})`;
}

export function renderBans(list: admin.BanList, style: Style, now: Date = new Date()): string[] {
  if (list.items.length === 0) return [style.dim('-- no bans')];
  return table(
    ['ID', 'BANNED', 'UNTIL', 'BY', 'REASON'],
    list.items.map((ban) => [String(ban.id), target(ban), until(ban, now), ban.by, ban.reason]),
    style,
  );
}

/** The ban just made, with its id: what `charla admin unban ID` takes. */
export function renderBan(ban: admin.Ban, now: Date = new Date()): string[] {
  return [`ban ${ban.id}: ${oneLine(target(ban))} until ${until(ban, now)}`];
}
