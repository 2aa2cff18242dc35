import { CONTENT_MAX } from '@charla/protocol';
import { useCallback, useState } from 'react';
import { useSession } from '../../app/SessionProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { formatTime } from '../../lib/format';
import { ErrorText } from '../../ui/ErrorText';
import { useAction } from '../../ui/useAction';
import { WriteButton } from '../../ui/WriteButton';

/** Characters left before the counter shows. */
const COUNTER_FROM = 200;

/** A system message to everyone connected (`POST /api/announcements`; clients get `sistema`). */
export function AnnouncePage() {
  const { t, language } = useI18n();
  const { api } = useSession();
  const [content, setContent] = useState('');
  const [sentAt, setSentAt] = useState<string | null>(null);
  const send = useCallback(async () => {
    const { at } = await api.announce({ content: content.trim() });
    setSentAt(at);
    setContent('');
  }, [api, content]);
  const action = useAction(send);
  // The server counts code points, as Array.from does.
  const left = CONTENT_MAX - Array.from(content).length;

  return (
    <form
      className="announce"
      onSubmit={(event) => {
        event.preventDefault();
        void action.run();
      }}
    >
      <div className="field">
        <label htmlFor="announce-content">{t.announce.content}</label>
        <textarea
          id="announce-content"
          rows={4}
          value={content}
          onChange={(event) => {
            setContent(event.currentTarget.value);
            setSentAt(null);
          }}
          aria-describedby="announce-hint"
        />
        <p className="hint" id="announce-hint">
          {t.announce.hint}
          {left < COUNTER_FROM && <span className={left < 0 ? 'over' : undefined}> {t.announce.left(left)}</span>}
        </p>
      </div>
      <ErrorText error={action.error} />
      {sentAt !== null && (
        <p className="notice ok" role="status">
          {t.announce.sent(formatTime(sentAt, language))}
        </p>
      )}
      <WriteButton type="submit" className="primary" disabled={content.trim() === '' || left < 0 || action.busy}>
        {t.announce.send}
      </WriteButton>
    </form>
  );
}
