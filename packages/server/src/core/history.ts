import type { HistoryEntry } from '@charla/protocol';

/**
 * Keeps the newest entries whose encoded size fits `budgetBytes`, oldest first. List frames
 * are cut to a byte bound (PROTOCOL.md) and say so; `cut` tells whether anything was left out.
 */
export function fitNewest(entries: readonly HistoryEntry[], budgetBytes: number): { kept: HistoryEntry[]; cut: boolean } {
  if (allFit(entries, budgetBytes)) return { kept: entries.slice(), cut: false };
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
  return { kept: entries.slice(start), cut: start > 0 };
}

/** The same for a list of names or rows: keeps the first ones that fit. */
export function fitFirst<T>(items: readonly T[], budgetBytes: number): { kept: T[]; cut: boolean } {
  if (allFit(items, budgetBytes)) return { kept: items.slice(), cut: false };
  let used = 0;
  let end = 0;
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item)) + 1;
    if (used + size > budgetBytes) break;
    used += size;
    end++;
  }
  return { kept: items.slice(0, end), cut: end < items.length };
}

/**
 * Whether every item fits, from one encoding of the whole list: `[a,b,c]` is the items'
 * sizes plus one byte each, plus one. (A join sends the user list: measuring 10,000 names
 * one by one for every join was most of a join's cost.)
 */
function allFit(items: readonly unknown[], budgetBytes: number): boolean {
  return items.length === 0 || Buffer.byteLength(JSON.stringify(items)) - 1 <= budgetBytes;
}
