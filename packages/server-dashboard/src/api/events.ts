/**
 * The live event stream as a store React reads with useSyncExternalStore. The SDK's
 * AdminEventStream owns the WebSocket (auth, validation, reconnects, silence); this keeps what
 * the console shows of it: the charts' points (the server's history, then the `stats` frames:
 * samples.ts), the last events for the activity log without the replay's duplicates
 * (replay.ts), and a `membership` counter the users table reloads on; all bounded. Frames are
 * applied at once but published at most every `flushMs`, so a busy server re-renders the
 * console a few times a second, not once per event.
 */
import type { admin } from '@charla/protocol';
import type { BackoffOptions } from '@charla/sdk';
import { AdminEventStream } from '@charla/sdk/admin';
import type { AdminEventStreamOptions, AdminStreamState } from '@charla/sdk/admin';
import { ReplayFilter } from './replay';
import { addHistory, addStats, NO_SAMPLES, reconnected, SAMPLES_MAX, SAMPLES_MINUTES, shown } from './samples';
import type { Samples, StatsSample } from './samples';

/** What the connection badge shows (the SDK's states: see AdminStreamState). */
export type EventsState = AdminStreamState;

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

export interface EventsOptions extends Pick<AdminEventStreamOptions, 'url' | 'token' | 'WebSocket' | 'random' | 'now' | 'silenceMs'> {
  /** Reconnect delays (default: the SDK's EVENTS_BACKOFF). */
  readonly backoff?: BackoffOptions;
  readonly logMax?: number;
  readonly samplesMax?: number;
  readonly flushMs?: number;
  /**
   * The server's recent stats (`GET /api/stats/history`), asked for each time the stream
   * goes live, so the charts open full and a reconnection fills the gap.
   */
  readonly loadHistory?: (minutes: number) => Promise<admin.StatsHistory>;
  /** Called once when the server refuses the token (close 4401). */
  readonly onUnauthorized?: () => void;
}

export const LOG_MAX = 1000;

export class EventsConnection {
  private snapshot: EventsSnapshot = { state: 'stopped', retryAt: null, stats: null, samples: [], log: [], membership: 0 };
  private draft: EventsSnapshot = this.snapshot;
  private readonly listeners = new Set<() => void>();
  private readonly stream: AdminEventStream;
  private seq = 0;
  /** Counts the stream's changes of state: a history answer for an older connection is dropped. */
  private epoch = 0;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private series: Samples = NO_SAMPLES;
  /** While the server replays its recent events: which of them the log has already. */
  private replayFilter: ReplayFilter | null = null;
  private readonly logMax: number;
  private readonly samplesMax: number;
  private readonly flushMs: number;

  constructor(private readonly options: EventsOptions) {
    const { url, token, WebSocket, random, now, silenceMs, backoff } = options;
    this.logMax = options.logMax ?? LOG_MAX;
    this.samplesMax = options.samplesMax ?? SAMPLES_MAX;
    this.flushMs = options.flushMs ?? 100;
    this.stream = new AdminEventStream({ url, token, WebSocket, random, now, silenceMs, reconnect: backoff });
    this.stream.subscribe(() => this.follow());
    this.stream.on('event', (event) => this.receive(event));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): EventsSnapshot => this.snapshot;

  start(): void {
    this.stream.start();
  }

  stop(): void {
    this.stream.stop();
  }

  /** The PUT /api/server/accepting answer, shown before the next `stats` frame confirms it. */
  noteAccepting(accepting: boolean): void {
    if (this.draft.stats !== null) this.update({ stats: { ...this.draft.stats, accepting } });
  }

  /** The stream's state, shown at once. */
  private follow(): void {
    const { state, retryAt } = this.stream.getSnapshot();
    if (state === this.draft.state) return this.update({ retryAt });
    this.epoch++;
    if (state === 'live') {
      // Events may have been missed while away: whoever shows users must look again.
      this.update({ state, retryAt, membership: this.draft.membership + 1 });
      return this.loadHistory();
    }
    // The half-filled chart point, the refusal baseline and the replay belong to the old connection.
    this.series = reconnected(this.series);
    this.replayFilter = null;
    this.update({ state, retryAt });
    if (state === 'unauthorized') this.options.onUnauthorized?.();
  }

  private receive(event: admin.AdminEvent): void {
    if (event.type === 'ready') {
      this.replayFilter = null;
      return;
    }
    if (event.type === 'stats') {
      this.series = addStats(this.series, event, this.samplesMax);
      return this.apply({ stats: event, samples: shown(this.series, this.samplesMax) });
    }
    if (event.replay === true) {
      // The recent past: only what the log lacks (all of it on the first connection). Going
      // live bumped `membership` once already; replayed joins and leaves need not again.
      this.replayFilter ??= new ReplayFilter(this.draft.log);
      if (this.replayFilter.known(event)) return;
      return this.apply({ log: bounded(this.draft.log, { seq: ++this.seq, event }, this.logMax) });
    }
    const membership = event.type === 'join' || event.type === 'leave' ? this.draft.membership + 1 : this.draft.membership;
    this.apply({ log: bounded(this.draft.log, { seq: ++this.seq, event }, this.logMax), membership });
  }

  private loadHistory(): void {
    const epoch = this.epoch;
    this.options.loadHistory?.(SAMPLES_MINUTES).then(
      (history) => {
        // A newer connection asks for its own.
        if (this.epoch !== epoch) return;
        this.series = addHistory(this.series, history, this.samplesMax);
        this.apply({ samples: shown(this.series, this.samplesMax) });
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
    }, this.flushMs);
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
