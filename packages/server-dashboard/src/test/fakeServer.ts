/**
 * A fake charla admin API for component tests: a `fetch` that answers the routes of
 * docs/admin-api.md from a little in-memory state (users, bans, history, audit), checks the
 * token and its role as the server does, and records every request; and (the SDK's) fake
 * WebSocket for `/api/events` that lets a test push any event and close the stream.
 */
import type { admin } from '@charla/protocol';
import type { FetchLike } from '@charla/sdk/admin';

/** The fake `/api/events`: the SDK's, which its own stream is tested against too. */
export { FakeEventSocket, FakeEventSockets } from '@charla/sdk/admin/testing';

export const ADMIN = 'admin-token';
export const VIEWER = 'viewer-token';
const AT = '2025-01-01T10:00:00.000Z';

export interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly authorization: string | null;
}

export interface FakeState {
  users: admin.UserItem[];
  bans: admin.Ban[];
  /** As the server answers them: a private message's text is null unless it runs with --admin-reads-private. */
  messages: admin.MessageItem[];
  audit: admin.AuditEntry[];
  accepting: boolean;
  /** What GET /api/stats/history answers (all of it, whatever `minutes` asks). */
  history: admin.StatsPoint[];
}

export const user = (name: string, extra: Partial<admin.UserItem> = {}): admin.UserItem => ({
  name,
  since: AT,
  address: '127.0.0.1',
  transport: 'ws',
  messagesSent: 0,
  lastActivity: AT,
  ...extra,
});

export const names = (count: number, prefix = 'u') => Array.from({ length: count }, (_, i) => user(`${prefix}${String(i).padStart(4, '0')}`));

export interface FakeServer {
  readonly fetch: FetchLike;
  readonly state: FakeState;
  readonly requests: Recorded[];
  /** Requests to this method and path (without /api). */
  calls(method: string, path: string): Recorded[];
  /** Makes every request fail as an unreachable server does. */
  unreachable: boolean;
  /** Tokens answered 401 from now on (as after a restart with other tokens). */
  readonly revoked: Set<string>;
  /** Answers to GET /api/users wait until release() (to test what shows meanwhile). */
  holdUsers(): { release(): void };
}

interface Reply {
  readonly status: number;
  readonly body?: unknown;
}
const error = (status: number, code: admin.AdminErrorCode, message: string = code): Reply => ({ status, body: { code, message } });

