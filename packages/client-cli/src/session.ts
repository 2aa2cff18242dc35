/**
 * The CLI's one road to the server: an SDK ChatClient over `ws` (never a hand-rolled
 * protocol), and the translation of how a session ends into a CliFailure with its exit code.
 * `runScripted` is the frame of every scripting command: join, work, leave, exit cleanly on
 * a stop request.
 */
import { randomBytes } from 'node:crypto';
import type { ServerFrameOf } from '@charla/protocol';
import { ChatClient, ChatError } from '@charla/sdk';
import type { EndReason } from '@charla/sdk';
import { TcpSocket } from '@charla/sdk/tcp';
import WebSocket from 'ws';
import type { Context } from './context.js';
import { CliFailure, EXIT } from './exit-codes.js';
import { codeText, en, withDetail } from './i18n/index.js';
import type { Messages } from './i18n/index.js';
import { watchStop } from './stop.js';

/**
 * Scripts do not reconnect: a lost connection or a closed server ends the command with exit
 * 3, so the caller decides what to do. The interactive chat reconnects and resumes.
 * `tcp://host:port` URLs speak line-JSON over raw TCP, `ws://`/`wss://` WebSocket.
 */
export function createClient(reconnect: boolean, url: string): ChatClient {
  return new ChatClient({ WebSocket: url.startsWith('tcp:') ? TcpSocket : WebSocket, ...(!reconnect && { reconnect: false }) });
}

/** Names are unique in a chat: a script without one gets its own, `cli-3f2a`. */
function scriptName(context: Context): string {
  return context.name ?? `cli-${randomBytes(2).toString('hex')}`;
}

export function join(client: ChatClient, context: Context, nombre: string): Promise<ServerFrameOf<'aceptado'>> {
  return client.connect({ url: context.url, nombre, ...(context.secret !== undefined && { clave: context.secret }) });
}

/**
 * Why the session ended, as a failure; null when we left on purpose. `closing` is the
 * server's `servidor_cerrando` reason when it said goodbye before the socket closed.
 */
export function endFailure(ended: EndReason, url: string, closing: string | undefined, t: Messages = en): CliFailure | null {
  switch (ended.kind) {
    case 'desconexion':
      return null;
    case 'rechazado':
      return new CliFailure(EXIT.refused, `${t.end.refused}: ${withDetail(codeText(t, ended.motivo), ended.detalle)}`);
    case 'expulsado':
      return new CliFailure(EXIT.refused, ended.motivo === '' ? t.end.kickedNoReason : t.end.kicked(ended.motivo));
    case 'reemplazado':
      return new CliFailure(EXIT.refused, t.end.replaced);
    case 'red':
      return new CliFailure(EXIT.network, closing === undefined ? withDetail(t.end.noConnection(url), ended.detalle) : t.end.serverClosed(closing));
  }
}

/** A failed SDK call as a CliFailure; anything else is a bug and is rethrown. */
export function callFailure(error: unknown, client: ChatClient, url: string, closing?: string, t: Messages = en): CliFailure {
  if (error instanceof CliFailure) return error;
  if (!(error instanceof ChatError)) throw error;
  const ended = client.getSnapshot().ended;
  const fromEnd = ended === null ? null : endFailure(ended, url, closing, t);
  if (fromEnd !== null) return fromEnd;
  if (error.code === 'red') return new CliFailure(EXIT.network, withDetail(t.end.noConnection(url), error.message));
  return new CliFailure(EXIT.refused, `${t.end.refused}: ${withDetail(codeText(t, error.code), error.message)}`);
}

/** Rejects with the failure when the session ends by itself (kick, network, server close). */
function untilEnded(client: ChatClient, url: string, closing: () => string | undefined, t: Messages): Promise<never> {
  return new Promise((_, reject) => {
    const off = client.on('change', ({ ended }) => {
      if (ended === null) return;
      off();
      const failure = endFailure(ended, url, closing(), t);
      if (failure !== null) reject(failure);
    });
  });
}

/**
 * Joins with the script's name, runs `work`, leaves. SIGINT, SIGTERM or a closed stdout end
 * it early and cleanly (exit 0); a refusal, kick or network failure throws its CliFailure.
 * `signal` aborts when the command ends, so work still waiting (on stdin, say) lets go.
 * Subscribe to frames on `client` before calling, so none is missed.
 */
export async function runScripted(
  context: Context,
  client: ChatClient,
  work: (aceptado: ServerFrameOf<'aceptado'>, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const stop = watchStop(context.io);
  const done = new AbortController();
  let closing: string | undefined;
  const offClosing = client.on('servidor_cerrando', (frame) => (closing = frame.motivo));
  try {
    const session = join(client, context, scriptName(context)).then((aceptado) =>
      Promise.race([work(aceptado, done.signal), untilEnded(client, context.url, () => closing, context.t)]),
    );
    await Promise.race([session, stop.stopped]);
  } catch (error) {
    throw callFailure(error, client, context.url, closing, context.t);
  } finally {
    done.abort();
    offClosing();
    client.disconnect();
    stop.dispose();
  }
}
