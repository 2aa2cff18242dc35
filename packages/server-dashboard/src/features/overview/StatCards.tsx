import type { admin } from '@charla/protocol';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDuration, formatMiB, formatMs, formatNumber } from '../../lib/format';

/** The live figures of the last `stats` frame, one card each; `acceptingControl` goes in the accepting card. */
export function StatCards({ stats, acceptingControl }: { stats: admin.Stats; acceptingControl: ReactNode }) {
  const { t, language } = useI18n();
  const n = (value: number, digits = 0) => formatNumber(value, language, digits);
  return (
    <section aria-label={t.overview.cards}>
      <dl className="cards">
        <Card label={t.overview.connections} value={n(stats.connections)} />
        <Card label={t.overview.users} value={n(stats.users)} />
        <Card label={t.overview.messagesPerSecond} value={n(stats.messagesPerSecond.last1s, 1)} detail={t.overview.perMinuteAverage(n(stats.messagesPerSecond.last60s, 2))} />
        <Card label={t.overview.memory} value={formatMiB(stats.memory.rss, language)} detail={t.overview.heap(formatMiB(stats.memory.heapUsed, language))} />
        <Card label={t.overview.loopDelay} value={formatMs(stats.eventLoopDelayMs.p50, language)} detail={t.overview.loopDelayDetail(formatMs(stats.eventLoopDelayMs.p99, language))} />
        <Card label={t.overview.uptime} value={formatDuration(stats.uptimeSeconds)} />
        <Card
          wide
          label={t.overview.accepting}
          value={<span className={`pill ${stats.accepting ? 'pill-ok' : 'pill-warn'}`}>{stats.accepting ? t.overview.acceptingYes : t.overview.acceptingNo}</span>}
          detail={acceptingControl}
        />
        {stats.nodes !== undefined && (
          <Card
            label={t.overview.nodes(stats.nodes.length)}
            value={n(stats.nodes.length)}
            detail={
              <ul className="nodes">
                {stats.nodes.map((node) => (
                  <li key={node.id}>{t.overview.node(node.id, node.address, node.connections, n(node.connections))}</li>
                ))}
              </ul>
            }
          />
        )}
      </dl>
    </section>
  );
}

/** `wide`: two columns where cards are narrow (the accepting card holds a button). */
function Card({ label, value, detail, wide = false }: { label: string; value: ReactNode; detail?: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'card card-wide' : 'card'}>
      <dt>{label}</dt>
      <dd className="card-value">{value}</dd>
      {detail !== undefined && <dd className="card-detail">{detail}</dd>}
    </div>
  );
}
