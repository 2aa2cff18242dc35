/**
 * Carries out what the user typed (chat/input.ts) with the client, and puts the answer or
 * the error in the transcript. Nothing here waits: replies land in the transcript later.
 */
import type { ChatClient } from '@charla/sdk';
import { ChatError } from '@charla/sdk';
import { helpText } from './input.js';
import type { Input } from './input.js';
import { codeText, en } from '../i18n/index.js';
import type { Messages } from '../i18n/index.js';
import { ACTION_PREFIX } from './lines.js';
import type { Transcript } from './transcript.js';

export interface ActionTarget {
  readonly client: Pick<ChatClient, 'send' | 'sendPrivate' | 'users' | 'history' | 'getSnapshot'>;
  readonly transcript: Pick<Transcript, 'add' | 'showHistory'>;
  /** The user's language, for errors. */
  readonly t: Messages;
  clearScreen(): void;
  quit(): void;
}

export function perform(input: Input, target: ActionTarget): void {
  const { client, transcript } = target;
  const report = (error: unknown) => transcript.add({ kind: 'error', ...explain(error, target.t) });
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

/**
 * What went wrong, for a person: the code in the user's words, the server's own `detalle`
 * as the detail (unforeseen codes are shown as themselves).
 */
export function explain(error: unknown, t: Messages = en): { text: string; detail?: string } {
  if (!(error instanceof ChatError)) return { text: String(error) };
  return { text: codeText(t, error.code), detail: error.message };
}
