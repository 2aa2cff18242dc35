import type { admin } from '@charla/protocol';
import { useCallback, useState } from 'react';
import type { FormEvent } from 'react';
import { useSession } from '../../app/SessionProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { formatTime } from '../../lib/format';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { OlderPages } from '../../ui/OlderPages';
import { useAction } from '../../ui/useAction';
import { WriteButton } from '../../ui/WriteButton';
import { MessageText } from './MessageText';
import { useHistory } from './useHistory';

/** The history: search its text, page back in time, delete a message (after a confirmation). */
export function MessagesPage() {
  const { t, language } = useI18n();
  const { api } = useSession();
  const history = useHistory(api);
  const [draft, setDraft] = useState('');
  const [doomed, setDoomed] = useState<admin.MessageItem | null>(null);
  const [notice, setNotice] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void history.search(draft);
  };

  return (
    <div className="messages">
      <form className="toolbar" onSubmit={submit} role="search">
        <div className="field grow">
          <label htmlFor="messages-q">{t.messages.search}</label>
          <input id="messages-q" type="search" value={draft} maxLength={500} onChange={(event) => setDraft(event.currentTarget.value)} />
        </div>
        <button type="submit" className="primary">
          {t.messages.submit}
        </button>
      </form>
      {notice !== '' && (
        <p className="notice ok" role="status">
          {notice}
        </p>
      )}
      <ErrorText error={history.error} />
      {history.items.some((message) => message.contenido === null) && <p className="muted">{t.messages.hiddenNote}</p>}
      {history.items.length === 0 && !history.loading ? (
        <p className="muted">{t.messages.empty}</p>
      ) : (
        <ol className="message-list" aria-label={t.messages.list} aria-busy={history.loading}>
          {history.items.map((message) => (
            <li key={message.id} className="message-item">
              <div className="message-meta">
                <span className="message-id">#{message.id}</span>
                <time dateTime={message.marca_tiempo}>{formatTime(message.marca_tiempo, language)}</time>
                <strong>{message.remitente}</strong>
                {message.tipo === 'privado' && <span className="pill">{t.messages.to(message.para)}</span>}
              </div>
              <p className="message-text">
                <MessageText message={message} />
              </p>
              <WriteButton className="small danger" onClick={() => setDoomed(message)} aria-label={`${t.messages.deleteConfirm} #${message.id}`}>
                {t.messages.delete}
              </WriteButton>
            </li>
          ))}
        </ol>
      )}
      <OlderPages loading={history.loading} shown={history.items.length} complete={history.complete} onOlder={() => void history.older()} />
      {doomed !== null && (
        <DeleteDialog
          message={doomed}
          onClose={() => setDoomed(null)}
          onDeleted={(id) => {
            history.remove(id);
            setDoomed(null);
            setNotice(t.messages.deleted(id));
          }}
        />
      )}
    </div>
  );
}

function DeleteDialog({ message, onClose, onDeleted }: { message: admin.MessageItem; onClose: () => void; onDeleted: (id: number) => void }) {
  const { t } = useI18n();
  const { api } = useSession();
  const remove = useCallback(() => api.deleteMessage(message.id), [api, message.id]);
  const done = useCallback(() => onDeleted(message.id), [onDeleted, message.id]);
  const action = useAction(remove, done);
  return (
    <Dialog title={t.messages.deleteTitle(message.id)} onClose={onClose} onSubmit={() => void action.run()} submitLabel={t.messages.deleteConfirm} submitting={action.busy} danger>
      <blockquote className="quote">
        <strong>{message.remitente}</strong>: <MessageText message={message} />
      </blockquote>
      <p>{t.messages.deleteBody}</p>
      <ErrorText error={action.error} />
    </Dialog>
  );
}
