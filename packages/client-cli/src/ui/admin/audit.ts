/** `charla admin audit` as text: who did what to whom, when and from where, newest first. */
import type { admin } from '@charla/protocol';
import { clock } from '../../format.js';
import type { Style } from '../../format.js';
import { table } from '../table.js';

/** An entry's details as `key=value` words: `reason=spam banSeconds=60`. */
export function detailsText(details: Readonly<Record<string, unknown>>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
}

export function renderAudit(page: admin.AuditPage, style: Style, now: Date = new Date()): string[] {
  const [oldest] = page.items.slice(-1);
  if (oldest === undefined) return [style.dim('-- nothing done yet')];
  const rows = page.items.map((entry) => [String(entry.id), clock(entry.at, now, { seconds: true }), entry.actor, entry.action, entry.target, entry.address, detailsText(entry.details)]);
  const lines = table(['ID', 'AT', 'ACTOR', 'ACTION', 'TARGET', 'FROM', 'DETAILS'], rows, style);
  // Ids start at 1: below the oldest shown there is more.
  if (oldest.id > 1) lines.push(style.dim(`-- older ones: --before ${oldest.id}`));
  return lines;
}
