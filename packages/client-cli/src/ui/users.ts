/** `charla users` as text: one user a line, name and since when, aligned. */
import type { UserEntry } from '@charla/protocol';
import { clock } from '../format.js';
import type { Style } from '../format.js';
import { sanitize } from '../sanitize.js';

export function renderUsers(users: readonly UserEntry[], style: Style, now: Date = new Date()): string[] {
  const names = users.map((user) => sanitize(user.nombre));
  const width = Math.max(0, ...names.map((name) => [...name].length));
  return users.map((user, i) => {
    const name = names[i] ?? '';
    return `${style.bold(name)}${' '.repeat(width - [...name].length)}  ${style.dim(`since ${clock(user.desde, now)}`)}`;
  });
}
