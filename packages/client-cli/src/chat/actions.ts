/**
 * Carries out what the user typed (chat/input.ts) with the client, and puts the answer or
 * the error in the transcript. Nothing here waits: replies land in the transcript later.
 */
import type { ChatClient } from '@charla/sdk';
import { ChatError } from '@charla/sdk';
import type { ChatErrorCode } from '@charla/sdk';
import { helpText } from './input.js';
import type { Input } from './input.js';
import { ACTION_PREFIX } from './lines.js';
import type { Transcript } from './transcript.js';

export interface ActionTarget {
  readonly client: Pick<ChatClient, 'send' | 'sendPrivate' | 'users' | 'history' | 'getSnapshot'>;
  readonly transcript: Pick<Transcript, 'add' | 'showHistory'>;
  clearScreen(): void;
  quit(): void;
}

export function perform(input: Input, target: ActionTarget): void {
  const { client, transcript } = target;
  const report = (error: unknown) => transcript.add({ kind: 'error', text: explain(error) });
  switch (input.kind) {
    case 'say':
      return void client.send(input.text).catch(report);
    case 'me':
      return void client.send(`${ACTION_PREFIX}${input.action}`).catch(report);
    case 'msg':
      return void client.sendPrivate(input.to, input.text).catch(report);
    case 'users':
      return void client.users().then((users) => {
        const me = client.getSnapshot().nombre;
        const names = users.map((u) => (u.nombre === me ? `${u.nombre} (you)` : u.nombre));
        transcript.add({ kind: 'info', text: `${users.length} online: ${names.join(', ')}` });
      }, report);
    case 'history':
      return void client.history({ limite: input.limit }).then((page) => transcript.showHistory(page.mensajes), report);
    case 'help':
      return transcript.add({ kind: 'info', text: helpText() });
    case 'clear':
      return target.clearScreen();
    case 'quit':
      return target.quit();
    case 'invalid':
      return transcript.add({ kind: 'error', text: input.message });
  }
}

/** What went wrong, for a person; the server's own detail for anything unforeseen. */
const EXPLANATIONS: Partial<Record<ChatErrorCode, string>> = {
  destinatario_desconocido: 'nobody by that name is online (/users lists who is)',
  limite_de_frecuencia: 'too fast, not sent: wait a few seconds and send it again',
  demasiado_grande: 'too long for this server: not sent',
  contenido_vacio: 'nothing to send',
  cola_llena: 'too many messages are waiting for the connection to come back',
  red: 'not connected right now; try again once reconnected',
};

export function explain(error: unknown): string {
  if (!(error instanceof ChatError)) return String(error);
  return EXPLANATIONS[error.code] ?? `${error.code}: ${error.message}`;
}
