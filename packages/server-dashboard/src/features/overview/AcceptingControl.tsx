import { useCallback, useState } from 'react';
import { useSession } from '../../app/SessionProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { useAction } from '../../ui/useAction';
import { WriteButton } from '../../ui/WriteButton';

/**
 * The seed's "Iniciar Servidor", made an operator's control: stop or start accepting new
 * connections, after a confirmation; stopping may also disconnect everyone (with a reason
 * they see in `servidor_cerrando`).
 */
export function AcceptingControl({ accepting }: { accepting: boolean }) {
  const { t } = useI18n();
  const { api, events } = useSession();
  const [asking, setAsking] = useState(false);
  const [disconnectAll, setDisconnectAll] = useState(false);
  const [reason, setReason] = useState('');
  const close = useCallback(() => setAsking(false), []);
  const change = useCallback(async () => {
    const stopping = accepting;
    const result = await api.setAccepting(stopping ? { accepting: false, disconnectAll, ...(disconnectAll && reason.trim() !== '' && { reason: reason.trim() }) } : { accepting: true });
    events.noteAccepting(result.accepting);
  }, [api, events, accepting, disconnectAll, reason]);
  const action = useAction(change, close);

  const open = () => {
    setDisconnectAll(false);
    setReason('');
    action.clearError();
    setAsking(true);
  };

  return (
    <>
      <WriteButton className={accepting ? 'danger' : 'primary'} onClick={open}>
        {accepting ? t.overview.stop : t.overview.start}
      </WriteButton>
      {asking && (
        <Dialog
          title={accepting ? t.overview.stopTitle : t.overview.startTitle}
          onClose={close}
          onSubmit={() => void action.run()}
          submitLabel={accepting ? t.overview.stopConfirm : t.overview.startConfirm}
          submitting={action.busy}
          danger={accepting}
        >
          <p>{accepting ? t.overview.stopBody : t.overview.startBody}</p>
          {accepting && (
            <>
              <label className="check">
                <input type="checkbox" checked={disconnectAll} onChange={(event) => setDisconnectAll(event.currentTarget.checked)} />
                {t.overview.disconnectAll}
              </label>
              {disconnectAll && (
                <div className="field">
                  <label htmlFor="accepting-reason">{t.overview.disconnectReason}</label>
                  <input id="accepting-reason" value={reason} maxLength={1000} onChange={(event) => setReason(event.currentTarget.value)} />
                </div>
              )}
            </>
          )}
          <ErrorText error={action.error} />
        </Dialog>
      )}
    </>
  );
}
