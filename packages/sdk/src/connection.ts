/**
 * The connection state machine: one socket at a time, `conectando` -> `conectado`, back
 * through `reconectando` after a loss, `desconectado` for good. It owns the socket, the
 * identification (resuming with the last token and the highest id seen), the keepalive, the
 * full-jitter backoff (or the server's `reintentar_en_ms`) and the decision after every
 * close: try again, or stop and say why. It keeps what a resume needs and nothing of the
 * chat: every frame goes on to its host, the client.
 */
import type { ClientFrame, RejectionReason, ServerFrame, ServerFrameOf } from '@charla/protocol';
import { CloseCode, decodeServerFrame, encode, FINAL_CLOSE_CODES, PROTOCOL_VERSION, RETRYABLE_REJECTIONS } from '@charla/protocol';
import { backoffDelay } from './backoff.js';
import type { BackoffOptions } from './backoff.js';
import { ChatError } from './errors.js';
import type { WebSocketConstructor, WebSocketLike } from './socket.js';
import { OPEN } from './socket.js';

export type ConnectionState = 'desconectado' | 'conectando' | 'conectado' | 'reconectando';

/** Why the client stopped for good (it will not reconnect by itself). */
export type EndReason =
  | { readonly kind: 'desconexion' }
  | { readonly kind: 'rechazado'; readonly motivo: RejectionReason; readonly detalle: string }
  | { readonly kind: 'expulsado'; readonly motivo: string }
  | { readonly kind: 'reemplazado' }
  /** `codigo`: the close code, when a close (not a timeout) ended it; interfaces word it themselves. */
  | { readonly kind: 'red'; readonly detalle: string; readonly codigo?: number };

export interface ConnectOptions {
  /** `ws://host:55555/ws` (or `wss://`). */
  readonly url: string;
  readonly nombre: string;
  /** The server's join secret, when it has one. */
  readonly clave?: string;
}

/** What the connection tells the client, and the one thing it asks. */
export interface ConnectionHost {
  /** A server frame, after the connection took what it needs from it. */
  frame(frame: ServerFrame): void;
  /** A socket is opening. */
  opening(state: 'conectando' | 'reconectando'): void;
  /** The connection was lost; the next attempt starts at `retryAt` (epoch ms). */
  waiting(retryAt: number): void;
  /** The socket is gone: nothing written on it will be answered. */
  detached(): void;
  /** Stopped for good. */
  ended(reason: EndReason): void;
  /** A send has waited too long for its ack: the keepalive takes that as a dead connection. */
  ackOverdue(): boolean;
}

export interface ConnectionOptions {
  readonly WebSocket: WebSocketConstructor;
  /** null: never reconnect by itself. */
  readonly backoff: BackoffOptions | null;
  readonly random: () => number;
}

/** The frames that tell us, before the close, how to read it. */
type ClosingHint = ServerFrameOf<'rechazado' | 'expulsado' | 'servidor_cerrando'>;

/**
 * How this client closes a socket it gave up on (silence, an overdue ack). Private (4000-4999
 * belong to the application) and deliberately not 1000/1001: the server reads those as a
 * goodbye, anything else as a lost connection whose session it holds for resuming.
 */
const GAVE_UP_CLOSE_CODE = 4000;

export class Connection {
  private state: ConnectionState = 'desconectado';
  private socket: WebSocketLike | null = null;
  private session: ConnectOptions | null = null;
  private token: string | undefined;
  /** The highest message id seen: `desde` when resuming. */
  private lastId = 0;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private keepaliveTimer: ReturnType<typeof setInterval> | undefined;
  private lastReceived = 0;
  /** Why the server is about to close us: decides what happens after the close. */
  private closingHint: ClosingHint | null = null;
  private firstConnect: { resolve: (f: ServerFrameOf<'aceptado'>) => void; reject: (e: ChatError) => void } | null = null;

  constructor(
    private readonly options: ConnectionOptions,
    private readonly host: ConnectionHost,
  ) {}

  /** Between `connect()` and the end: connected, connecting or waiting to reconnect. */
  get active(): boolean {
    return this.session !== null;
  }

  /** Starts a session; the caller checked that none is active. */
  connect(session: ConnectOptions): Promise<ServerFrameOf<'aceptado'>> {
    this.session = session;
    this.token = undefined;
    this.lastId = 0;
    this.attempt = 0;
    return new Promise((resolve, reject) => {
      this.firstConnect = { resolve, reject };
      this.open('conectando');
    });
  }

  /** Leaves for good: says `desconexion` when it can, then stops. */
  disconnect(): void {
    if (this.session === null) return;
    if (this.isOpen()) this.write({ tipo: 'desconexion' });
    this.finish({ kind: 'desconexion' });
  }

  /** Identified on an open socket. */
  isOpen(): boolean {
    return this.socket !== null && this.socket.readyState === OPEN && this.state === 'conectado';
  }

  write(frame: ClientFrame): void {
    this.socket?.send(encode(frame));
  }

