/**
 * The overview's chart points, five seconds each: the server's history
 * (`GET /api/stats/history`) so the charts open full, continued by the live `stats` frames
 * folded five to a point. Pure functions over an immutable state, kept by EventsConnection.
 */
import { admin } from '@charla/protocol';

export const SAMPLE_SECONDS = admin.STATS_HISTORY_INTERVAL_SECONDS;
/** How far back the charts reach: what the console asks the server's history for. */
export const SAMPLES_MINUTES = 15;
export const SAMPLES_MAX = (SAMPLES_MINUTES * 60) / SAMPLE_SECONDS;

/** One point of the overview's charts: an interval of SAMPLE_SECONDS. */
export interface StatsSample {
  /** The interval's end, on the server's clock (ms since the epoch). */
  readonly at: number;
  readonly connections: number;
  readonly users: number;
  readonly messagesPerSecond: number;
  /** Refusals in the interval, by code. */
  readonly refused: Readonly<Record<string, number>>;
}

/** The interval being filled by live frames: shown as the newest point meanwhile. */
interface Bucket {
  readonly seconds: number;
  readonly messages: number;
  readonly point: StatsSample;
}

export interface Samples {
  /** Complete points, oldest first, at most `max`. */
  readonly points: readonly StatsSample[];
  readonly bucket: Bucket | null;
  /** The previous frame: the server's refusal counts are totals, a point holds the change. */
  readonly baseline: admin.Stats | null;
}

export const NO_SAMPLES: Samples = { points: [], bucket: null, baseline: null };

/** Folds one live `stats` frame in. */
export function addStats(samples: Samples, stats: admin.Stats & { readonly at: string }, max: number): Samples {
  const refused: Record<string, number> = { ...samples.bucket?.point.refused };
  for (const [code, total] of Object.entries(stats.refusedByCode)) {
    // The first frame after (re)connecting has no baseline: it counts nothing.
    const delta = samples.baseline === null ? 0 : total - (samples.baseline.refusedByCode[code] ?? 0);
    if (delta > 0) refused[code] = (refused[code] ?? 0) + delta;
  }
  const seconds = (samples.bucket?.seconds ?? 0) + 1;
  const messages = (samples.bucket?.messages ?? 0) + stats.messagesPerSecond.last1s;
  const point: StatsSample = {
    at: Date.parse(stats.at),
    connections: stats.connections,
    users: stats.users,
    messagesPerSecond: messages / seconds,
    refused,
  };
  if (seconds < SAMPLE_SECONDS) return { ...samples, bucket: { seconds, messages, point }, baseline: stats };
  return { points: bounded([...samples.points, point], max), bucket: null, baseline: stats };
}

/**
 * The server's history in place of what came before its newest point; live points after it
 * stay (the history may answer a few seconds after the first frames).
 */
export function addHistory(samples: Samples, history: admin.StatsHistory, max: number): Samples {
  const points = history.points.map((p): StatsSample => ({ ...p, at: Date.parse(p.at) }));
  const newest = points.at(-1)?.at ?? -Infinity;
  return { ...samples, points: bounded([...points, ...samples.points.filter((p) => p.at > newest)], max) };
}

/** After a reconnection: the half-filled interval and the baseline belong to the old stream. */
export function reconnected(samples: Samples): Samples {
  return { ...samples, bucket: null, baseline: null };
}

/** What the charts draw: the complete points and the interval being filled. */
export function shown(samples: Samples, max: number): readonly StatsSample[] {
  return samples.bucket === null ? samples.points : bounded([...samples.points, samples.bucket.point], max);
}

function bounded<T>(items: T[], max: number): T[] {
  return items.length > max ? items.slice(items.length - max) : items;
}
