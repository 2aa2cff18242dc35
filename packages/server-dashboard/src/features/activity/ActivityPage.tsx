import { memo, useMemo, useState } from 'react';
import { LOG_MAX } from '../../api/events';
import type { LiveEventType, LoggedEvent } from '../../api/events';
import { useEventsSelector } from '../../app/SessionProvider';
import { useI18n } from '../../i18n/I18nProvider';
import type { Language } from '../../i18n/dictionary';
import { formatTime } from '../../lib/format';
import { filterActivity } from './filter';
import type { ActivityRow } from './filter';

const TYPES: readonly LiveEventType[] = ['connection', 'disconnection', 'join', 'leave', 'message', 'private', 'refused', 'admin', 'node'];

/**
 * Everything the event stream says but `stats`, newest first: filter by type and text,
 * pause to read (the stream keeps collecting; resuming shows what came meanwhile). The
 * stream keeps the last LOG_MAX events, so memory stays bounded however long it runs.
 */
export function ActivityPage() {
  const { t, language } = useI18n();
  const log = useEventsSelector((events) => events.log);
  const [type, setType] = useState<LiveEventType | null>(null);
  const [text, setText] = useState('');
  const [frozen, setFrozen] = useState<readonly LoggedEvent[] | null>(null);
  const shown = frozen ?? log;
  const rows = useMemo(() => filterActivity(shown, { type, text }, t, language), [shown, type, text, t, language]);
  const waiting = frozen === null ? 0 : (log.at(-1)?.seq ?? 0) - (frozen.at(-1)?.seq ?? 0);

  return (
    <div className="activity">
      <div className="toolbar">
        <div className="field">
          <label htmlFor="activity-type">{t.activity.type}</label>
          <select id="activity-type" value={type ?? ''} onChange={(event) => setType((event.currentTarget.value || null) as LiveEventType | null)}>
            <option value="">{t.activity.all}</option>
            {TYPES.map((name) => (
              <option key={name} value={name}>
                {t.activity.types[name]}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor="activity-text">{t.activity.filter}</label>
          <input id="activity-text" type="search" value={text} onChange={(event) => setText(event.currentTarget.value)} />
        </div>
        <button type="button" aria-pressed={frozen !== null} onClick={() => setFrozen(frozen === null ? log : null)}>
          {frozen === null ? t.activity.pause : t.activity.resume}
        </button>
      </div>
      <p className="count">
        {t.activity.shown(rows.length, shown.length, LOG_MAX)}
        {frozen !== null && ` ${t.activity.paused(waiting)}`}
      </p>
      {rows.length === 0 ? (
        <p className="muted">{t.activity.empty}</p>
      ) : (
        <ol className="activity-list" aria-label={t.activity.list}>
          {rows.map((row) => (
            <Row key={row.seq} {...row} language={language} typeName={t.activity.types[row.type]} />
          ))}
        </ol>
      )}
    </div>
  );
}

// A row never changes once written: memo (on its plain fields) keeps a busy log cheap to re-render.
const Row = memo(function Row({ at, type, text, language, typeName }: ActivityRow & { language: Language; typeName: string }) {
  return (
    <li className={`event event-${type}`}>
      <time dateTime={at}>{formatTime(at, language)}</time>
      <span className="event-type">{typeName}</span>
      <span className="event-text">{text}</span>
    </li>
  );
});
