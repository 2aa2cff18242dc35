/**
 * The `/api/stats` body, sampled once a second: message rates over the last second and
 * minute, event-loop delay, memory. The same sample feeds the event stream's `stats` frames,
 * and every tick's counters the five-second history (`/api/stats/history`).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { admin } from '@charla/protocol';
import type { Operator } from '../core/operator.js';
import { StatsHistory } from './stats-history.js';

const WINDOW_SECONDS = 60;

export class StatsSampler {
  /** messagesTotal at each of the last 61 seconds, oldest first. */
  private readonly totals: number[] = [];
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 10 });
  private readonly timer: NodeJS.Timeout;
  private readonly listeners = new Set<(stats: admin.Stats) => void>();
  private readonly startedAt = Date.now();
  private ticks = 0;
  readonly history: StatsHistory;

  constructor(private readonly hub: Operator) {
    this.loopDelay.enable();
    const start = hub.stats();
    this.totals.push(start.messagesTotal);
    this.history = new StatsHistory(start);
    this.timer = setInterval(() => this.tick(), 1000);
    this.timer.unref();
  }

  /** Called with a fresh sample every second while subscribed. */
  subscribe(listener: (stats: admin.Stats) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  current(): admin.Stats {
    const hub = this.hub.stats();
    const totals = this.totals;
    const newest = hub.messagesTotal;
    const oneSecondAgo = totals.at(-1) ?? newest;
    const oldest = totals[0] ?? newest;
    const memory = process.memoryUsage();
    const nodes = this.hub.nodes();
    return {
      connections: hub.connections,
      users: hub.users,
      accepting: hub.accepting,
      messagesTotal: hub.messagesTotal,
      messagesPerSecond: {
        last1s: newest - oneSecondAgo,
        last60s: round((newest - oldest) / Math.max(1, totals.length)),
      },
      bytesIn: hub.bytesIn,
      bytesOut: hub.bytesOut,
      refusedByCode: hub.refusedByCode,
      memory: { rss: memory.rss, heapUsed: memory.heapUsed },
      eventLoopDelayMs: {
        p50: round(this.loopDelay.percentile(50) / 1e6),
        p99: round(this.loopDelay.percentile(99) / 1e6),
      },
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      ...(nodes !== undefined && { nodes }),
    };
  }

  close(): void {
    clearInterval(this.timer);
    this.loopDelay.disable();
  }

  private tick(): void {
    const counts = this.hub.stats();
    this.totals.push(counts.messagesTotal);
    this.history.observe(counts);
    if (this.totals.length > WINDOW_SECONDS + 1) this.totals.shift();
    // The delay percentiles cover about the last minute.
    if (++this.ticks % WINDOW_SECONDS === 0) this.loopDelay.reset();
    if (this.listeners.size === 0) return;
    const stats = this.current();
    for (const listener of this.listeners) listener(stats);
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
