/** `charla admin users` as text: a table of who is connected, and where the page ends. */
import type { admin } from '@charla/protocol';
import { clock } from '../../format.js';
import type { Style } from '../../format.js';
import { table } from '../table.js';

export function renderUsers(page: admin.UsersPage, offset: number, style: Style, now: Date = new Date()): string[] {
  if (page.items.length === 0) return [style.dim(page.total === 0 ? '-- nobody' : `-- none past ${page.total}`)];
  const withNode = page.items.some((user) => user.node !== undefined);
  const header = ['NAME', 'ADDRESS', 'VIA', 'SINCE', 'SENT', 'LAST ACTIVE', ...(withNode ? ['NODE'] : [])];
  const rows = page.items.map((user) => [
    user.name,
    user.address,
    user.transport,
    clock(user.since, now),
    String(user.messagesSent),
    clock(user.lastActivity, now),
    ...(withNode ? [user.node ?? ''] : []),
  ]);
  const lines = table(header, rows, style);
  const shown = offset + page.items.length;
  if (offset > 0 || shown < page.total) lines.push(style.dim(`-- ${offset + 1} to ${shown} of ${page.total}${shown < page.total ? `; next: --offset ${shown}` : ''}`));
  return lines;
}
