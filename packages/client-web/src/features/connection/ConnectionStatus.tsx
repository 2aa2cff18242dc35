import type { ChatSnapshot } from '@charla/sdk';
import { StatusLine } from '@charla/web-ui';
import type { Tone } from '@charla/web-ui';
import { useChatClient, useChatSnapshot } from '../../app/ChatProvider';
import type { Dictionary } from '../../i18n/dictionary';
import { useI18n } from '../../i18n/I18nProvider';
import { useReconnection } from './useReconnection';
import type { Reconnection } from './useReconnection';

/** The connection, always in view: connected, paused, reconnecting (with its countdown), or over. */
export function ConnectionStatus() {
  const client = useChatClient();
  const snapshot = useChatSnapshot();
  const { t } = useI18n();
  const reconnection = useReconnection(client);
  const { tone, text } = describe(snapshot, reconnection, t);
  const { reconnected } = reconnection;
  return (
    <div className={`status status-${tone}`}>
      <StatusLine className="status-line" retryAt={snapshot.state === 'reconectando' ? snapshot.retryAt : null} retryIn={t.status.retryIn}>
        {text}
      </StatusLine>
      {reconnected !== null && snapshot.state === 'conectado' && (
        <p role="status" className="status-note">
          {reconnected.resumed ? t.status.caughtUp(reconnected.caughtUp) : t.status.rejoined}
        </p>
      )}
    </div>
  );
}

function describe(snapshot: ChatSnapshot, reconnection: Reconnection, t: Dictionary): { tone: Tone; text: string } {
  switch (snapshot.state) {
    case 'conectado':
      return snapshot.available ? { tone: 'ok', text: t.status.connected(snapshot.nombre ?? '') } : { tone: 'warn', text: t.status.paused };
    case 'conectando':
      return { tone: 'busy', text: t.status.connecting };
    case 'reconectando':
      return { tone: 'warn', text: reconnection.shutdown ? t.status.shutdown : t.status.lost };
    case 'desconectado':
      switch (snapshot.ended?.kind) {
        case 'expulsado':
          return { tone: 'error', text: t.status.kicked(snapshot.ended.motivo) };
        case 'reemplazado':
          return { tone: 'error', text: t.status.replaced };
        default:
          return { tone: 'error', text: t.status.disconnected };
      }
  }
}
