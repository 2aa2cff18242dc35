/**
 * `GET /chat-info.json`: facts about a chat server that its clients tell their users, served
 * open (no token) on the chat's own origin. A proposal beside docs/protocol.md, not part of it:
 * - not a field of a chat frame (say `aceptado.servidor`): version 1's frames are fixed, and
 *   a client should know these facts before it joins (the web client's help says them);
 * - not under `/api`: that is the operators' surface, behind tokens, and may listen apart
 *   and on loopback only (`--admin-host`/`--admin-port`), out of users' reach;
 * - a small JSON document beside the web app instead: same origin as the app (its CSP's
 *   `connect-src 'self'` allows it; a dev proxy can forward it), readable by any client or
 *   bot, and open to more facts later (readers ignore fields they do not know).
 */
import { z } from 'zod';

export const CHAT_INFO_PATH = '/chat-info.json';

export const ChatInfo = z.object({
  /** The server runs with `--admin-reads-private`: its operators can read private messages (each read audited). */
  privateMessagesReadableByOperators: z.boolean(),
});
export type ChatInfo = z.infer<typeof ChatInfo>;
