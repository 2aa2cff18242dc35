import { useCallback, useState } from 'react';
import { useSession } from '../../app/SessionProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { Dialog } from '../../ui/Dialog';
import { DurationSelect } from '../../ui/DurationSelect';
import { ErrorText } from '../../ui/ErrorText';
import { useAction } from '../../ui/useAction';

/** Kick with a reason the person sees; optionally a ban on the name for a while (`banSeconds`). */
export function KickDialog({ name, onClose, onKicked }: { name: string; onClose: () => void; onKicked: (name: string) => void }) {
  const { t } = useI18n();
  const { api } = useSession();
  const [reason, setReason] = useState('');
  const [banSeconds, setBanSeconds] = useState(0);
  const kick = useCallback(
    () => api.kick(name, { reason: reason.trim(), ...(banSeconds > 0 && { banSeconds }) }),
    [api, name, reason, banSeconds],
  );
  const done = useCallback(() => onKicked(name), [onKicked, name]);
  const action = useAction(kick, done);
  return (
    <Dialog title={t.users.kickName(name)} onClose={onClose} onSubmit={() => void action.run()} submitLabel={t.users.kickConfirm} submitting={action.busy} danger>
      <div className="field">
        <label htmlFor="kick-reason">{t.common.reason}</label>
        <input id="kick-reason" value={reason} maxLength={1000} onChange={(event) => setReason(event.currentTarget.value)} aria-describedby="kick-reason-hint" autoFocus />
        <p className="hint" id="kick-reason-hint">
          {t.users.kickReasonHint}
        </p>
      </div>
      <div className="field">
        <label htmlFor="kick-ban">{t.users.ban}</label>
        <DurationSelect id="kick-ban" value={banSeconds} onChange={setBanSeconds} none={t.users.banNone} />
      </div>
      <ErrorText error={action.error} />
    </Dialog>
  );
}
