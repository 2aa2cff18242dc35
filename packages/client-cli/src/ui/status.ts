/**
 * The status line under the scrollback: the connection (with a countdown while it waits to
 * reconnect), how many are online, and who is typing.
 */
import type { ChatSnapshot } from '@charla/sdk';
import type { Style } from '../format.js';
import { en } from '../i18n/index.js';
import type { Messages } from '../i18n/index.js';
import { sanitize } from '../sanitize.js';

export type StatusSnapshot = Pick<ChatSnapshot, 'state' | 'available' | 'users' | 'typing' | 'retryAt'>;

export function statusText(snapshot: StatusSnapshot, now: number, style: Style, t: Messages = en): string {
  switch (snapshot.state) {
    case 'conectando':
      return style.yellow(t.chat.connecting);
    case 'desconectado':
      return style.red(t.chat.disconnected);
    case 'reconectando': {
      const seconds = snapshot.retryAt === null ? 0 : Math.ceil((snapshot.retryAt - now) / 1000);
      return style.yellow(seconds > 0 ? t.chat.reconnectingIn(seconds) : t.chat.reconnecting);
    }
    case 'conectado': {
      const parts = [snapshot.available ? style.green(t.chat.connected) : style.yellow(t.chat.paused), t.chat.online(snapshot.users.length)];
      const typing = typingText(snapshot.typing, t);
      if (typing !== '') parts.push(style.italic(typing));
      return parts.join(style.dim(' · '));
    }
  }
}

/** "bea is typing…", "bea and cy are typing…", "bea, cy and 2 more are typing…". */
export function typingText(names: readonly string[], t: Messages = en): string {
  const [a = '', b = '', ...rest] = names.map(sanitize);
  if (names.length === 0) return '';
  if (names.length === 1) return t.chat.typing1(a);
  if (names.length === 2) return t.chat.typing2(a, b);
  return t.chat.typingMore(a, b, rest.length);
}
