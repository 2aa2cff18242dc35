/**
 * ChatClient: the one connection library. Connect and identify, send with acks, every server
 * frame as a typed event, heartbeat, reconnect with full-jitter backoff and resume (token +
 * last id seen), re-sending unacknowledged messages with their original `ref` so nothing is
 * lost or doubled. A `subscribe`/`getSnapshot` pair feeds React's `useSyncExternalStore`.
 */
import type {
  ClientFrame,
  RejectionReason,
  ServerFrame,
  ServerFrameOf,
  ServerFrameType,
  UserEntry,
} from '@charla/protocol';
import { CloseCode, decodeServerFrame, encode, PROTOCOL_VERSION, RETRYABLE_REJECTIONS } from '@charla/protocol';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
import type { BackoffOptions } from './backoff.js';
import { Emitter } from './emitter.js';
import { ChatError } from './errors.js';
import { Outbox } from './outbox.js';
import { Typing } from './typing.js';
import type { SendFrame } from './outbox.js';
import { ended, INITIAL_SNAPSHOT, markRead, opening, paused, reduce, started, waiting, withHistory, withoutTypist } from './snapshot.js';
import type { ChatSnapshot } from './snapshot.js';
import type { WebSocketConstructor, WebSocketLike } from './socket.js';
import { OPEN } from './socket.js';

export type ConnectionState = 'desconectado' | 'conectando' | 'conectado' | 'reconectando';

/** Why the client stopped for good (it will not reconnect by itself). */
export type EndReason =
  | { readonly kind: 'desconexion' }
  | { readonly kind: 'rechazado'; readonly motivo: RejectionReason; readonly detalle: string }
  | { readonly kind: 'expulsado'; readonly motivo: string }
  | { readonly kind: 'reemplazado' }
  | { readonly kind: 'red'; readonly detalle: string };

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

export interface ConnectOptions {
  /** `ws://host:55555/ws` (or `wss://`). */
  readonly url: string;
  readonly nombre: string;
  /** The server's join secret, when it has one. */
  readonly clave?: string;
}

type FrameEvents = { [T in ServerFrameType]: ServerFrameOf<T> };
export interface ChatEvents extends FrameEvents {
  /** Every server frame this version knows, whatever its type (after its own event). */
  frame: ServerFrame;
  state: ConnectionState;
  /** Anything in the snapshot changed. */
  change: ChatSnapshot;
}

interface PendingQuery {
  readonly tipo: 'historial' | 'usuarios';
  readonly resolve: (frame: ServerFrame) => void;
  readonly reject: (error: ChatError) => void;
}

/**
 * How this client closes a socket it gave up on (silence, an overdue ack). Private (4000-4999
 * belong to the application) and deliberately not 1000/1001: the server reads those as a
 * goodbye, anything else as a lost connection whose session it holds for resuming.
 */
const GAVE_UP_CLOSE_CODE = 4000;

export class ChatClient extends Emitter<ChatEvents> {
  private readonly WebSocketClass: WebSocketConstructor;
  private readonly backoff: BackoffOptions | null;
  private readonly logMax: number;
  private readonly random: () => number;

  private socket: WebSocketLike | null = null;
  private session: ConnectOptions | null = null;
  private token: string | undefined;
  private lastId = 0;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private keepaliveTimer: ReturnType<typeof setInterval> | undefined;
  private lastReceived = 0;
  /** Why the server is about to close us: decides what happens after the close. */
  private closingHint: ServerFrameOf<'rechazado' | 'expulsado' | 'servidor_cerrando'> | null = null;
  private firstConnect: { resolve: (f: ServerFrameOf<'aceptado'>) => void; reject: (e: ChatError) => void } | null = null;
  private readonly outbox: Outbox;
  private readonly queries: PendingQuery[] = [];
  private readonly pings = new Map<string, { started: number; resolve: (ms: number) => void; reject: (e: ChatError) => void }>();
  private readonly typing: Typing;
  private snapshot: ChatSnapshot = INITIAL_SNAPSHOT;

