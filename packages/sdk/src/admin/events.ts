/**
 * The live event stream, `GET /api/events` (docs/admin-api.md, "Live events"), for browsers
 * and Node. It owns one WebSocket at a time: authenticates (a first frame
 * `{"type":"auth","token"}`, or an Authorization header where the constructor takes one),
 * checks every frame against the protocol's schema, and hands on what the server sends: its
 * recent events (`replay: true`), then `ready`, then live events and `stats` every second. A
 * lost or silent stream is reopened with full-jitter backoff; close 4401 (the token was
 * refused) ends it for good. What to keep of the events is the caller's business.
 */
import { admin, AdminCloseCode, CloseCode } from '@charla/protocol';
import { backoffDelay } from '../backoff.js';
import type { BackoffOptions } from '../backoff.js';
import { Emitter, reportListenerError } from '../emitter.js';
import type { WebSocketLike } from '../socket.js';

/** The part of a WebSocket the stream uses: the browser's, the `ws` package's, or a test's fake. */
export type AdminSocket = Pick<WebSocketLike, 'onopen' | 'onmessage' | 'onclose' | 'onerror' | 'send' | 'close'>;

/** `options` is passed only with `auth: 'header'`: `ws` takes headers there, browsers cannot. */
export type AdminWebSocketConstructor = new (url: string, options?: { headers: Record<string, string> }) => AdminSocket;

/**
 * `connecting`: opened (and authenticated), no frame yet: the first frame confirms the token
 * (the server's replay, or its `ready` when it kept nothing). `live`: frames arrive.
 * `reconnecting`: lost, the next try at `retryAt`. `unauthorized`: closed 4401, never retried.
 * `stopped`: not started, stop() called, or lost with `reconnect: false` (the `close` event says why).
 */
export type AdminStreamState = 'connecting' | 'live' | 'reconnecting' | 'unauthorized' | 'stopped';

export interface AdminStreamSnapshot {
  readonly state: AdminStreamState;
  /** While `reconnecting`: when the next try starts (ms since the epoch), for a countdown. */
  readonly retryAt: number | null;
}

/** How a connection ended, when the stream did not end it itself. */
export interface AdminStreamClose {
  /** The close code: `AdminCloseCode.unauthorized`, `CloseCode.abnormal` for a lost (or silent) connection... */
  readonly code: number;
  readonly reason: string;
  /** False when the socket never opened: the server was not reached (or refused the upgrade). */
  readonly opened: boolean;
  /** The socket's error event before the close, if any (with `ws`, its `error` is the cause: ECONNREFUSED...). */
  readonly error?: unknown;
}

export interface AdminStreamEvents {
  state: AdminStreamState;
  /** Every frame in the contract, in order: the replay (`replay: true`), `ready`, then live ones. */
  event: admin.AdminEvent;
  /** A frame outside the contract (a newer server's event type, or no JSON at all): skipped. */
  invalid: unknown;
  close: AdminStreamClose;
}

export interface AdminEventStreamOptions {
  /** `ws://host:55555/api/events` (AdminClient.events() and adminEventsUrl() derive it). */
  readonly url: string;
  readonly token: string;
  /** Default: the global WebSocket (browsers, Node 22); in Node 20, pass the `ws` package's class. */
  readonly WebSocket?: AdminWebSocketConstructor;
  /**
   * `frame` (default; browsers cannot set headers): the token in the first frame.
   * `header`: an Authorization header (the `ws` package): in as soon as the upgrade is.
   */
  readonly auth?: 'frame' | 'header';
  /** Reopen a lost stream with these delays (default EVENTS_BACKOFF), or `false`: stop. */
  readonly reconnect?: BackoffOptions | false;
  /** A live stream this long without a frame is taken for dead (stats come every second). `false`: never. */
  readonly silenceMs?: number | false;
  readonly random?: () => number;
  readonly now?: () => number;
}

export const EVENTS_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 15_000 };
const SILENCE_MS = 5000;

