/**
 * ChatClient: the one connection library, and the façade over the modules that do its work.
 * Connect and identify, send with acks, every server frame as a typed event, heartbeat,
 * reconnect with full-jitter backoff and resume, re-sending unacknowledged messages with their
 * original `ref` so nothing is lost or doubled. A `subscribe`/`getSnapshot` pair feeds React's
 * `useSyncExternalStore`. It owns the current snapshot and the listeners; the rest lives in
 *   connection.ts  socket, identification, keepalive, backoff, resume, what a close means
 *   snapshot.ts    the pure reducer: snapshot + frame -> next snapshot
 *   outbox.ts      unacknowledged sends: refs, the wait queue, re-sends, ack timeouts
 *   requests.ts    usuarios, historial and ping, answered on the connection they were asked on
 *   typing.ts      our typing throttle, others' typing expiry
 */
import type { ServerFrame, ServerFrameOf, ServerFrameType, UserEntry } from '@charla/protocol';
import { DEFAULT_BACKOFF } from './backoff.js';
import type { BackoffOptions } from './backoff.js';
import { Connection } from './connection.js';
import type { ConnectionState, ConnectOptions } from './connection.js';
import { Emitter } from './emitter.js';
import { ChatError } from './errors.js';
import { Outbox } from './outbox.js';
import type { SendFrame } from './outbox.js';
import { Requests } from './requests.js';
import { ended, INITIAL_SNAPSHOT, markRead, opening, paused, reduce, started, waiting, withHistory, withoutTypist } from './snapshot.js';
import type { ChatSnapshot } from './snapshot.js';
import type { WebSocketConstructor } from './socket.js';
import { Typing } from './typing.js';

export interface ChatClientOptions {
  /** The WebSocket class: the browser's by default; in Node pass `ws`'s. */
  readonly WebSocket?: WebSocketConstructor;
  /** `false` turns automatic reconnection off. */
  readonly reconnect?: Partial<BackoffOptions> | false;
  /** An unacknowledged send older than this means the connection is dead: reconnect. */
  readonly ackTimeoutMs?: number;
  /** Sends that may wait while disconnected or paused; more are refused (`cola_llena`). */
  readonly queueMax?: number;
  /** Entries kept in the message log. */
  readonly logMax?: number;
  /** For tests: the jitter source. */
  readonly random?: () => number;
}

type FrameEvents = { [T in ServerFrameType]: ServerFrameOf<T> };
export interface ChatEvents extends FrameEvents {
  /** Every server frame this version knows, whatever its type (after its own event). */
  frame: ServerFrame;
  state: ConnectionState;
  /** Anything in the snapshot changed. */
  change: ChatSnapshot;
}

export class ChatClient extends Emitter<ChatEvents> {
  private readonly logMax: number;
  private readonly connection: Connection;
  private readonly outbox: Outbox;
  private readonly requests: Requests;
  private readonly typing: Typing;
  private snapshot: ChatSnapshot = INITIAL_SNAPSHOT;

  constructor(options: ChatClientOptions = {}) {
    super();
    const ctor = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (ctor === undefined) throw new Error('no WebSocket available: pass options.WebSocket (in Node: the `ws` package)');
    this.logMax = options.logMax ?? 1000;
    this.connection = new Connection(
      {
        WebSocket: ctor,
        backoff: options.reconnect === false ? null : { ...DEFAULT_BACKOFF, ...options.reconnect },
        random: options.random ?? Math.random,
      },
      {
        frame: (frame) => this.receive(frame),
        opening: (state) => this.update(opening(this.snapshot, state)),
        waiting: (retryAt) => this.update(waiting(this.snapshot, retryAt)),
        detached: () => {
          this.outbox.unsent();
          this.requests.dropAll();
        },
        ended: (reason) => {
          this.outbox.rejectAll(`not sent: ${reason.kind}`);
          this.typing.stop();
          this.update(ended(this.snapshot, reason));
        },
        ackOverdue: () => this.outbox.overdue(),
      },
    );
    const link = this.connection;
    this.outbox = new Outbox(
      { canSend: () => link.isOpen() && this.snapshot.available, write: (frame) => link.write(frame) },
      { queueMax: options.queueMax ?? 100, ackTimeoutMs: options.ackTimeoutMs ?? 15_000 },
    );
    this.requests = new Requests({ isOpen: () => link.isOpen(), write: (frame) => link.write(frame), newRef: () => this.outbox.newRef() });
    this.typing = new Typing(link, (nombre) => this.update(withoutTypist(this.snapshot, nombre)));
  }

