/**
 * List frames cut to the list-frame bound, and saying so (docs/protocol.md: `aceptado`,
 * `historial` and `usuarios` are cut to 256 KiB): which entries fit, measured once.
 */
import type { HistoryEntry } from '@charla/protocol';

/**
 * A list cut to a byte bound (docs/protocol.md: list frames are cut and say so). `kept` is the
 * list itself when all of it fits: callers hand over lists they made for the frame, and a
 * join's user list is not worth copying (nor encoding twice) for every newcomer.
 */
export interface Fitted<T> {
  readonly kept: T[];
  /** Whether anything was left out. */
  readonly cut: boolean;
  /** The size of `kept` encoded as a JSON array, in UTF-8 bytes. */
  readonly bytes: number;
}

/** Keeps the newest entries whose encoded size fits `budgetBytes`, oldest first. */
export function fitNewest(entries: HistoryEntry[], budgetBytes: number): Fitted<HistoryEntry> {
  const whole = wholeIfFits(entries, budgetBytes);
  if (whole !== undefined) return { kept: entries, cut: false, bytes: whole };
  let used = 0;
  let start = entries.length;
  while (start > 0) {
    const entry = entries[start - 1];
    if (entry === undefined) break;
    const size = Buffer.byteLength(JSON.stringify(entry)) + 1;
    if (used + size > budgetBytes) break;
    used += size;
    start--;
  }
  return { kept: entries.slice(start), cut: start > 0, bytes: arrayBytes(used, entries.length - start) };
}

/** The same for a list of names or rows: keeps the first ones that fit. */
export function fitFirst<T>(items: T[], budgetBytes: number): Fitted<T> {
  const whole = wholeIfFits(items, budgetBytes);
  if (whole !== undefined) return { kept: items, cut: false, bytes: whole };
  let used = 0;
  let end = 0;
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item)) + 1;
    if (used + size > budgetBytes) break;
    used += size;
    end++;
  }
  return { kept: items.slice(0, end), cut: end < items.length, bytes: arrayBytes(used, end) };
}

/**
 * The whole list's encoded size if every item fits, from one encoding of the whole list:
 * `[a,b,c]` is the items' sizes plus one byte each, plus one. (A join sends the user list:
 * measuring 10,000 names one by one for every join was most of a join's cost.)
 */
function wholeIfFits(items: readonly unknown[], budgetBytes: number): number | undefined {
  if (items.length === 0) return 2;
  const bytes = Buffer.byteLength(JSON.stringify(items));
  return bytes - 1 <= budgetBytes ? bytes : undefined;
}

/** `[a,b]` from the items' sizes counted as each item plus one byte. */
function arrayBytes(itemsPlusOne: number, count: number): number {
  return count === 0 ? 2 : itemsPlusOne + 1;
}