  constructor(options: ChatClientOptions = {}) {
    super();
    const ctor = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (ctor === undefined) throw new Error('no WebSocket available: pass options.WebSocket (in Node: the `ws` package)');
    this.WebSocketClass = ctor;
    this.backoff = options.reconnect === false ? null : { ...DEFAULT_BACKOFF, ...options.reconnect };
    this.outbox = new Outbox(
      { canSend: () => this.canSend(), write: (frame) => this.write(frame) },
      { queueMax: options.queueMax ?? 100, ackTimeoutMs: options.ackTimeoutMs ?? 15_000 },
    );
    this.typing = new Typing(
      { isOpen: () => this.isOpen(), write: (frame) => this.write(frame) },
      (nombre) => this.update(withoutTypist(this.snapshot, nombre)),
    );
    this.logMax = options.logMax ?? 1000;
    this.random = options.random ?? Math.random;
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
    if (this.session !== null) return Promise.reject(new Error('already connected or connecting: disconnect() first'));
    this.session = options;
    this.token = undefined;
    this.lastId = 0;
    this.attempt = 0;
    this.update(started(this.snapshot));
    return new Promise((resolve, reject) => {
      this.firstConnect = { resolve, reject };
      this.open('conectando');
    });
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
    const frame = (await this.query({ tipo: 'usuarios' })) as ServerFrameOf<'usuarios'>;
    return frame.usuarios;
  }

  /** Older messages: the newest `limite` before `antes`, oldest first; merged into the log. */
  async history(options: { antes?: number; limite?: number } = {}): Promise<ServerFrameOf<'historial'>> {
    const frame = (await this.query({ tipo: 'historial', ...options })) as ServerFrameOf<'historial'>;
    this.update(withHistory(this.snapshot, frame, this.logMax));
    return frame;
  }

  /** Round-trip time to the server, in ms. */
  ping(): Promise<number> {
    if (!this.isOpen()) return Promise.reject(new ChatError('red', 'not connected'));
    const ref = this.outbox.newRef();
    return new Promise((resolve, reject) => {
      this.pings.set(ref, { started: performanceNow(), resolve, reject });
      this.write({ tipo: 'ping', ref });
    });
  }

  /** Marks a private conversation as read. */
  markRead(partner: string): void {
    this.update(markRead(this.snapshot, partner));
  }

  /** Leaves for good: `desconexion`, no reconnect; waiting sends are refused. */
  disconnect(): void {
    if (this.session === null) return;
    if (this.isOpen()) this.write({ tipo: 'desconexion' });
    this.finish({ kind: 'desconexion' });
  }

  // ------------------------------------------------------------------ connection

  private open(state: 'conectando' | 'reconectando'): void {
    const session = this.session;
    if (session === null) return;
    this.closingHint = null;
    this.update(opening(this.snapshot, state));
    let socket: WebSocketLike;
    try {
      socket = new this.WebSocketClass(session.url);
    } catch (error) {
      this.lost(`bad url: ${String(error)}`);
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.lastReceived = Date.now();
      this.write({
        tipo: 'identificacion',
        nombre: session.nombre,
        protocolo: PROTOCOL_VERSION,
        ...(session.clave !== undefined && { clave: session.clave }),
        ...(this.token !== undefined && { token: this.token, desde: this.lastId }),
      });
    };
    socket.onmessage = (event) => {
      if (typeof event.data === 'string') this.receive(event.data);
    };
    socket.onclose = (event) => {
      if (this.socket === socket) this.closed(event.code);
    };
    socket.onerror = () => undefined; // onclose follows
  }