export function fakeServer(initial: Partial<FakeState> = {}): FakeServer {
  const state: FakeState = { users: [], bans: [], messages: [], audit: [], accepting: true, history: [], ...initial };
  const requests: Recorded[] = [];
  let held: Promise<void> | null = null;

  const route = (method: string, path: string, query: URLSearchParams, body: unknown, token: string): Reply => {
    const json = (value: unknown, status = 200): Reply => ({ status, body: value });
    let match: RegExpExecArray | null;
    if (method === 'GET' && path === '/me') return json(token === ADMIN ? { label: 'ops', role: 'admin' } : { label: 'watch', role: 'viewer' });
    if (method === 'GET' && path === '/stats') return json(stats(state));
    if (method === 'GET' && path === '/stats/history') return json({ intervalSeconds: 5, points: state.history });
    if (method === 'GET' && path === '/users') {
      const q = query.get('q')?.toLowerCase() ?? '';
      const found = state.users.filter((u) => u.name.toLowerCase().includes(q));
      const offset = Number(query.get('offset') ?? 0);
      return json({ total: found.length, items: found.slice(offset, offset + Number(query.get('limit') ?? 100)) });
    }
    if ((match = /^\/users\/([^/]+)(\/kick)?$/.exec(path))) {
      const name = decodeURIComponent(match[1] ?? '');
      const found = state.users.find((u) => u.name === name);
      if (found === undefined) return error(404, 'not_found', `nobody named ${name} is connected`);
      if (method === 'GET') return json(found);
      state.users = state.users.filter((u) => u !== found);
      return json({ kicked: true });
    }
    if (method === 'POST' && path === '/announcements') {
      const content = (body as { content?: string }).content;
      return content === undefined || content === '' ? error(400, 'invalid_request', 'the request is not valid') : json({ at: AT }, 201);
    }
    if (method === 'GET' && path === '/bans') return json({ items: state.bans });
    if (method === 'POST' && path === '/bans') {
      const request = body as admin.BanRequest;
      const ban: admin.Ban = { id: state.bans.length + 1, ...(request.name !== undefined ? { name: request.name } : { address: request.address }), until: AT, reason: request.reason, by: 'admin' };
      state.bans.push(ban);
      return json(ban, 201);
    }
    if (method === 'DELETE' && (match = /^\/bans\/(\d+)$/.exec(path))) {
      state.bans = state.bans.filter((ban) => ban.id !== Number(match?.[1]));
      return { status: 204 };
    }
    if (method === 'GET' && path === '/messages') {
      const q = query.get('q') ?? '';
      const before = Number(query.get('before') ?? Infinity);
      const limit = Number(query.get('limit') ?? 50);
      // As the server: a withheld text is never found by a search.
      const found = state.messages.filter((m) => m.id < before && (q === '' || (m.contenido?.includes(q) ?? false)));
      return json({ items: found.slice(-limit), complete: found.length <= limit });
    }
    if (method === 'DELETE' && (match = /^\/messages\/(\d+)$/.exec(path))) {
      state.messages = state.messages.filter((m) => m.id !== Number(match?.[1]));
      return { status: 204 };
    }
    if (method === 'PUT' && path === '/server/accepting') {
      state.accepting = (body as admin.AcceptingRequest).accepting;
      return json({ accepting: state.accepting });
    }
    if (method === 'GET' && path === '/audit') {
      const before = Number(query.get('before') ?? Infinity);
      const limit = Number(query.get('limit') ?? 50);
      return json({ items: state.audit.filter((entry) => entry.id < before).slice(0, limit) });
    }
    return error(404, 'not_found', 'no such route');
  };

  const fetch: FetchLike = async (input, init = {}) => {
    const url = new URL(input);
    const path = url.pathname.replace(/^\/api/, '');
    const method = init.method ?? 'GET';
    const authorization = new Headers(init.headers).get('authorization');
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    requests.push({ method, path, query: url.searchParams, body, authorization });
    if (server.unreachable) throw new TypeError('Failed to fetch');
    if (method === 'GET' && path === '/users' && held !== null) await held;
    if (init.signal?.aborted === true) throw new DOMException('aborted', 'AbortError');
    const token = authorization?.replace(/^Bearer /, '');
    const reply =
      (token !== ADMIN && token !== VIEWER) || server.revoked.has(token)
        ? error(401, 'unauthorized')
        : method !== 'GET' && token === VIEWER
          ? error(403, 'forbidden', 'this token may only read')
          : route(method, path, url.searchParams, body, token);
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json' } });
  };

  const server: FakeServer = {
    fetch,
    state,
    requests,
    calls: (method, path) => requests.filter((r) => r.method === method && r.path === path),
    unreachable: false,
    revoked: new Set(),
    holdUsers: () => {
      let release: () => void = () => undefined;
      held = new Promise<void>((resolve) => (release = resolve));
      return {
        release: () => {
          held = null;
          release();
        },
      };
    },
  };
  return server;
}

export function stats(state: Pick<FakeState, 'users' | 'accepting'>, extra: Partial<admin.Stats> = {}): admin.Stats {
  return {
    connections: state.users.length,
    users: state.users.length,
    accepting: state.accepting,
    messagesTotal: 0,
    messagesPerSecond: { last1s: 0, last60s: 0 },
    bytesIn: 0,
    bytesOut: 0,
    refusedByCode: {},
    memory: { rss: 50 * 1024 * 1024, heapUsed: 20 * 1024 * 1024 },
    eventLoopDelayMs: { p50: 0.5, p99: 2 },
    uptimeSeconds: 3725,
    ...extra,
  };
}

/** `count` five-second history points ending now, `connections` rising from 1 (users the same). */
export function historyPoints(count: number, extra: (i: number) => Partial<admin.StatsPoint> = () => ({})): admin.StatsPoint[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => ({
    at: new Date(now - (count - 1 - i) * 5000).toISOString(),
    connections: i + 1,
    users: i + 1,
    messagesPerSecond: 0,
    refused: {},
    ...extra(i),
  }));
}
