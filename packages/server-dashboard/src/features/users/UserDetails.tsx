import { AdminError } from '@charla/sdk/admin';
import { useCallback } from 'react';
import { useSession } from '../../app/SessionProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDuration, formatNumber, formatTime } from '../../lib/format';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { useLoad } from '../../ui/useLoad';
import { WriteButton } from '../../ui/WriteButton';

/**
 * One user as `GET /api/users/:name` has them now: everything the row leaves out on a narrow
 * screen (transport, address, since, messages, last activity, node), with the way to kick them.
 */
export function UserDetails({ name, onClose, onKick }: { name: string; onClose: () => void; onKick: (name: string) => void }) {
  const { t, language } = useI18n();
  const { api } = useSession();
  const { data: user, error } = useLoad(useCallback(() => api.user(name), [api, name]));
  const gone = error instanceof AdminError && error.code === 'not_found';
  return (
    <Dialog title={t.users.details(name)} onClose={onClose}>
      {gone ? <p>{t.users.gone(name)}</p> : <ErrorText error={error} />}
      {user === null && error === null && <p className="muted">{t.common.loading}</p>}
      {user !== null && !gone && (
        <>
          <dl className="details">
            <dt>{t.users.name}</dt>
            <dd>{user.name}</dd>
            <dt>{t.users.since}</dt>
            <dd>
              <time dateTime={user.since}>{t.users.sinceFor(formatTime(user.since, language), formatDuration((Date.now() - Date.parse(user.since)) / 1000))}</time>
            </dd>
            <dt>{t.users.address}</dt>
            <dd>{user.address}</dd>
            <dt>{t.users.transport}</dt>
            <dd>{t.users.transports[user.transport] ?? user.transport}</dd>
            <dt>{t.users.messagesSent}</dt>
            <dd>{formatNumber(user.messagesSent, language)}</dd>
            <dt>{t.users.lastActivity}</dt>
            <dd>
              <time dateTime={user.lastActivity}>{formatTime(user.lastActivity, language)}</time>
            </dd>
            <dt>{t.users.node}</dt>
            <dd>{user.node ?? t.users.noCluster}</dd>
          </dl>
          <WriteButton className="danger" onClick={() => onKick(user.name)}>
            {t.users.kick}
          </WriteButton>
        </>
      )}
    </Dialog>
  );
}
