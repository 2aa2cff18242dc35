import { StatusLine } from '@charla/web-ui';
import { useI18n } from '../i18n/I18nProvider';
import { useEvents } from './SessionProvider';

/** The event stream's state, always in view: live, connecting, or reconnecting with a countdown. */
export function ConnectionBadge() {
  const { t } = useI18n();
  const { state, retryAt } = useEvents();
  const tone = state === 'live' ? 'ok' : state === 'connecting' ? 'busy' : state === 'reconnecting' ? 'warn' : 'error';
  return (
    <StatusLine className={`connection status-${tone}`} retryAt={state === 'reconnecting' ? retryAt : null} retryIn={t.connection.retryIn}>
      {t.connection[state]}
    </StatusLine>
  );
}
