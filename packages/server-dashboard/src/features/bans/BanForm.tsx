import type { admin } from '@charla/protocol';
import { useCallback, useState } from 'react';
import { useSession } from '../../app/SessionProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { DurationSelect } from '../../ui/DurationSelect';
import { ErrorText } from '../../ui/ErrorText';
import { useAction } from '../../ui/useAction';
import { WriteButton } from '../../ui/WriteButton';

/** Ban a name or an address for a while (`POST /api/bans`); whoever matches is kicked at once. */
export function BanForm({ onBanned }: { onBanned: (ban: admin.Ban) => void }) {
  const { t } = useI18n();
  const { api } = useSession();
  const [kind, setKind] = useState<'name' | 'address'>('name');
  const [target, setTarget] = useState('');
  const [seconds, setSeconds] = useState(3600);
  const [reason, setReason] = useState('');
  const ban = useCallback(async () => {
    const created = await api.ban({ [kind]: target.trim(), seconds, reason: reason.trim() });
    setTarget('');
    setReason('');
    onBanned(created);
  }, [api, kind, target, seconds, reason, onBanned]);
  const action = useAction(ban);
  return (
    <form
      className="ban-form"
      aria-label={t.bans.add}
      onSubmit={(event) => {
        event.preventDefault();
        void action.run();
      }}
    >
      <div className="field">
        <label htmlFor="ban-kind">{t.bans.kind}</label>
        <select id="ban-kind" value={kind} onChange={(event) => setKind(event.currentTarget.value as 'name' | 'address')}>
          <option value="name">{t.bans.byName}</option>
          <option value="address">{t.bans.byAddress}</option>
        </select>
      </div>
      <div className="field grow">
        <label htmlFor="ban-target">{t.bans.target}</label>
        <input id="ban-target" value={target} maxLength={256} onChange={(event) => setTarget(event.currentTarget.value)} />
      </div>
      <div className="field">
        <label htmlFor="ban-duration">{t.bans.duration}</label>
        <DurationSelect id="ban-duration" value={seconds} onChange={setSeconds} />
      </div>
      <div className="field grow">
        <label htmlFor="ban-reason">{t.common.reason}</label>
        <input id="ban-reason" value={reason} maxLength={1000} onChange={(event) => setReason(event.currentTarget.value)} />
      </div>
      <WriteButton type="submit" className="danger" disabled={target.trim() === '' || action.busy}>
        {t.bans.add}
      </WriteButton>
      <ErrorText error={action.error} />
    </form>
  );
}
