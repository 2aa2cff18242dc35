import type { admin } from '@charla/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEventSockets, stats } from '../test/fakeServer';
import { backoffDelay } from './backoff';
import { EventsConnection } from './events';
import type { EventsOptions } from './events';

const STATS = stats({ users: [], accepting: true });

function connect(options: Partial<EventsOptions> = {}) {
  const sockets = new FakeEventSockets();
  const events = new EventsConnection({ url: 'ws://server.test/api/events', token: 'tok', WebSocket: sockets.Socket, flushMs: 0, random: () => 0.5, ...options });
  events.start();
  return { events, sockets };
}

describe('EventsConnection', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('authenticates with its first frame and is live from the first event (the server sends no confirmation)', () => {
    const { events, sockets } = connect();
    expect(sockets.latest.url).toBe('ws://server.test/api/events');
    expect(events.getSnapshot().state).toBe('connecting');
    sockets.latest.open();
    expect(sockets.latest.sent).toEqual([{ type: 'auth', token: 'tok' }]);
    expect(events.getSnapshot().state).toBe('connecting');
    sockets.latest.push({ type: 'stats', ...STATS });
    vi.advanceTimersByTime(0);
    expect(events.getSnapshot()).toMatchObject({ state: 'live', stats: { uptimeSeconds: 3725 } });
  });

  it('folds stats five to a chart point (the newest point filling meanwhile) and keeps every other event in the log, both bounded', () => {
    const { events, sockets } = connect({ logMax: 3, samplesMax: 2 });
    sockets.latest.open();
    const frame = (connections: number, last1s: number, vetado: number) =>
      sockets.latest.push({ type: 'stats', ...STATS, connections, messagesPerSecond: { last1s, last60s: 0 }, refusedByCode: { vetado } });
    // Three points' worth: the first frame is the baseline of the refusal counts (totals).
    for (let i = 1; i <= 11; i++) frame(i, i, 4 + i);
    for (const name of ['a', 'b', 'c', 'd']) sockets.latest.push({ type: 'join', name, address: '::1' });
    vi.advanceTimersByTime(0);
    const snapshot = events.getSnapshot();
    expect(snapshot.samples.map((s) => [s.connections, s.messagesPerSecond, s.refused])).toEqual([
      [10, 8, { vetado: 5 }],
      [11, 11, { vetado: 1 }],
    ]);
    expect(snapshot.log.map((entry) => (entry.event.type === 'join' ? entry.event.name : ''))).toEqual(['b', 'c', 'd']);
    expect(snapshot.log.map((entry) => entry.seq)).toEqual([2, 3, 4]);
  });

  it('opens the charts with the server\'s history each time it goes live; an answer for an old connection is dropped', async () => {
    const answers: ((history: admin.StatsHistory) => void)[] = [];
    const loadHistory = vi.fn((_minutes: number) => new Promise<admin.StatsHistory>((resolve) => answers.push(resolve)));
    const { events, sockets } = connect({ loadHistory });
    const point = (connections: number, secondsAgo: number): admin.StatsPoint => ({ at: new Date(Date.now() - secondsAgo * 1000).toISOString(), connections, users: 0, messagesPerSecond: 0, refused: {} });
    sockets.latest.open();
    sockets.latest.push({ type: 'ready' });
    expect(loadHistory).toHaveBeenCalledWith(15);
    sockets.latest.drop(1006);
    vi.advanceTimersByTime(60_000);
    sockets.latest.open();
    sockets.latest.push({ type: 'ready' });
    expect(loadHistory).toHaveBeenCalledTimes(2);
    // The first connection's answer comes late: the second's is the one drawn.
    answers[0]?.({ intervalSeconds: 5, points: [point(1, 10)] });
    answers[1]?.({ intervalSeconds: 5, points: [point(2, 10), point(3, 5)] });
    await vi.advanceTimersByTimeAsync(0);
    expect(events.getSnapshot().samples.map((s) => s.connections)).toEqual([2, 3]);
  });

  it('skips frames outside the contract without failing', () => {
    const { events, sockets } = connect();
    sockets.latest.open();
    sockets.latest.onmessage?.({ data: 'not json' });
    sockets.latest.push({ type: 'future_event', anything: 1 });
    sockets.latest.push({ type: 'join', name: 'ana' }); // no address
    vi.advanceTimersByTime(0);
    expect(events.getSnapshot()).toMatchObject({ state: 'connecting', log: [] });
  });

  it('publishes a burst of events once per flush, not once per event', () => {
    const { events, sockets } = connect({ flushMs: 100 });
    const listener = vi.fn();
    events.subscribe(listener);
    sockets.latest.open();
    sockets.latest.push({ type: 'stats', ...STATS }); // the state change publishes at once
    expect(listener).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 50; i++) sockets.latest.push({ type: 'message', id: i + 1, sender: 'ana' });
    expect(listener).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(100);
    expect(listener).toHaveBeenCalledTimes(2);
    expect(events.getSnapshot().log).toHaveLength(50);
  });

  it('reconnects by itself with full-jitter backoff, and counts from zero again once live', () => {
    const { events, sockets } = connect({ backoff: { baseMs: 1000, maxMs: 4000 }, random: () => 0.5 });
    sockets.latest.drop(1006);
    expect(events.getSnapshot()).toMatchObject({ state: 'reconnecting', retryAt: Date.now() + 500 });
    // Half of each ceiling: 1 s, 2 s, 4 s, then the 4 s cap.
    for (const delay of [500, 1000, 2000, 2000]) {
      const before = sockets.sockets.length;
      vi.advanceTimersByTime(delay - 1);
      expect(sockets.sockets.length).toBe(before);
      vi.advanceTimersByTime(1);
      expect(sockets.sockets.length).toBe(before + 1);
      sockets.latest.drop(1006);
    }
    vi.advanceTimersByTime(2000);
    sockets.latest.open();
    sockets.latest.push({ type: 'stats', ...STATS });
    expect(events.getSnapshot()).toMatchObject({ state: 'live', retryAt: null });
    sockets.latest.drop(1006);
    expect(events.getSnapshot().retryAt).toBe(Date.now() + 500);
  });

  it('takes a silent stream for dead (stats come every second) and reconnects', () => {
    const { events, sockets } = connect({ silenceMs: 5000 });
    sockets.latest.open();
    sockets.latest.push({ type: 'stats', ...STATS });
    vi.advanceTimersByTime(5000);
    expect(sockets.sockets[0]?.closed).toBe(1000);
    expect(events.getSnapshot().state).toBe('reconnecting');
  });

  it('stops for good on 4401 (the token was refused) and says so once', () => {
    const onUnauthorized = vi.fn();
    const { events, sockets } = connect({ onUnauthorized });
    sockets.latest.drop(4401);
    vi.advanceTimersByTime(60_000);
    expect(events.getSnapshot().state).toBe('unauthorized');
    expect(sockets.sockets).toHaveLength(1);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('bumps `membership` on joins, leaves and every (re)connection, so the users table reloads', () => {
    const { events, sockets } = connect();
    sockets.latest.open();
    sockets.latest.push({ type: 'stats', ...STATS });
    const first = events.getSnapshot().membership;
    sockets.latest.push({ type: 'message', id: 1, sender: 'ana' });
    sockets.latest.push({ type: 'join', name: 'bea', address: '::1' });
    sockets.latest.push({ type: 'leave', name: 'bea', reason: 'salida' });
    vi.advanceTimersByTime(0);
    expect(events.getSnapshot().membership).toBe(first + 2);
  });

  it('logs the server\'s replay and is live from it; replayed joins do not each reload the users table', () => {
    const { events, sockets } = connect();
    sockets.latest.open();
    for (const name of ['a', 'b', 'c']) sockets.latest.push({ type: 'join', name, address: '::1', replay: true });
    sockets.latest.push({ type: 'ready' });
    vi.advanceTimersByTime(0);
    const snapshot = events.getSnapshot();
    expect(snapshot.state).toBe('live');
    expect(snapshot.log.map((entry) => (entry.event.type === 'join' ? entry.event.name : ''))).toEqual(['a', 'b', 'c']);
    expect(snapshot.membership).toBe(1);
  });

  it('stop() closes the socket and never reconnects; noteAccepting() shows a PUT’s answer at once', () => {
    const { events, sockets } = connect();
    sockets.latest.open();
    sockets.latest.push({ type: 'stats', ...STATS });
    events.noteAccepting(false);
    expect(events.getSnapshot().stats?.accepting).toBe(false);
    events.stop();
    expect(sockets.latest.closed).toBe(1000);
    vi.advanceTimersByTime(60_000);
    expect(sockets.sockets).toHaveLength(1);
    expect(events.getSnapshot().state).toBe('stopped');
  });
});

describe('backoffDelay', () => {
  it('is uniform below a ceiling that doubles up to the cap', () => {
    const options = { baseMs: 500, maxMs: 15_000 };
    expect([0, 1, 2, 5, 40].map((attempt) => backoffDelay(attempt, options, () => 0.999))).toEqual([499, 999, 1998, 14_985, 14_985]);
    expect(backoffDelay(3, options, () => 0)).toBe(0);
  });
});
