/**
 * Aligned columns for the admin commands' text output. Cells may come from the network, so
 * each is sanitized, and kept on one line: a newline in a ban reason must not break a row.
 */
import type { Style } from '../format.js';
import { sanitize } from '../sanitize.js';

const GAP = '  ';

/** Network text for one line: sanitized, newlines and tabs as spaces. */
export function oneLine(text: string): string {
  return sanitize(text).replace(/[\n\t]/gu, ' ');
}

/** Widths in code points, as the other renderers count (wide characters may misalign). */
const width = (text: string) => [...text].length;

/** Rows with every column but the last padded to its widest cell. */
export function columns(rows: readonly (readonly string[])[]): string[] {
  const cells = rows.map((row) => row.map(oneLine));
  const widths: number[] = [];
  for (const row of cells) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))));
  // trimEnd: an empty last cell leaves no trailing gap.
  return cells.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - width(cell)))).join(GAP).trimEnd());
}

/** A header line in bold over the rows, all aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], style: Style): string[] {
  const [head = '', ...body] = columns([header, ...rows]);
  return [style.bold(head), ...body];
}
