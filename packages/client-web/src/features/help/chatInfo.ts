/**
 * What the server the chat is connected to says about itself (`/chat-info.json`, see
 * @charla/protocol's chat-info.ts): fetched from the host the WebSocket goes to, which is the
 * page's own origin unless the person typed another address. That other origin is usually
 * out of reach (the page's Content-Security-Policy only allows its own), and then, as behind
 * a proxy that does not forward it, the answer is null: "the server did not say".
 */
import { CHAT_INFO_PATH, ChatInfo } from '@charla/protocol';

export type FetchLike = (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;

/** `ws(s)://host/ws` -> `http(s)://host/chat-info.json`; null for an address that is not a URL. */
export function chatInfoUrl(serverUrl: string): string | null {
  try {
    const url = new URL(serverUrl);
    url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
    url.pathname = CHAT_INFO_PATH;
    url.search = '';
    url.hash = '';
    return url.href;
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
