/** AdminEventStream against a fake socket the test drives frame by frame, with fake timers. */
import { AdminCloseCode, CloseCode } from '@charla/protocol';
import type { admin } from '@charla/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay } from '../backoff.js';
import { AdminEventStream, EVENTS_BACKOFF } from './events.js';
import type { AdminEventStreamOptions, AdminStreamClose } from './events.js';
import { FAKE_EVENT_AT as AT, FakeEventSockets } from './testing.js';

const STATS = {
  connections: 0,
  users: 0,
  accepting: true,
  messagesTotal: 0,
  messagesPerSecond: { last1s: 0, last60s: 0 },
  bytesIn: 0,
  bytesOut: 0,
  refusedByCode: {},
  memory: { rss: 1, heapUsed: 1 },
  eventLoopDelayMs: { p50: 0.5, p99: 2 },
  uptimeSeconds: 3725,
} satisfies admin.Stats;

let fake: FakeEventSockets;
const latest = () => fake.latest;

function connect(options: Partial<AdminEventStreamOptions> = {}) {
  const stream = new AdminEventStream({ url: 'ws://server.test/api/events', token: 'tok', WebSocket: fake.Socket, random: () => 0.5, ...options });
  const events: admin.AdminEvent[] = [];
  const closes: AdminStreamClose[] = [];
  const states: string[] = [];
  stream.on('event', (event) => events.push(event));
  stream.on('close', (close) => closes.push(close));
  stream.on('state', (state) => states.push(state));
  stream.start();
  return { stream, events, closes, states };
}

