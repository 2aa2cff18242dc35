/**
 * The interactive scrollback: an append-only list of lines, because the terminal prints each
 * line once (ink's <Static>) and never rewrites it. It listens to the client's frames
 * rather than rendering the SDK's log, which is rewritten in place (merges, deletions) as a
 * web page can be but a terminal cannot. It also says what happened to the connection:
 * joined, lost, "reconnected, N messages caught up".
 */
import type { HistoryEntry, ServerFrameOf } from '@charla/protocol';
import type { ChatClient, ChatSnapshot } from '@charla/sdk';
import { count } from '../format.js';
import { frameToLine, LINE_FRAME_TYPES } from './lines.js';
import type { Line, LineFrame } from './lines.js';

export interface Entry {
  /** Stable React key. */
  readonly key: number;
  readonly line: Line;
}

/** The part of ChatClient a transcript listens to. */
export interface TranscriptSource {
  on: ChatClient['on'];
  getSnapshot(): Pick<ChatSnapshot, 'nombre'>;
}

export class Transcript {
  private entries: readonly Entry[] = [];
  private readonly listeners = new Set<() => void>();
  /** The newest message id printed live: a catch-up after a reconnect prints only newer ones. */
  private lastShownId = 0;
  private joined = false;

  constructor(
    private readonly source: TranscriptSource,
    private readonly now: () => Date = () => new Date(),
  ) {
    source.on('aceptado', (frame) => this.accepted(frame));
    for (const tipo of LINE_FRAME_TYPES) source.on(tipo, (frame: LineFrame) => this.received(frame));
    source.on('state', (state) => {
      // The SDK reports a change of state once: one notice per loss, however many retries.
      if (state === 'reconectando' && this.joined) this.add({ kind: 'info', text: 'connection lost; reconnecting…' });
    });
  }

  /** For `useSyncExternalStore(transcript.subscribe, transcript.getSnapshot)`. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): readonly Entry[] => this.entries;

  add(line: Line): void {
    // A new array each time: <Static> prints the entries past the length it saw last.
    this.entries = [...this.entries, { key: this.entries.length, line }];
    for (const listener of this.listeners) listener();
  }

  /** An older page asked for with /history: shown again even if printed before. */
  showHistory(messages: readonly HistoryEntry[]): void {
    this.add({ kind: 'info', text: messages.length === 0 ? 'no messages yet' : `the last ${count(messages.length, 'message')}:` });
    for (const message of messages) this.add(this.lineOf(message, this.source.getSnapshot().nombre));
    if (messages.length > 0) this.add({ kind: 'info', text: 'end of history' });
  }

  private accepted(frame: ServerFrameOf<'aceptado'>): void {
    const missed = frame.historial.filter((m) => m.id > this.lastShownId);
    if (this.joined) {
      const how = frame.reanudado ? 'reconnected' : 'reconnected as a new session';
      this.add({ kind: 'info', text: `${how}, ${count(missed.length, 'message')} caught up` });
    }
    for (const message of missed) this.showMessage(message, frame.nombre);
    if (!this.joined) {
      this.joined = true;
      this.add({ kind: 'info', text: `joined as ${frame.nombre}; ${frame.usuarios.length} online; /help lists the commands` });
    }
  }

  private received(frame: LineFrame): void {
    const me = this.source.getSnapshot().nombre;
    if (frame.tipo === 'mensaje' || frame.tipo === 'privado') return this.showMessage(frame, me);
    if (frame.tipo === 'mensaje_borrado') return this.add(this.deleted(frame.id));
    this.add(frameToLine(frame, me, this.now().toISOString()));
  }

  private showMessage(message: HistoryEntry, me: string | null): void {
    if (message.id <= this.lastShownId) return;
    this.lastShownId = message.id;
    this.add(this.lineOf(message, me));
  }

  private lineOf(message: HistoryEntry, me: string | null): Line {
    return frameToLine(message, me, this.now().toISOString());
  }

  /** The deletion notice, saying whose message went when it is still on screen. */
  private deleted(id: number): Line {
    const at = this.now().toISOString();
    for (const { line } of this.entries) {
      if ((line.kind === 'message' || line.kind === 'action' || line.kind === 'private') && line.id === id) {
        return { kind: 'deleted', at, id, original: { author: line.kind === 'private' ? line.from : line.author, at: line.at } };
      }
    }
    return { kind: 'deleted', at, id };
  }
}
