/**
 * The status line under the scrollback: the connection (with a countdown while it waits to
 * reconnect), how many are online, and who is typing.
 */
import type { ChatSnapshot } from '@charla/sdk';
import type { Style } from '../format.js';
import { sanitize } from '../sanitize.js';

export type StatusSnapshot = Pick<ChatSnapshot, 'state' | 'available' | 'users' | 'typing' | 'retryAt'>;

export function statusText(snapshot: StatusSnapshot, now: number, style: Style): string {
  switch (snapshot.state) {
    case 'conectando':
      return style.yellow('○ connecting…');
    case 'desconectado':
      return style.red('○ disconnected');
    case 'reconectando': {
      const seconds = snapshot.retryAt === null ? 0 : Math.ceil((snapshot.retryAt - now) / 1000);
      return style.yellow(seconds > 0 ? `○ reconnecting in ${seconds}s…` : '○ reconnecting…');
    }
    case 'conectado': {
      const parts = [
        snapshot.available ? style.green('● connected') : style.yellow('‖ paused by the server: messages wait'),
        `${snapshot.users.length} online`,
      ];
      const typing = typingText(snapshot.typing);
      if (typing !== '') parts.push(style.italic(typing));
      return parts.join(style.dim(' · '));
    }
  }
}

/** "bea is typing…", "bea and cy are typing…", "bea, cy and 2 more are typing…". */
export function typingText(names: readonly string[]): string {
  const safe = names.map(sanitize);
  if (safe.length === 0) return '';
  if (safe.length === 1) return `${safe[0]} is typing…`;
  if (safe.length === 2) return `${safe[0]} and ${safe[1]} are typing…`;
  return `${safe[0]}, ${safe[1]} and ${safe.length - 2} more are typing…`;
}