describe('AdminEventStream', () => {
  beforeEach(() => {
    fake = new FakeEventSockets();
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('authenticates with its first frame and is live from the first event (the server sends no confirmation)', () => {
    const { stream, events } = connect();
    expect(latest().url).toBe('ws://server.test/api/events');
    expect(latest().options).toBeUndefined();
    expect(stream.getSnapshot()).toEqual({ state: 'connecting', retryAt: null });
    latest().open();
    expect(latest().sent).toEqual([{ type: 'auth', token: 'tok' }]);
    expect(stream.state).toBe('connecting');
    latest().push({ type: 'stats', ...STATS });
    expect(stream.getSnapshot()).toEqual({ state: 'live', retryAt: null });
    expect(events).toEqual([{ type: 'stats', at: AT, ...STATS }]);
  });

  it('with `auth: header`, gives the token to the constructor as a header and sends nothing', () => {
    const { stream } = connect({ auth: 'header' });
    expect(latest().options).toEqual({ headers: { authorization: 'Bearer tok' } });
    latest().open();
    expect(latest().sent).toEqual([]);
    latest().push({ type: 'ready' });
    expect(stream.state).toBe('live');
  });

  it('hands on the replay, `ready` and live events in order, as the server marks them', () => {
    const { stream, events } = connect();
    latest().open();
    for (const name of ['a', 'b']) latest().push({ type: 'join', name, address: '::1', replay: true });
    expect(stream.state).toBe('live');
    latest().push({ type: 'ready' });
    latest().push({ type: 'join', name: 'c', address: '::1' });
    expect(events.map((e) => [e.type, e.type === 'join' ? e.name : '', e.replay ?? false])).toEqual([
      ['join', 'a', true],
      ['join', 'b', true],
      ['ready', '', false],
      ['join', 'c', false],
    ]);
  });

  it('skips frames outside the contract without failing, and tells of them', () => {
    const { stream, events } = connect();
    const invalid = vi.fn();
    stream.on('invalid', invalid);
    latest().open();
    latest().onmessage?.({ data: 'not json' });
    latest().push({ type: 'future_event', anything: 1 });
    latest().push({ type: 'join', name: 'ana' }); // no address
    expect({ state: stream.state, events }).toEqual({ state: 'connecting', events: [] });
    expect(invalid).toHaveBeenCalledTimes(3);
    expect(invalid).toHaveBeenNthCalledWith(1, 'not json');
  });

  it('reconnects by itself with full-jitter backoff, and counts from zero again once live', () => {
    const { stream, closes } = connect({ reconnect: { baseMs: 1000, maxMs: 4000 } });
    latest().drop(CloseCode.abnormal);
    expect(stream.getSnapshot()).toEqual({ state: 'reconnecting', retryAt: Date.now() + 500 });
    expect(closes).toEqual([{ code: CloseCode.abnormal, reason: '', opened: false }]);
    // Half of each ceiling: 1 s, 2 s, 4 s, then the 4 s cap.
    for (const delay of [500, 1000, 2000, 2000]) {
      const before = fake.sockets.length;
      vi.advanceTimersByTime(delay - 1);
      expect(fake.sockets.length).toBe(before);
      vi.advanceTimersByTime(1);
      expect(fake.sockets.length).toBe(before + 1);
      expect(stream.state).toBe('reconnecting');
      latest().drop(CloseCode.abnormal);
    }
    vi.advanceTimersByTime(2000);
    latest().open();
    latest().push({ type: 'stats', ...STATS });
    expect(stream.getSnapshot()).toEqual({ state: 'live', retryAt: null });
    latest().drop(CloseCode.abnormal);
    expect(stream.getSnapshot().retryAt).toBe(Date.now() + 500);
  });

  it('takes a silent stream for dead (stats come every second) and reconnects', () => {
    const { stream, closes } = connect({ silenceMs: 5000 });
    latest().open();
    latest().push({ type: 'stats', ...STATS });
    vi.advanceTimersByTime(4999);
    latest().push({ type: 'stats', ...STATS });
    vi.advanceTimersByTime(4999);
    expect(stream.state).toBe('live');
    vi.advanceTimersByTime(1);
    expect(fake.sockets[0]?.closed).toBe(CloseCode.normal);
    expect(stream.state).toBe('reconnecting');
    expect(closes).toEqual([{ code: CloseCode.abnormal, reason: 'no frame for 5000 ms', opened: true }]);
  });

  it('stops for good on 4401 (the token was refused)', () => {
    const { stream, states } = connect();
    latest().open();
    latest().drop(AdminCloseCode.unauthorized, 'unauthorized');
    vi.advanceTimersByTime(60_000);
    expect(stream.getSnapshot()).toEqual({ state: 'unauthorized', retryAt: null });
    expect(fake.sockets).toHaveLength(1);
    expect(states).toEqual(['connecting', 'unauthorized']);
  });

  it('with `reconnect: false`, a lost stream stops and its close says why (the error before it too)', () => {
    const { stream, closes } = connect({ reconnect: false });
    const error = { type: 'error', message: 'connect ECONNREFUSED' };
    latest().onerror?.(error);
    latest().drop(CloseCode.abnormal);
    vi.advanceTimersByTime(60_000);
    expect(stream.state).toBe('stopped');
    expect(fake.sockets).toHaveLength(1);
    expect(closes).toEqual([{ code: CloseCode.abnormal, reason: '', opened: false, error }]);
  });

  it('stop() closes the socket and never reconnects, from a close listener too', () => {
    const { stream, closes } = connect();
    latest().open();
    latest().push({ type: 'stats', ...STATS });
    stream.stop();
    expect(latest().closed).toBe(CloseCode.normal);
    vi.advanceTimersByTime(60_000);
    expect(fake.sockets).toHaveLength(1);
    expect(stream.state).toBe('stopped');
    expect(closes).toEqual([]);

    stream.start();
    stream.on('close', () => stream.stop());
    latest().drop(CloseCode.abnormal);
    vi.advanceTimersByTime(60_000);
    expect(fake.sockets).toHaveLength(2);
    expect(stream.state).toBe('stopped');
  });

  it('tells subscribers of every change of state or retry time; a subscriber that throws is reported and skipped', () => {
    const report = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { stream } = connect();
    const t0 = Date.now();
    const seen: unknown[] = [];
    stream.subscribe(() => {
      throw new Error('a bug in the app');
    });
    stream.subscribe(() => seen.push(stream.getSnapshot()));
    latest().drop(CloseCode.abnormal);
    vi.advanceTimersByTime(500);
    latest().drop(CloseCode.abnormal);
    expect(seen).toEqual([
      { state: 'reconnecting', retryAt: t0 + 250 },
      { state: 'reconnecting', retryAt: t0 + 500 + 500 },
    ]);
    expect(report).toHaveBeenCalledTimes(2);
    report.mockRestore();
  });
});

describe('EVENTS_BACKOFF', () => {
  it('is uniform below a ceiling that doubles up to the cap', () => {
    expect([0, 1, 2, 5, 40].map((attempt) => backoffDelay(attempt, EVENTS_BACKOFF, () => 0.999))).toEqual([499, 999, 1998, 14_985, 14_985]);
    expect(backoffDelay(3, EVENTS_BACKOFF, () => 0)).toBe(0);
  });
});
