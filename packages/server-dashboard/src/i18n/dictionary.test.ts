import { describe, expect, it } from 'vitest';
import { DICTIONARIES } from './dictionary';

/** Every key path of a dictionary, functions called with sample arguments so their text can be checked too. */
function entries(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') return [[path, String((value as (...args: unknown[]) => unknown)('x', 2, 'y', 3))]];
  return Object.entries(value as object).flatMap(([key, child]) => entries(child, `${path}.${key}`));
}

describe('the dictionaries', () => {
  it('have the same keys in both languages and no empty text', () => {
    const es = entries(DICTIONARIES.es);
    const en = entries(DICTIONARIES.en);
    expect(en.map(([key]) => key)).toEqual(es.map(([key]) => key));
    for (const [key, text] of [...es, ...en]) expect(text.trim(), key).not.toBe('');
  });

  it('are really translated: most English texts differ from the Spanish ones', () => {
    const es = new Map(entries(DICTIONARIES.es));
    const same = entries(DICTIONARIES.en).filter(([key, text]) => es.get(key) === text);
    expect(same.length).toBeLessThan(10);
  });
});

