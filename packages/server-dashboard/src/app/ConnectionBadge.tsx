import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { useEvents } from './SessionProvider';

/** The event stream's state, always in view: live, connecting, or reconnecting with a countdown. */
export function ConnectionBadge() {
  const { t } = useI18n();
  const { state, retryAt } = useEvents();
  const seconds = useCountdown(state === 'reconnecting' ? retryAt : null);
  const tone = state === 'live' ? 'ok' : state === 'connecting' ? 'busy' : state === 'reconnecting' ? 'warn' : 'error';
  return (
    <p role="status" className={`connection connection-${tone}`}>
      <span className="connection-dot" aria-hidden="true" />
      {t.connection[state]}
      {/* The countdown changes every second: shown, but kept out of the live region's announcements. */}
      {seconds !== null && seconds > 0 && (
        <span className="countdown" aria-hidden="true">
          {' '}
          ({t.connection.retryIn(seconds)})
        </span>
      )}
    </p>
  );
}

/** Whole seconds until `until` (ms since the epoch), ticking; null when there is nothing to count. */
function useCountdown(until: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? null : Math.max(0, Math.ceil((until - now) / 1000));
}
