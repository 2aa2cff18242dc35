/**
 * The interactive chat: the scrollback printed once above (ink's <Static>), then the status
 * line and the input line, which ink redraws in place. Asks for a name when there is none
 * or the server refused it. The socket lives in the ChatClient, never in a component: this
 * only reads snapshots and calls the client.
 */
import type { ChatClient, ChatErrorCode } from '@charla/sdk';
import { backoffDelay, ChatError, DEFAULT_BACKOFF } from '@charla/sdk';
import { Static, Text, useInput, useStdout } from 'ink';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { perform } from '../chat/actions.js';
import { chatKey } from '../chat/chat-keys.js';
import { EMPTY } from '../chat/editor.js';
import { overLimit, parseInput } from '../chat/input.js';
import { Recall } from '../chat/recall.js';
import type { Entry, Transcript } from '../chat/transcript.js';
import type { CliFailure } from '../exit-codes.js';
import type { Style } from '../format.js';
import { codeText, withDetail } from '../i18n/index.js';
import type { Messages } from '../i18n/index.js';
import { sanitize } from '../sanitize.js';
import { callFailure, endFailure } from '../session.js';
import { InputLine } from './input-line.js';
import { isInterrupt } from './keys.js';
import { useLineEditor } from './line-editor.js';
import { NamePrompt } from './name-prompt.js';
import { renderLine } from './render-line.js';
import { statusText } from './status.js';

export interface ChatAppProps {
  readonly client: ChatClient;
  readonly transcript: Transcript;
  readonly style: Style;
  readonly url: string;
  /** From --name or CHARLA_NAME; asked for when undefined. */
  readonly name: string | undefined;
  /** Connects and identifies as `name`; rejects with the SDK's ChatError. */
  readonly join: (name: string) => Promise<unknown>;
  /** The chat is over: null when the user left, otherwise why it ended. Called once. */
  readonly onExit: (failure: CliFailure | null) => void;
  /** The user's language, for refusals and errors. */
  readonly t: Messages;
}

type Phase =
  | { readonly kind: 'asking'; readonly problem: string | null }
  /** `attempt` counts the joins that found no server, for the backoff. */
  | { readonly kind: 'joining'; readonly name: string; readonly attempt: number }
  /** No server to join yet: try again at `retryAt` (epoch ms), as the SDK does on a lost connection. */
  | { readonly kind: 'waiting'; readonly name: string; readonly attempt: number; readonly retryAt: number; readonly detail: string }
  | { readonly kind: 'chatting' };

/** Never retry sooner than this: a countdown to read, not a busy loop. */
const FIRST_JOIN_MIN_DELAY_MS = 1000;

/** Refusals the user fixes by typing another name. */
const NAME_PROBLEMS: readonly ChatErrorCode[] = ['nombre_duplicado', 'nombre_invalido'];

/** Erase the screen and the terminal's scrollback, cursor home. */
const CLEAR_SCREEN = '\u001b[2J\u001b[3J\u001b[H';

