import { describe, expect, it } from 'vitest';
import type { StatsSample } from '../../api/samples';
import { CHART_HEIGHT, linePath, niceMax, windowFor } from './chart';
import { refusalSeries } from './series';

describe('chart geometry', () => {
  it('rounds the scale up to 1, 2 or 5 × 10ⁿ, never below 1', () => {
    expect([0, 0.3, 1, 1.2, 3, 7, 10, 11, 49, 51, 999, 1001].map(niceMax)).toEqual([1, 1, 1, 2, 5, 10, 10, 20, 50, 100, 1000, 2000]);
  });

  it('right-aligns the points in the window, so a new chart fills in from the right', () => {
    expect(linePath([0, 10], 3, 10)).toBe(`M150,${CHART_HEIGHT}L300,0`);
    expect(linePath([5, 5, 5], 3, 10)).toBe(`M0,${CHART_HEIGHT / 2}L150,${CHART_HEIGHT / 2}L300,${CHART_HEIGHT / 2}`);
    expect(linePath([], 3, 10)).toBe('');
    // One point is a short flat line at the right edge; values over the top are clipped.
    expect(linePath([20], 3, 10)).toBe('M298,0H300');
  });
});

describe('windowFor', () => {
  it('spans whole minutes: one at first, growing with the data up to the most kept', () => {
    // Five-second points: twelve a minute, fifteen minutes at most.
    expect([0, 1, 12, 13, 30, 179, 180, 5000].map((points) => windowFor(points, 180))).toEqual([12, 12, 12, 24, 36, 180, 180, 180]);
  });
});

describe('refusalSeries', () => {
  const sample = (refused: Record<string, number>): StatsSample => ({ at: 0, connections: 0, users: 0, messagesPerSecond: 0, refused });

  it('makes one line per code seen, the most frequent first, zeros where a second had none', () => {
    const series = refusalSeries([sample({}), sample({ vetado: 1 }), sample({ no_aceptando: 2, vetado: 1 }), sample({ no_aceptando: 1 })]);
    expect(series).toEqual([
      { label: 'no_aceptando', values: [0, 0, 2, 1] },
      { label: 'vetado', values: [0, 1, 1, 0] },
    ]);
    expect(refusalSeries([sample({}), sample({})])).toEqual([]);
  });
});
