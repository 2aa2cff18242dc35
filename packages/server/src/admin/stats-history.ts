/**
 * `GET /api/stats/history`: the last hour of this node's figures, one point every five
 * seconds, kept in memory (a bounded ring), so a console opened now draws full charts
 * instead of starting empty. Per node by contract: nothing here is shared in a cluster.
 */
import { admin } from '@charla/protocol';
import type { HubStats } from '../core/operator.js';
import { Ring } from './ring.js';

type Counts = Pick<HubStats, 'connections' | 'users' | 'messagesTotal' | 'refusedByCode'>;

const INTERVAL = admin.STATS_HISTORY_INTERVAL_SECONDS;
const POINTS_PER_MINUTE = 60 / INTERVAL;

export class StatsHistory {
  private readonly points = new Ring<admin.StatsPoint>(admin.STATS_HISTORY_POINTS_MAX);
  private seconds = 0;
  /** The counters at the previous point: a point holds what happened since. */
  private before: Pick<Counts, 'messagesTotal' | 'refusedByCode'>;

  constructor(start: Counts) {
    this.before = start;
  }

  /** Called once a second with the Hub's counters; every fifth call makes a point. */
  observe(now: Counts, at = new Date()): void {
    if (++this.seconds % INTERVAL !== 0) return;
    const refused: Record<string, number> = {};
    for (const [code, total] of Object.entries(now.refusedByCode)) {
      const delta = total - (this.before.refusedByCode[code] ?? 0);
      if (delta > 0) refused[code] = delta;
    }
    this.points.push({
      at: at.toISOString(),
      connections: now.connections,
      users: now.users,
      messagesPerSecond: Math.round(((now.messagesTotal - this.before.messagesTotal) / INTERVAL) * 100) / 100,
      refused,
    });
    this.before = now;
  }

  /**
   * The points of the last `minutes`, oldest first: counted, not timed (a point every five
   * seconds), so a stalled event loop can stretch the span a little, never the answer's size.
   */
  last(minutes: number): admin.StatsHistory {
    return { intervalSeconds: INTERVAL, points: this.points.last(minutes * POINTS_PER_MINUTE) };
  }
}
