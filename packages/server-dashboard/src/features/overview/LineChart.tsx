import { CHART_HEIGHT, CHART_WIDTH, linePath, niceMax, POINTS_PER_MINUTE, windowFor } from './chart';
import { useI18n } from '../../i18n/I18nProvider';
import { formatNumber } from '../../lib/format';

export interface Series {
  readonly label: string;
  readonly values: readonly number[];
}

interface LineChartProps {
  readonly title: string;
  readonly series: readonly Series[];
  /** The most points the window may hold (one every five seconds). */
  readonly capacity: number;
  /** Shown instead of the lines when there is nothing to draw. */
  readonly empty?: string;
  /** A legend (each line's name and sum) even for a single line: on by default for several. */
  readonly legend?: boolean;
}

/**
 * A small hand-made SVG line chart: the scale's top, "N min ago … now" under it, a legend
 * when there are several lines, and a sentence (now and peak) for screen readers.
 */
export function LineChart({ title, series, capacity, empty, legend = series.length > 1 }: LineChartProps) {
  const { t, language } = useI18n();
  const peak = Math.max(0, ...series.flatMap((s) => s.values));
  const max = niceMax(peak);
  const now = series.reduce((sum, s) => sum + (s.values.at(-1) ?? 0), 0);
  const points = Math.max(0, ...series.map((s) => s.values.length));
  const span = windowFor(points, capacity);
  const minutes = span / POINTS_PER_MINUTE;
  const number = (n: number) => formatNumber(n, language, 1);
  const nothing = empty !== undefined && series.length === 0;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      {nothing ? (
        <p className="chart-empty">{empty}</p>
      ) : (
        <>
          <div className="chart-frame">
            <span className="chart-top" aria-hidden="true">
              {number(max)}
            </span>
            <svg viewBox={`0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={t.overview.chartSummary(title, number(now), number(peak), minutes)}>
              <line className="chart-grid" x1="0" x2={CHART_WIDTH} y1={CHART_HEIGHT / 2} y2={CHART_HEIGHT / 2} />
              {series.map((s, i) => (
                <path key={s.label} className={`chart-line series-${i % 6}`} d={linePath(s.values, span, max)} />
              ))}
            </svg>
          </div>
          <div className="chart-axis" aria-hidden="true">
            <span>{t.overview.ago(minutes)}</span>
            <span>{t.overview.now}</span>
          </div>
        </>
      )}
      {legend && series.length > 0 && (
        <ul className="chart-legend">
          {series.map((s, i) => (
            <li key={s.label}>
              <span className={`swatch series-${i % 6}`} aria-hidden="true" />
              {s.label}: {formatNumber(s.values.reduce((a, b) => a + b, 0), language)}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
