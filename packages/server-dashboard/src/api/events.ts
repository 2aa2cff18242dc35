/**
 * The live event stream (`/api/events`) as a store React reads with useSyncExternalStore.
 * It owns the one WebSocket: authenticates with the first frame, validates every frame with
 * the protocol's schema, keeps the charts' points (the server's history, then the `stats`
 * frames: samples.ts) and the last events for the activity log (both bounded), and
 * reconnects by itself with full-jitter backoff. Frames are applied at once but published at most every `flushMs`, so a busy
 * server re-renders the console a few times a second, not once per event.
 */
import { admin } from '@charla/protocol';
import { backoffDelay, EVENTS_BACKOFF } from './backoff';
import type { BackoffOptions } from './backoff';
import { ReplayFilter } from './replay';
import { addHistory, addStats, NO_SAMPLES, reconnected, SAMPLES_MAX, SAMPLES_MINUTES, shown } from './samples';
import type { Samples, StatsSample } from './samples';

/** The part of the WebSocket API used here (the browser's, or a fake in tests). */
export interface EventSocket {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number): void;
}
export type EventSocketConstructor = new (url: string) => EventSocket;

/**
 * `connecting`: opened, authenticated, no frame yet (the first frame confirms the token:
 * the server's replay of its recent events, or its `ready` when it kept none). `live`: frames
 * arrive. `reconnecting`: lost, the next try at `retryAt`. `unauthorized`: closed 4401,
 * never retried. `stopped`: closed by us.
 */
export type EventsState = 'connecting' | 'live' | 'reconnecting' | 'unauthorized' | 'stopped';

/** What the activity log keeps: every event but the stats pulse and the end-of-replay marker. */
export type LiveEvent = Exclude<admin.AdminEvent, { type: 'stats' | 'ready' }>;
export type LiveEventType = LiveEvent['type'];

export interface LoggedEvent {
  /** Increases by one per event received: a stable key. */
  readonly seq: number;
  readonly event: LiveEvent;
}

export interface EventsSnapshot {
  readonly state: EventsState;
  readonly retryAt: number | null;
  readonly stats: admin.Stats | null;
  /** The charts' five-second points, oldest first, at most `samplesMax`. */
  readonly samples: readonly StatsSample[];
  /** Oldest first, at most `logMax`. */
  readonly log: readonly LoggedEvent[];
  /**
   * Changes whenever the set of users may have changed (a join, a leave, a reconnect that
   * may have missed some): the users table refreshes on it.
   */
  readonly membership: number;
}

export interface EventsOptions {
  readonly url: string;
  readonly token: string;
  readonly WebSocket?: EventSocketConstructor;
  readonly backoff?: BackoffOptions;
  readonly random?: () => number;
  readonly now?: () => number;
  readonly logMax?: number;
  readonly samplesMax?: number;
  readonly flushMs?: number;
  /**
   * The server's recent stats (`GET /api/stats/history`), asked for each time the stream
   * goes live, so the charts open full and a reconnection fills the gap.
   */
  readonly loadHistory?: (minutes: number) => Promise<admin.StatsHistory>;
  /** A live stream this long without a frame (stats come every second) is taken for dead. */
  readonly silenceMs?: number;
  /** Called once when the server refuses the token (close 4401). */
  readonly onUnauthorized?: () => void;
}

const CLOSE_UNAUTHORIZED = 4401;
export const LOG_MAX = 1000;

export class EventsConnection {
  private snapshot: EventsSnapshot = { state: 'stopped', retryAt: null, stats: null, samples: [], log: [], membership: 0 };
  private draft: EventsSnapshot = this.snapshot;
  private readonly listeners = new Set<() => void>();
  private socket: EventSocket | null = null;
  private attempt = 0;
  private seq = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private silenceTimer: ReturnType<typeof setTimeout> | undefined;
  private series: Samples = NO_SAMPLES;
  /** While the server replays its recent events: which of them the log has already. */
  private replayFilter: ReplayFilter | null = null;
  private readonly options: Required<Omit<EventsOptions, 'onUnauthorized' | 'loadHistory'>> & Pick<EventsOptions, 'onUnauthorized' | 'loadHistory'>;

  constructor(options: EventsOptions) {
    this.options = {
      WebSocket: globalThis.WebSocket as unknown as EventSocketConstructor,
      backoff: EVENTS_BACKOFF,
      random: Math.random,
      now: Date.now,
      logMax: LOG_MAX,
      samplesMax: SAMPLES_MAX,
      flushMs: 100,
      silenceMs: 5000,
      ...options,
    };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): EventsSnapshot => this.snapshot;

