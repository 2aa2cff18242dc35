import type { StatsSample } from '../../api/samples';
import type { Series } from './LineChart';

/**
 * One line per refusal code seen in the window (refusals per point), codes in order of how
 * many there were. A code with none in the window has no line.
 */
export function refusalSeries(samples: readonly StatsSample[]): Series[] {
  const totals = new Map<string, number>();
  for (const sample of samples) {
    for (const [code, n] of Object.entries(sample.refused)) totals.set(code, (totals.get(code) ?? 0) + n);
  }
  return [...totals.entries()]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([code]) => ({ label: code, values: samples.map((sample) => sample.refused[code] ?? 0) }));
}
