/**
 * `GET /chat-info.json` (see @charla/protocol's chat-info.ts for why it exists and why here):
 * what users' clients should know about this server, on the chat's own app, so it is
 * reachable wherever the chat is, even when the admin API listens apart.
 */
import type { FastifyInstance } from 'fastify';
import { CHAT_INFO_PATH } from '@charla/protocol';
import type { ChatInfo } from '@charla/protocol';

export function registerChatInfo(app: FastifyInstance, info: ChatInfo): void {
  app.get(CHAT_INFO_PATH, async (_request, reply): Promise<ChatInfo> => {
    // Public facts, no credentials: any page may read them (a web chat served elsewhere too).
    reply.header('access-control-allow-origin', '*');
    // A restart may change them; clients ask again rather than trust a cached copy.
    reply.header('cache-control', 'no-cache');
    return info;
  });
}