  /** The socket closed (or is considered dead); decide what comes next. */
  private closed(code: number): void {
    this.detachSocket();
    const hint = this.closingHint;
    if (this.session === null) return;
    if (hint?.tipo === 'rechazado' && !RETRYABLE_REJECTIONS.includes(hint.motivo)) {
      return this.finish({ kind: 'rechazado', motivo: hint.motivo, detalle: hint.detalle });
    }
    if (hint?.tipo === 'expulsado' || code === CloseCode.kicked) return this.finish({ kind: 'expulsado', motivo: hint?.tipo === 'expulsado' ? hint.motivo : '' });
    if (code === CloseCode.replaced) return this.finish({ kind: 'reemplazado' });
    if (this.firstConnect !== null) {
      // The first connect reports its failure to the caller instead of retrying.
      const error = hint?.tipo === 'rechazado'
        ? new ChatError(hint.motivo, hint.detalle)
        : new ChatError('red', `no se pudo conectar (código ${code})`);
      this.firstConnect.reject(error);
      this.firstConnect = null;
      return this.finish(hint?.tipo === 'rechazado' ? { kind: 'rechazado', motivo: hint.motivo, detalle: hint.detalle } : { kind: 'red', detalle: error.message });
    }
    if (this.backoff === null) return this.finish({ kind: 'red', detalle: `conexión cerrada (código ${code})` });
    const hinted = hint?.tipo === 'servidor_cerrando' ? hint.reintentar_en_ms : undefined;
    const delay = hinted ?? backoffDelay(this.attempt, this.backoff, this.random);
    this.attempt++;
    this.update(waiting(this.snapshot, Date.now() + delay));
    this.retryTimer = setTimeout(() => this.open('reconectando'), delay);
  }

  /** The connection is dead without a close (keepalive or ack timeout, bad url). */
  private lost(detail: string): void {
    const socket = this.socket;
    this.detachSocket();
    try {
      socket?.close(GAVE_UP_CLOSE_CODE, detail.slice(0, 100));
    } catch {
      // Already closing.
    }
    this.closed(CloseCode.abnormal);
  }

  private detachSocket(): void {
    const socket = this.socket;
    if (socket !== null) {
      socket.onopen = socket.onmessage = socket.onclose = null;
      // Closing a socket that is still connecting reports an error; `ws` throws an 'error'
      // event that has no listener, so one stays.
      socket.onerror = () => undefined;
    }
    this.socket = null;
    clearInterval(this.keepaliveTimer);
    this.keepaliveTimer = undefined;
    this.outbox.unsent();
    for (const query of this.queries.splice(0)) query.reject(new ChatError('red', 'connection lost'));
    for (const ping of this.pings.values()) ping.reject(new ChatError('red', 'connection lost'));
    this.pings.clear();
  }

  /** Stops for good: no more reconnects; waiting sends are refused. */
  private finish(reason: EndReason): void {
    clearTimeout(this.retryTimer);
    const socket = this.socket;
    this.detachSocket();
    socket?.close(CloseCode.normal);
    this.session = null;
    if (this.firstConnect !== null) {
      this.firstConnect.reject(
        reason.kind === 'rechazado' ? new ChatError(reason.motivo, reason.detalle) : new ChatError('desconectado', `disconnected: ${reason.kind}`),
      );
      this.firstConnect = null;
    }
    this.outbox.rejectAll(`not sent: ${reason.kind}`);
    this.typing.stop();
    this.update(ended(this.snapshot, reason));
  }

  private startKeepalive(pingMs: number): void {
    clearInterval(this.keepaliveTimer);
    // Browsers hide protocol pings, so the client watches for silence itself: after one
    // quiet interval it pings; after two, or an ack overdue, the connection is dead.
    this.keepaliveTimer = setInterval(() => {
      const now = Date.now();
      if (this.outbox.overdue() || now - this.lastReceived >= 2 * pingMs) return this.lost('no answer from the server');
      if (now - this.lastReceived >= pingMs) this.write({ tipo: 'ping' });
    }, pingMs / 2);
  }

  // ------------------------------------------------------------------ frames in