export function ChatApp({ client, transcript, style, url, name, join, onExit, t }: ChatAppProps) {
  const [phase, setPhase] = useState<Phase>(name === undefined ? { kind: 'asking', problem: null } : { kind: 'joining', name, attempt: 0 });
  const entries = useSyncExternalStore(transcript.subscribe, transcript.getSnapshot);
  const snapshot = useSyncExternalStore(client.subscribe, client.getSnapshot);
  const { write } = useStdout();
  const [recall] = useState(() => new Recall());
  // Completion candidates, shown while the line still reads as the completion left it.
  const [matches, setMatches] = useState<{ readonly text: string; readonly names: readonly string[] }>({ text: '', names: [] });
  useTick(snapshot.state === 'reconectando' || phase.kind === 'waiting');

  useEffect(() => {
    if (phase.kind !== 'waiting') return;
    const timer = setTimeout(() => setPhase({ kind: 'joining', name: phase.name, attempt: phase.attempt }), Math.max(0, phase.retryAt - Date.now()));
    return () => clearTimeout(timer);
  }, [phase]);

  useEffect(() => {
    if (phase.kind !== 'joining') return;
    join(phase.name).then(
      () => setPhase({ kind: 'chatting' }),
      (error: unknown) => {
        // No server (yet): wait and try again, like a lost connection; Ctrl+C still leaves.
        if (error instanceof ChatError && error.code === 'red') {
          const delay = Math.max(FIRST_JOIN_MIN_DELAY_MS, backoffDelay(phase.attempt, DEFAULT_BACKOFF));
          return setPhase({ kind: 'waiting', name: phase.name, attempt: phase.attempt + 1, retryAt: Date.now() + delay, detail: error.message });
        }
        if (!(error instanceof ChatError && NAME_PROBLEMS.includes(error.code))) return onExit(callFailure(error, client, url, undefined, t));
        // The server's reason is in `ended` (the rejected promise only says "disconnected").
        const ended = client.getSnapshot().ended;
        setPhase({ kind: 'asking', problem: withDetail(codeText(t, error.code), ended?.kind === 'rechazado' ? ended.detalle : undefined) });
      },
    );
  }, [phase, join, onExit, client, url, t]);

  useEffect(() => {
    // Ended by the server (kick, ban on reconnect, replaced): leave with the reason.
    if (phase.kind === 'chatting' && snapshot.ended !== null) onExit(endFailure(snapshot.ended, url, undefined, t));
  }, [phase.kind, snapshot.ended, onExit, url, t]);

  useInput((input, key) => {
    if (isInterrupt(input, key)) onExit(null);
  });

  const run = (line: string) => {
    const input = parseInput(line);
    if (input !== null) perform(input, { client, transcript, t, clearScreen: () => write(CLEAR_SCREEN), quit: () => onExit(null) });
  };

  const others = snapshot.users.filter((user) => user !== snapshot.nombre);
  const editor = useLineEditor(
    (action, current) => {
      if (phase.kind === 'asking') {
        if (action.kind !== 'submit' || current.text.trim() === '') return current;
        setPhase({ kind: 'joining', name: current.text.trim(), attempt: 0 });
        return EMPTY;
      }
      // Too long for the server: keep it to shorten instead of sending it to be refused.
      const max = snapshot.limits?.contenido_max;
      const length = action.kind === 'submit' ? overLimit(current.text, max) : null;
      if (length !== null && max !== undefined) {
        transcript.add({ kind: 'error', text: t.chat.tooLong(length, max) });
        return current;
      }
      // While connecting too: the client queues what is sent until the chat opens.
      const result = chatKey(action, current, recall, others);
      if (result.matches !== undefined) setMatches({ text: result.editor.text, names: result.matches });
      if (result.submitted !== undefined) run(result.submitted);
      return result.editor;
    },
    (next) => {
      // Every keystroke refreshes the typing indicator; the client throttles what it sends.
      if (phase.kind === 'chatting') client.setTyping(next.text !== '');
    },
  );

  return (
    <>
      {/* Static only reads its items; the transcript's array is readonly to everyone else. */}
      <Static items={entries as Entry[]}>{(entry) => <Text key={entry.key}>{renderLine(entry.line, style, undefined, t)}</Text>}</Static>
      {phase.kind === 'asking' ? (
        <NamePrompt problem={phase.problem} editor={editor} style={style} t={t} />
      ) : (
        <>
          <Text>{joinStatus(phase, url, style, t) ?? statusText(snapshot, Date.now(), style, t)}</Text>
          <InputLine
            prompt={`${sanitize(phase.kind === 'chatting' ? (snapshot.nombre ?? '') : phase.name)} › `}
            editor={editor}
            matches={matches.text === editor.text ? matches.names : []}
            style={style}
          />
        </>
      )}
    </>
  );
}

/** The status line before the chat opens; null once chatting. */
function joinStatus(phase: Phase, url: string, style: Style, t: Messages): string | null {
  switch (phase.kind) {
    case 'joining':
      return style.dim(t.chat.joining(url, sanitize(phase.name)));
    case 'waiting': {
      const seconds = Math.max(0, Math.ceil((phase.retryAt - Date.now()) / 1000));
      return withDetail(style.yellow(t.chat.waiting(url, seconds)), phase.detail, style.dim);
    }
    default:
      return null;
  }
}

/** Re-renders twice a second while `active`: the reconnect countdown moves. */
function useTick(active: boolean): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), 500);
    return () => clearInterval(timer);
  }, [active]);
}
