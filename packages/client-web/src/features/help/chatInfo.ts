/**
 * What the server the chat is connected to says about itself (`/chat-info.json`, see
 * @charla/protocol's chat-info.ts): asked only when the WebSocket goes to the page's own
 * origin. Another address the person typed is out of reach (the page's
 * Content-Security-Policy allows only its own origin, and asking would be a violation), so
 * there, as behind a proxy that does not forward it, the answer is "the server did not say".
 */
import { CHAT_INFO_PATH, ChatInfo } from '@charla/protocol';

export type FetchLike = (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;

/**
 * `ws(s)://host/ws` -> `http(s)://host/chat-info.json` when that host is `pageOrigin`; null
 * for another origin or an address that is not a URL.
 */
export function chatInfoUrl(serverUrl: string, pageOrigin: string): string | null {
  try {
    const url = new URL(serverUrl);
    url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
    url.pathname = CHAT_INFO_PATH;
    url.search = '';
    url.hash = '';
    return url.origin === pageOrigin ? url.href : null;
  } catch {
    return null;
  }
}

/** The server's facts, or null when it cannot say (unreachable, an error, another shape). */
export async function loadChatInfo(url: string, fetch: FetchLike, signal?: AbortSignal): Promise<ChatInfo | null> {
  try {
    const response = await fetch(url, { ...(signal !== undefined && { signal }) });
    if (!response.ok) return null;
    const parsed = ChatInfo.safeParse(await response.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
