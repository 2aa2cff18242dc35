import type { ChatSnapshot } from '@charla/sdk';
import { StatusLine } from '@charla/web-ui';
import type { Tone } from '@charla/web-ui';
import { useChatClient, useChatSnapshot } from '../../app/ChatProvider';
import type { Dictionary } from '../../i18n/dictionary';
import { useI18n } from '../../i18n/I18nProvider';
import { endText } from './endReason';
import { useReconnection } from './useReconnection';
import type { Reconnection } from './useReconnection';

/** The connection, always in view: connected, paused, reconnecting (with its countdown), or over. */
export function ConnectionStatus() {
  const client = useChatClient();
  const snapshot = useChatSnapshot();
  const { t, language } = useI18n();
  const reconnection = useReconnection(client);
  const { tone, text, detail } = describe(snapshot, reconnection, t, language);
  const { reconnected } = reconnection;
  return (
    <div className={`status status-${tone}`}>
      <StatusLine className="status-line" retryAt={snapshot.state === 'reconectando' ? snapshot.retryAt : null} retryIn={t.status.retryIn}>
        {text}
        {detail !== null && <span className="status-detail"> {detail}</span>}
      </StatusLine>
      {reconnected !== null && snapshot.state === 'conectado' && (
        <p role="status" className="status-note">
          {reconnected.resumed ? t.status.caughtUp(reconnected.caughtUp) : t.status.rejoined}
        </p>
      )}
    </div>
  );
}

function describe(snapshot: ChatSnapshot, reconnection: Reconnection, t: Dictionary, language: string): { tone: Tone; text: string; detail: string | null } {
  switch (snapshot.state) {
    case 'conectado':
      return snapshot.available ? { tone: 'ok', text: t.status.connected(snapshot.nombre ?? ''), detail: null } : { tone: 'warn', text: t.status.paused, detail: null };
    case 'conectando':
      return { tone: 'busy', text: t.status.connecting, detail: null };
    case 'reconectando':
      return { tone: 'warn', text: reconnection.shutdown ? t.status.shutdown : t.status.lost, detail: null };
    case 'desconectado': {
      const ended = endText(snapshot.ended, t, language);
      return { tone: 'error', text: ended?.message ?? t.status.disconnected, detail: ended?.detail ?? null };
    }
  }
}