  start(): void {
    if (this.draft.state !== 'stopped') return;
    this.attempt = 0;
    this.open();
  }

  stop(): void {
    this.drop();
    clearTimeout(this.retryTimer);
    this.update({ state: 'stopped', retryAt: null });
  }

  /** The PUT /api/server/accepting answer, shown before the next `stats` frame confirms it. */
  noteAccepting(accepting: boolean): void {
    if (this.draft.stats !== null) this.update({ stats: { ...this.draft.stats, accepting } });
  }

  private open(): void {
    const socket = new this.options.WebSocket(this.options.url);
    this.socket = socket;
    this.series = reconnected(this.series);
    this.replayFilter = null;
    this.update({ state: this.attempt === 0 ? 'connecting' : 'reconnecting' });
    socket.onopen = () => socket.send(JSON.stringify({ type: 'auth', token: this.options.token } satisfies admin.EventsAuth));
    socket.onmessage = ({ data }) => this.receive(data);
    socket.onerror = () => undefined; // a close follows
    socket.onclose = ({ code }) => {
      this.socket = null;
      clearTimeout(this.silenceTimer);
      if (code === CLOSE_UNAUTHORIZED) {
        this.update({ state: 'unauthorized', retryAt: null });
        this.options.onUnauthorized?.();
        return;
      }
      this.retry();
    };
  }

  /** Forgets the socket without waiting for its close event (a dead TCP link may never send one). */
  private drop(): void {
    clearTimeout(this.silenceTimer);
    const socket = this.socket;
    this.socket = null;
    if (socket === null) return;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    socket.close(1000);
  }

  private retry(): void {
    const delay = backoffDelay(this.attempt++, this.options.backoff, this.options.random);
    this.update({ state: 'reconnecting', retryAt: this.options.now() + delay });
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  private receive(data: unknown): void {
    const parsed = admin.AdminEvent.safeParse(safeJson(data));
    // A frame outside the contract (a newer server's event type) is skipped, not fatal.
    if (!parsed.success) return;
    clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => {
      this.drop();
      this.retry();
    }, this.options.silenceMs);
    if (this.draft.state !== 'live') {
      this.attempt = 0;
      // Events may have been missed while away: whoever shows users must look again.
      this.update({ state: 'live', retryAt: null, membership: this.draft.membership + 1 });
      this.loadHistory();
    }
    const event = parsed.data;
    if (event.type === 'ready') {
      this.replayFilter = null;
      return;
    }
    if (event.type === 'stats') {
      this.series = addStats(this.series, event, this.options.samplesMax);
      return this.apply({ stats: event, samples: shown(this.series, this.options.samplesMax) });
    }
    if (event.replay === true) {
      // The recent past: only what the log lacks (all of it on the first connection). Going
      // live bumped `membership` once already; replayed joins and leaves need not again.
      this.replayFilter ??= new ReplayFilter(this.draft.log);
      if (this.replayFilter.known(event)) return;
      return this.apply({ log: bounded(this.draft.log, { seq: ++this.seq, event }, this.options.logMax) });
    }
    const membership = event.type === 'join' || event.type === 'leave' ? this.draft.membership + 1 : this.draft.membership;
    this.apply({ log: bounded(this.draft.log, { seq: ++this.seq, event }, this.options.logMax), membership });
  }

  private loadHistory(): void {
    const socket = this.socket;
    this.options.loadHistory?.(SAMPLES_MINUTES).then(
      (history) => {
        // A newer connection asks for its own.
        if (this.socket !== socket) return;
        this.series = addHistory(this.series, history, this.options.samplesMax);
        this.apply({ samples: shown(this.series, this.options.samplesMax) });
      },
      // Without it the charts fill from the live frames, as they always could.
      () => undefined,
    );
  }

  /** Applies at once, publishes within `flushMs`. */
  private apply(patch: Partial<EventsSnapshot>): void {
    this.draft = { ...this.draft, ...patch };
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      this.publish();
    }, this.options.flushMs);
  }

  /** Applies and publishes now: for state changes, which must show at once. */
  private update(patch: Partial<EventsSnapshot>): void {
    this.draft = { ...this.draft, ...patch };
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.publish();
  }

  private publish(): void {
    if (this.snapshot === this.draft) return;
    this.snapshot = this.draft;
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (error) {
        console.error('events listener failed', error);
      }
    }
  }
}

function bounded<T>(items: readonly T[], item: T, max: number): T[] {
  const next = items.length >= max ? items.slice(items.length - max + 1) : items.slice();
  next.push(item);
  return next;
}

function safeJson(data: unknown): unknown {
  try {
    return JSON.parse(String(data));
  } catch {
    return undefined;
  }
}