  // ------------------------------------------------------------------ public API

  get state(): ConnectionState {
    return this.snapshot.state;
  }

  /** For `useSyncExternalStore(client.subscribe, client.getSnapshot)`. */
  readonly subscribe = (onChange: () => void): (() => void) => this.on('change', onChange);
  readonly getSnapshot = (): ChatSnapshot => this.snapshot;

  /**
   * Connects and identifies. Resolves with `aceptado`; rejects with a ChatError whose code is
   * the `rechazado.motivo`, or `red` when the server cannot be reached.
   */
  connect(options: ConnectOptions): Promise<ServerFrameOf<'aceptado'>> {
    if (this.connection.active) return Promise.reject(new Error('already connected or connecting: disconnect() first'));
    this.update(started(this.snapshot));
    return this.connection.connect(options);
  }

  /** Sends a public message; resolves with its id once the server stored it. */
  send(contenido: string): Promise<number> {
    return this.enqueue({ tipo: 'mensaje', contenido, ref: this.outbox.newRef() });
  }

  /** Sends a private message to `para`; resolves with its id. */
  sendPrivate(para: string, contenido: string): Promise<number> {
    return this.enqueue({ tipo: 'privado', para, contenido, ref: this.outbox.newRef() });
  }

  /** Typing indicator; call it on every keystroke, it is throttled to the server's rate. */
  setTyping(activo: boolean): void {
    this.typing.set(activo);
  }

  /** The users in the chat, with when they joined. */
  async users(): Promise<UserEntry[]> {
    return (await this.requests.query({ tipo: 'usuarios' })).usuarios;
  }

  /** Older messages: the newest `limite` before `antes`, oldest first; merged into the log. */
  async history(options: { antes?: number; limite?: number } = {}): Promise<ServerFrameOf<'historial'>> {
    const frame = await this.requests.query({ tipo: 'historial', ...options });
    this.update(withHistory(this.snapshot, frame, this.logMax));
    return frame;
  }

  /** Round-trip time to the server, in ms. */
  ping(): Promise<number> {
    return this.requests.ping();
  }

  /** Marks a private conversation as read. */
  markRead(partner: string): void {
    this.update(markRead(this.snapshot, partner));
  }

  /** Leaves for good: `desconexion`, no reconnect; waiting sends are refused. */
  disconnect(): void {
    this.connection.disconnect();
  }

  // ------------------------------------------------------------------ inside

  /** A server frame, after the connection took its part: snapshot, then effects, then events. */
  private receive(frame: ServerFrame): void {
    this.update(reduce(this.snapshot, frame, this.logMax));
    this.typing.seen(frame);
    switch (frame.tipo) {
      case 'aceptado':
        this.outbox.flush();
        break;
      case 'estado':
        if (frame.disponible) this.outbox.flush();
        break;
      case 'acuse':
        this.outbox.acked(frame);
        break;
      case 'error': {
        const outcome = this.outbox.refused(frame);
        // Held: it goes out again after estado{disponible:true}.
        if (outcome === 'held') this.update(paused(this.snapshot));
        else if (outcome === 'other') this.requests.refused(frame);
        break;
      }
      case 'historial':
      case 'usuarios':
      case 'pong':
        this.requests.answered(frame);
        break;
    }
    this.emit(frame.tipo, frame as never);
    this.emit('frame', frame);
  }

  private enqueue(frame: SendFrame): Promise<number> {
    if (!this.connection.active) return Promise.reject(new ChatError('desconectado', 'not connected: call connect() first'));
    return this.outbox.add(frame);
  }

  /** Takes the reducer's next snapshot; the same object means nothing changed, so no event. */
  private update(next: ChatSnapshot): void {
    const previous = this.snapshot;
    if (next === previous) return;
    this.snapshot = next;
    if (next.state !== previous.state) this.emit('state', next.state);
    this.emit('change', next);
  }
}