  private receive(text: string): void {
    this.lastReceived = Date.now();
    const result = decodeServerFrame(text);
    if (!result.ok) return; // unknown (newer) or malformed frame types are ignored
    const frame = result.frame;
    this.apply(frame);
    this.emit(frame.tipo, frame as never);
    this.emit('frame', frame);
  }

  private apply(frame: ServerFrame): void {
    if (frame.tipo === 'aceptado') return this.accepted(frame);
    this.update(reduce(this.snapshot, frame, this.logMax));
    this.typing.seen(frame);
    switch (frame.tipo) {
      case 'rechazado':
      case 'expulsado':
      case 'servidor_cerrando':
        this.closingHint = frame;
        return;
      case 'mensaje':
      case 'privado':
        this.lastId = Math.max(this.lastId, frame.id);
        return;
      case 'acuse':
        return this.outbox.acked(frame);
      case 'error':
        return this.refused(frame);
      case 'estado':
        if (frame.disponible) this.outbox.flush();
        return;
      case 'historial':
      case 'usuarios': {
        const index = this.queries.findIndex((q) => q.tipo === frame.tipo);
        if (index !== -1) this.queries.splice(index, 1)[0]?.resolve(frame);
        return;
      }
      case 'pong': {
        const ping = frame.ref === undefined ? undefined : this.pings.get(frame.ref);
        if (ping === undefined || frame.ref === undefined) return;
        this.pings.delete(frame.ref);
        return ping.resolve(performanceNow() - ping.started);
      }
    }
  }

  private accepted(frame: ServerFrameOf<'aceptado'>): void {
    this.token = frame.token;
    this.attempt = 0;
    this.lastId = Math.max(frame.reanudado ? this.lastId : 0, frame.ultimo_id, ...frame.historial.map((m) => m.id));
    this.update(reduce(this.snapshot, frame, this.logMax));
    this.startKeepalive(frame.limites.ping_ms);
    if (this.firstConnect !== null) {
      this.firstConnect.resolve(frame);
      this.firstConnect = null;
    }
    this.outbox.flush();
  }

  private refused(frame: ServerFrameOf<'error'>): void {
    const outcome = this.outbox.refused(frame);
    // Held: it goes out again after estado{disponible:true}.
    if (outcome === 'held') return this.update(paused(this.snapshot));
    if (outcome === 'refused') return;
    const ping = frame.ref === undefined ? undefined : this.pings.get(frame.ref);
    if (ping !== undefined && frame.ref !== undefined) {
      this.pings.delete(frame.ref);
      return ping.reject(new ChatError(frame.codigo, frame.detalle));
    }
    // Queries carry no ref: a refusal without one answers the oldest query.
    if (frame.ref === undefined && frame.codigo === 'limite_de_frecuencia') {
      this.queries.shift()?.reject(new ChatError(frame.codigo, frame.detalle));
    }
  }

  // ------------------------------------------------------------------ frames out

  private enqueue(frame: SendFrame): Promise<number> {
    if (this.session === null) return Promise.reject(new ChatError('desconectado', 'not connected: call connect() first'));
    return this.outbox.add(frame);
  }

  private query(frame: ClientFrame & { tipo: 'historial' | 'usuarios' }): Promise<ServerFrame> {
    if (!this.isOpen()) return Promise.reject(new ChatError('red', 'not connected'));
    return new Promise((resolve, reject) => {
      this.queries.push({ tipo: frame.tipo, resolve, reject });
      this.write(frame);
    });
  }

  private write(frame: ClientFrame): void {
    this.socket?.send(encode(frame));
  }

  private isOpen(): boolean {
    return this.socket !== null && this.socket.readyState === OPEN && this.snapshot.state === 'conectado';
  }

  private canSend(): boolean {
    return this.isOpen() && this.snapshot.available;
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

function performanceNow(): number {
  return typeof performance === 'undefined' ? Date.now() : performance.now();
}