  private open(state: 'conectando' | 'reconectando'): void {
    const session = this.session;
    if (session === null) return;
    this.closingHint = null;
    this.state = state;
    this.host.opening(state);
    let socket: WebSocketLike;
    try {
      socket = new this.options.WebSocket(session.url);
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

  private receive(text: string): void {
    this.lastReceived = Date.now();
    const result = decodeServerFrame(text);
    if (!result.ok) return; // unknown (newer) or malformed frame types are ignored
    const frame = result.frame;
    switch (frame.tipo) {
      case 'aceptado':
        this.accepted(frame);
        break;
      case 'rechazado':
      case 'expulsado':
      case 'servidor_cerrando':
        this.closingHint = frame;
        break;
      case 'mensaje':
      case 'privado':
        this.lastId = Math.max(this.lastId, frame.id);
        break;
    }
    this.host.frame(frame);
  }

  private accepted(frame: ServerFrameOf<'aceptado'>): void {
    this.token = frame.token;
    this.attempt = 0;
    this.lastId = Math.max(frame.reanudado ? this.lastId : 0, frame.ultimo_id, ...frame.historial.map((m) => m.id));
    this.state = 'conectado';
    this.startKeepalive(frame.limites.ping_ms);
    if (this.firstConnect !== null) {
      this.firstConnect.resolve(frame);
      this.firstConnect = null;
    }
  }

  private startKeepalive(pingMs: number): void {
    clearInterval(this.keepaliveTimer);
    // Browsers hide protocol pings, so the client watches for silence itself: after one
    // quiet interval it pings; after two, or an ack overdue, the connection is dead.
    this.keepaliveTimer = setInterval(() => {
      const now = Date.now();
      if (this.host.ackOverdue() || now - this.lastReceived >= 2 * pingMs) return this.lost('no answer from the server');
      if (now - this.lastReceived >= pingMs) this.write({ tipo: 'ping' });
    }, pingMs / 2);
  }

  /** The socket closed (or is considered dead); decide what comes next. */
  private closed(code: number): void {
    this.detach();
    const hint = this.closingHint;
    if (this.session === null) return;
    const final = finalReason(code, hint);
    if (final !== null) return this.finish(final);
    if (this.firstConnect !== null) {
      // The first connect reports its failure to the caller instead of retrying.
      const error = hint?.tipo === 'rechazado'
        ? new ChatError(hint.motivo, hint.detalle)
        : new ChatError('red', `no se pudo conectar (código ${code})`);
      this.firstConnect.reject(error);
      this.firstConnect = null;
      return this.finish(hint?.tipo === 'rechazado' ? { kind: 'rechazado', motivo: hint.motivo, detalle: hint.detalle } : { kind: 'red', detalle: error.message, codigo: code });
    }
    if (this.options.backoff === null) return this.finish({ kind: 'red', detalle: `conexión cerrada (código ${code})`, codigo: code });
    const hinted = hint?.tipo === 'servidor_cerrando' ? hint.reintentar_en_ms : undefined;
    const delay = hinted ?? backoffDelay(this.attempt, this.options.backoff, this.options.random);
    this.attempt++;
    this.state = 'reconectando';
    this.host.waiting(Date.now() + delay);
    this.retryTimer = setTimeout(() => this.open('reconectando'), delay);
  }

  /** The connection is dead without a close (keepalive or ack timeout, bad url). */
  private lost(detail: string): void {
    const socket = this.socket;
    this.detach();
    try {
      socket?.close(GAVE_UP_CLOSE_CODE, detail.slice(0, 100));
    } catch {
      // Already closing.
    }
    this.closed(CloseCode.abnormal);
  }

  private detach(): void {
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
    this.host.detached();
  }

  /** Stops for good: no more reconnects. */
  private finish(reason: EndReason): void {
    clearTimeout(this.retryTimer);
    const socket = this.socket;
    this.detach();
    socket?.close(CloseCode.normal);
    this.session = null;
    if (this.firstConnect !== null) {
      this.firstConnect.reject(
        reason.kind === 'rechazado' ? new ChatError(reason.motivo, reason.detalle) : new ChatError('desconectado', `disconnected: ${reason.kind}`),
      );
      this.firstConnect = null;
    }
    this.state = 'desconectado';
    this.host.ended(reason);
  }
}

/**
 * Whether a close is the end (and why) or the client may try again: a refusal that is not
 * "not now", a kick, a replacement by our own resumed session. Every other code reconnects.
 */
function finalReason(code: number, hint: ClosingHint | null): EndReason | null {
  if (hint?.tipo === 'rechazado' && !RETRYABLE_REJECTIONS.includes(hint.motivo)) {
    return { kind: 'rechazado', motivo: hint.motivo, detalle: hint.detalle };
  }
  if (hint?.tipo === 'expulsado' || code === CloseCode.kicked) return { kind: 'expulsado', motivo: hint?.tipo === 'expulsado' ? hint.motivo : '' };
  if (code === CloseCode.replaced) return { kind: 'reemplazado' };
  // Any other close the protocol calls final (a 4001 without its rechazado, a revoked
  // session): reconnecting would only be refused again. A rechazado that got here said
  // "not now" (RETRYABLE_REJECTIONS), so its 4001 is retried.
  if (FINAL_CLOSE_CODES.has(code) && hint?.tipo !== 'rechazado') return { kind: 'red', detalle: `conexión cerrada (código ${code})`, codigo: code };
  return null;
}
