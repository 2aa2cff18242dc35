import { SAMPLES_MAX } from '../../api/samples';
import { useEvents } from '../../app/SessionProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { AcceptingControl } from './AcceptingControl';
import { LineChart } from './LineChart';
import { refusalSeries } from './series';
import { StatCards } from './StatCards';

/**
 * The server at a glance: cards from the event stream's `stats` frames, charts of the last
 * fifteen minutes (the server's history, then the frames), and the accepting control.
 */
export function OverviewPage() {
  const { t } = useI18n();
  const { stats, samples } = useEvents();
  if (stats === null) return <p className="muted">{t.overview.waiting}</p>;
  return (
    <div className="overview">
      <StatCards stats={stats} acceptingControl={<AcceptingControl accepting={stats.accepting} />} />
      <section aria-labelledby="charts-title">
        <h3 id="charts-title">{t.overview.charts}</h3>
        <div className="charts">
          <LineChart title={t.overview.connectionsChart} capacity={SAMPLES_MAX} series={[{ label: t.overview.connections, values: samples.map((s) => s.connections) }]} />
          <LineChart title={t.overview.messagesChart} capacity={SAMPLES_MAX} series={[{ label: t.overview.messagesPerSecond, values: samples.map((s) => s.messagesPerSecond) }]} />
          <LineChart title={t.overview.refusalsChart} capacity={SAMPLES_MAX} series={refusalSeries(samples)} empty={t.overview.noRefusals} legend />
        </div>
      </section>
    </div>
  );
}
