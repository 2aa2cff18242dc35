/** The geometry of the overview's small charts: pure functions, drawn by LineChart. */
import { SAMPLE_SECONDS } from '../../api/samples';

export const CHART_WIDTH = 300;
export const CHART_HEIGHT = 80;

/** The charts' points are five-second intervals (api/samples.ts). */
export const POINTS_PER_MINUTE = 60 / SAMPLE_SECONDS;

/**
 * How many points the x axis spans: whole minutes, at least one, at most `max`, so a chart
 * with little data (a server that has just started) is readable instead of a dot at the
 * right edge of fifteen empty minutes.
 */
export function windowFor(points: number, max: number): number {
  return Math.min(max, Math.max(POINTS_PER_MINUTE, Math.ceil(points / POINTS_PER_MINUTE) * POINTS_PER_MINUTE));
}

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value` (at least 1): a round top for the scale. */
export function niceMax(value: number): number {
  if (!(value > 1)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * magnitude >= value) ?? 10;
  return step * magnitude;
}

/**
 * An SVG path through `values` (oldest first), right-aligned in a window of `capacity`
 * points, so a chart that has just started fills in from the right as time goes by.
 */
export function linePath(values: readonly number[], capacity: number, max: number): string {
  if (values.length === 0) return '';
  const slots = Math.max(capacity, values.length) - 1 || 1;
  const offset = Math.max(capacity, values.length) - values.length;
  const x = (i: number) => round(((offset + i) / slots) * CHART_WIDTH);
  const y = (v: number) => round(CHART_HEIGHT - (Math.min(v, max) / max) * CHART_HEIGHT);
  // A single point still shows as a short flat line.
  if (values.length === 1) return `M${x(0) - 2},${y(values[0] ?? 0)}H${x(0)}`;
  return values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i)},${y(v)}`).join('');
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
