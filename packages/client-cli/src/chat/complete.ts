/**
 * Tab completion of the last word typed: a command name when it is the first word and starts
 * with "/", otherwise a user's name. Case-insensitive, as names are compared by the server.
 */
import { COMMANDS } from './input.js';

export interface Completion {
  /** The input after completion (unchanged when nothing matched). */
  readonly value: string;
  /** Every candidate when more than one matched, for the UI to show. */
  readonly matches: readonly string[];
}

/**
 * One match replaces the word and adds a space. Several extend it to their longest common
 * prefix and are listed in `matches`.
 */
export function complete(input: string, names: readonly string[]): Completion {
  const start = input.search(/\S*$/);
  const word = input.slice(start);
  const candidates = start === 0 && word.startsWith('/') ? COMMANDS.map((c) => c.name) : names;
  const matches = candidates.filter((c) => c.toLowerCase().startsWith(word.toLowerCase()));
  const head = input.slice(0, start);
  if (matches.length === 1) return { value: `${head}${matches[0]} `, matches: [] };
  if (matches.length === 0) return { value: input, matches: [] };
  const prefix = commonPrefix(matches);
  return { value: prefix.length > word.length ? head + prefix : input, matches };
}

function commonPrefix(words: readonly string[]): string {
  const [first = '', ...rest] = words;
  let length = first.length;
  for (const word of rest) {
    let i = 0;
    while (i < length && i < word.length && word[i]?.toLowerCase() === first[i]?.toLowerCase()) i++;
    length = i;
  }
  return first.slice(0, length);
}
