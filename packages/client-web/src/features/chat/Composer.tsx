import { useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { CONTENT_MAX } from '@charla/protocol';
import { ChatError } from '@charla/sdk';
import { useChatClient, useChatSnapshot } from '../../app/ChatProvider';
import type { SendErrorCode } from '../../i18n/dictionary';
import { useI18n } from '../../i18n/I18nProvider';
import { contentCount } from './contentCounter';

interface ComposerProps {
  /** Null: a message to everyone; else a private one to this user. */
  readonly partner: string | null;
  readonly disabled: boolean;
}

type SendProblem = SendErrorCode | 'sendFailed';

/**
 * The message box: Enter sends, Shift+Enter breaks the line, a counter near the limit.
 * Sends made while reconnecting or paused wait in the SDK's queue and go out in order.
 */
export function Composer({ partner, disabled }: ComposerProps) {
  const client = useChatClient();
  const { limits, state, available } = useChatSnapshot();
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<SendProblem | null>(null);
  const [waiting, setWaiting] = useState(0);
  const count = contentCount(text, limits?.contenido_max ?? CONTENT_MAX);
  const canSend = !disabled && !count.over && text.trim() !== '';

  const send = () => {
    if (!canSend) return;
    const content = text;
    setText('');
    setProblem(null);
    client.setTyping(false);
    setWaiting((n) => n + 1);
    (partner === null ? client.send(content) : client.sendPrivate(partner, content))
      .catch((error: unknown) => {
        setProblem(sendProblem(error, t.composer.errors));
        // Give the text back unless a new one was started meanwhile.
        setText((current) => (current === '' ? content : current));
      })
      .finally(() => setWaiting((n) => n - 1));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // An Enter that confirms an input method's composition (Japanese, Chinese, ...) is not a send.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    send();
  };

  const showWaiting = waiting > 0 && (state !== 'conectado' || !available);
  // What happens to a message typed now: the SDK holds sends while (re)connecting and
  // re-sends them after; once the session is over it refuses them, so the box is off.
  const away = disabled || state === 'desconectado' ? 'ended' : state === 'reconectando' || state === 'conectando' ? 'queued' : null;
  const describedBy = ['composer-hint', away === null ? null : 'composer-away', count.visible ? 'composer-count' : null, problem === null ? null : 'composer-error']
    .filter((id) => id !== null)
    .join(' ');
  return (
    <form className="composer" onSubmit={onSubmit}>
      <label htmlFor="composer-text" className="sr-only">
        {partner === null ? t.composer.toEveryone : t.composer.toPartner(partner)}
      </label>
      <div className="composer-row">
        <textarea
          id="composer-text"
          rows={1}
          value={text}
          placeholder={partner === null ? t.composer.toEveryone : t.composer.toPartner(partner)}
          disabled={disabled}
          aria-invalid={count.over ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => {
            setText(event.currentTarget.value);
            client.setTyping(event.currentTarget.value.trim() !== '');
          }}
          onKeyDown={onKeyDown}
          autoFocus
        />
        <button type="submit" className="primary" disabled={!canSend}>
          {t.composer.send}
        </button>
      </div>
      <div className="composer-info">
        <p id="composer-hint" className="hint composer-hint">
          {t.composer.hint}
        </p>
        {count.visible && (
          <p id="composer-count" className={count.over ? 'counter over' : 'counter'}>
            {count.over ? t.composer.over(-count.remaining) : t.composer.left(count.remaining)}
          </p>
        )}
      </div>
      {away !== null && (
        <p id="composer-away" className={`hint composer-away composer-${away}`}>
          {t.composer[away]}
        </p>
      )}
      {showWaiting && (
        <p className="hint" role="status">
          {t.composer.waiting(waiting)}
        </p>
      )}
      {problem !== null && (
        <p id="composer-error" className="field-error" role="alert">
          {problem === 'sendFailed' ? t.composer.sendFailed : t.composer.errors[problem]}
        </p>
      )}
    </form>
  );
}

/** The error's code when the dictionary explains it (every language has the same keys). */
function sendProblem(error: unknown, explained: Readonly<Record<SendErrorCode, string>>): SendProblem {
  return error instanceof ChatError && Object.hasOwn(explained, error.code) ? (error.code as SendErrorCode) : 'sendFailed';
}
