import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay (full jitter)', () => {
  const options = { baseMs: 100, maxMs: 1000 };

  it('doubles the ceiling per attempt and caps it', () => {
    const top = () => 0.999999;
    expect([0, 1, 2, 3, 4, 5, 40].map((a) => backoffDelay(a, options, top))).toEqual([99, 199, 399, 799, 999, 999, 999]);
  });

  it('draws uniformly below the ceiling', () => {
    expect(backoffDelay(3, options, () => 0)).toBe(0);
    expect(backoffDelay(3, options, () => 0.5)).toBe(400);
    for (let i = 0; i < 1000; i++) {
      const delay = backoffDelay(2, options);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(400);
    }
  });
});
