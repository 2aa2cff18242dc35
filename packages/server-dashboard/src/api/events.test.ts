import { AdminCloseCode, CloseCode } from '@charla/protocol';
import type { admin } from '@charla/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEventSockets, stats } from '../test/fakeServer';
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
    sockets.latest.drop(CloseCode.abnormal);
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

  it('stops for good on 4401 (the token was refused) and says so once', () => {
    const onUnauthorized = vi.fn();
    const { events, sockets } = connect({ onUnauthorized });
    sockets.latest.drop(AdminCloseCode.unauthorized);
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
    expect(sockets.latest.closed).toBe(CloseCode.normal);
    vi.advanceTimersByTime(60_000);
    expect(sockets.sockets).toHaveLength(1);
    expect(events.getSnapshot().state).toBe('stopped');
  });
});
