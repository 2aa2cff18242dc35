import { describe, expect, it } from 'vitest';
import { stats } from '../test/fakeServer';
import { addHistory, addStats, NO_SAMPLES, reconnected, shown } from './samples';
import type { Samples } from './samples';

const T0 = Date.parse('2025-01-01T10:00:00.000Z');
const iso = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const frame = (second: number, connections: number) => ({ ...stats({ users: [], accepting: true }, { connections }), at: iso(second) });
const live = (from: number, count: number, samples: Samples = NO_SAMPLES) =>
  Array.from({ length: count }, (_, i) => from + i).reduce((s, second) => addStats(s, frame(second, second), 100), samples);
const point = (second: number, connections: number) => ({ at: iso(second), connections, users: 0, messagesPerSecond: 0, refused: {} });

describe('chart samples', () => {
  it('a point per five frames, stamped with the server\'s time; the one being filled is shown as the newest', () => {
    const samples = live(1, 7);
    expect(samples.points.map((p) => [p.at - T0, p.connections])).toEqual([[5000, 5]]);
    expect(shown(samples, 100).map((p) => p.connections)).toEqual([5, 7]);
  });

  it('history takes the place of older points; live points after its newest stay', () => {
    const samples = addHistory(live(1, 10), { intervalSeconds: 5, points: [point(-5, 1), point(0, 2), point(5, 3)] }, 100);
    expect(samples.points.map((p) => p.connections)).toEqual([1, 2, 3, 10]);
    expect(addHistory(live(1, 10), { intervalSeconds: 5, points: [] }, 3).points.map((p) => p.connections)).toEqual([5, 10]);
    expect(addHistory(NO_SAMPLES, { intervalSeconds: 5, points: [point(0, 1), point(5, 2), point(10, 3)] }, 2).points.map((p) => p.connections)).toEqual([2, 3]);
  });

  it('a reconnection drops the half-filled point and the refusal baseline', () => {
    const samples = reconnected(live(1, 7));
    expect(samples).toMatchObject({ bucket: null, baseline: null });
    expect(shown(samples, 100).map((p) => p.connections)).toEqual([5]);
  });
});