export class AdminEventStream extends Emitter<AdminStreamEvents> {
  private snapshot: AdminStreamSnapshot = { state: 'stopped', retryAt: null };
  private readonly subscribers = new Set<() => void>();
  private readonly WebSocket: AdminWebSocketConstructor;
  private socket: AdminSocket | null = null;
  /** Between start() and stop() (or an end without reconnecting). */
  private running = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private silenceTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: AdminEventStreamOptions) {
    super();
    const WebSocket = options.WebSocket ?? (globalThis as { WebSocket?: AdminWebSocketConstructor }).WebSocket;
    if (WebSocket === undefined) throw new TypeError('AdminEventStream: no global WebSocket here; pass one (the `ws` package\'s class in Node)');
    this.WebSocket = WebSocket;
  }

  /** For React: `useSyncExternalStore(stream.subscribe, stream.getSnapshot)`. */
  subscribe = (listener: () => void): (() => void) => {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  };

  getSnapshot = (): AdminStreamSnapshot => this.snapshot;

  get state(): AdminStreamState {
    return this.snapshot.state;
  }

  /** Opens the stream (a stream already running is left as it is). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.attempt = 0;
    this.open();
  }

  /** Closes it for good: no reconnect, no `close` event. */
  stop(): void {
    this.running = false;
    this.drop();
    clearTimeout(this.retryTimer);
    this.update({ state: 'stopped', retryAt: null });
  }

  private open(): void {
    const { url, token, auth = 'frame' } = this.options;
    const socket = auth === 'header' ? new this.WebSocket(url, { headers: { authorization: `Bearer ${token}` } }) : new this.WebSocket(url);
    this.socket = socket;
    this.update({ state: this.attempt === 0 ? 'connecting' : 'reconnecting' });
    let opened = false;
    let error: unknown;
    socket.onopen = () => {
      opened = true;
      if (auth === 'frame') socket.send(JSON.stringify({ type: 'auth', token } satisfies admin.EventsAuth));
    };
    socket.onmessage = ({ data }) => this.receive(data);
    // A close follows; it says what happened, with this as its cause.
    socket.onerror = (event) => void (error = event);
    socket.onclose = ({ code, reason }) => {
      this.socket = null;
      this.closed({ code, reason, opened, ...(error !== undefined && { error }) });
    };
  }

  private receive(data: unknown): void {
    const parsed = admin.AdminEvent.safeParse(safeJson(data));
    // A frame outside the contract (a newer server's event type) is skipped, not fatal.
    if (!parsed.success) return this.emit('invalid', data);
    this.watchSilence();
    if (this.snapshot.state !== 'live') {
      this.attempt = 0;
      this.update({ state: 'live', retryAt: null });
      // A listener may have stopped the stream.
      if (!this.running) return;
    }
    this.emit('event', parsed.data);
  }

  private watchSilence(): void {
    const { silenceMs = SILENCE_MS } = this.options;
    clearTimeout(this.silenceTimer);
    if (silenceMs === false) return;
    this.silenceTimer = setTimeout(() => {
      // A dead TCP link may never send its close: forget the socket and go on as if lost.
      this.drop();
      this.closed({ code: CloseCode.abnormal, reason: `no frame for ${silenceMs} ms`, opened: true });
    }, silenceMs);
  }

  private closed(close: AdminStreamClose): void {
    clearTimeout(this.silenceTimer);
    this.emit('close', close);
    // A listener may have stopped the stream.
    if (!this.running) return;
    const { reconnect = EVENTS_BACKOFF, random = Math.random, now = Date.now } = this.options;
    if (close.code === AdminCloseCode.unauthorized || reconnect === false) {
      this.running = false;
      return this.update({ state: close.code === AdminCloseCode.unauthorized ? 'unauthorized' : 'stopped', retryAt: null });
    }
    const delay = backoffDelay(this.attempt++, reconnect, random);
    this.retryTimer = setTimeout(() => this.open(), delay);
    this.update({ state: 'reconnecting', retryAt: now() + delay });
  }

  /** Forgets the socket without waiting for its close event. */
  private drop(): void {
    clearTimeout(this.silenceTimer);
    const socket = this.socket;
    this.socket = null;
    if (socket === null) return;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    socket.close(CloseCode.normal);
  }

  private update(patch: Partial<AdminStreamSnapshot>): void {
    const next = { ...this.snapshot, ...patch };
    if (next.state === this.snapshot.state && next.retryAt === this.snapshot.retryAt) return;
    const changed = next.state !== this.snapshot.state;
    this.snapshot = next;
    if (changed) this.emit('state', next.state);
    for (const listener of [...this.subscribers]) {
      try {
        listener();
      } catch (error) {
        reportListenerError(error);
      }
    }
  }
}

function safeJson(data: unknown): unknown {
  try {
    return JSON.parse(String(data));
  } catch {
    return undefined;
  }
}
