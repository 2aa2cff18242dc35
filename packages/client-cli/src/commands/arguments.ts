/** Parsers for numeric arguments and options: a bad value is a usage error (exit 1). */
import { InvalidArgumentError } from 'commander';

/** A commander parser for a whole number from `min` to `max`. */
export function wholeNumber(min: number, max: number = Number.MAX_SAFE_INTEGER): (value: string) => number {
  const expected = max === Number.MAX_SAFE_INTEGER ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`;
  return (value) => {
    // Number('') and Number(' ') are 0: not a number anyone typed.
    const n = value.trim() === '' ? Number.NaN : Number(value);
    if (!Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(expected);
    return n;
  };
}

/** A message, ban or audit entry id. */
export const parseId = wholeNumber(1);
