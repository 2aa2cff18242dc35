/**
 * AdminClient against a fake `fetch` that answers as the admin API does (a 401 for another
 * token, a 403 for a viewer's write) and records every request.
 */
import { describe, expect, it, vi } from 'vitest';
import { AdminClient, adminEventsUrl } from './client.js';
import type { FetchLike } from './client.js';
import { AdminError } from './errors.js';

const ORIGIN = 'http://server.test';
const ADMIN = 'admin-token';
const VIEWER = 'viewer-token';

interface Recorded {
  readonly method: string;
  readonly url: URL;
  readonly body: unknown;
  readonly authorization: string | null;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const refusal = (status: number, code: string, message: string = code, extra: object = {}) => json({ code, message, ...extra }, status);
const user = (name: string) => ({ name, since: '2025-01-01T10:00:00.000Z', address: '127.0.0.1', transport: 'ws', messagesSent: 0, lastActivity: '2025-01-01T10:00:00.000Z' });

/** A few routes, answered from what the request asks. */
function fakeApi() {
  const requests: Recorded[] = [];
  const users = ['u0000', 'u0001', 'u0002'].map(user);
  const fetch: FetchLike = async (input, init = {}) => {
    const url = new URL(input);
    const method = init.method ?? 'GET';
    const authorization = new Headers(init.headers).get('authorization');
    requests.push({ method, url, body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined, authorization });
    const path = url.pathname.replace(/^(\/charla)?\/api/, '');
    if (path === '/health') return json({ status: 'degraded', version: '1.0.0', uptimeSeconds: 3, checks: { store: 'ok' } }, 503);
    if (authorization !== `Bearer ${ADMIN}` && authorization !== `Bearer ${VIEWER}`) return refusal(401, 'unauthorized');
    if (method !== 'GET' && authorization === `Bearer ${VIEWER}`) return refusal(403, 'forbidden', 'this token may only read');
    if (path === '/me') return json(authorization === `Bearer ${ADMIN}` ? { label: 'ops', role: 'admin' } : { label: 'watch', role: 'viewer' });
    if (path === '/users') {
      const found = users.filter((u) => u.name.includes(url.searchParams.get('q') ?? ''));
      const offset = Number(url.searchParams.get('offset') ?? 0);
      return json({ total: found.length, items: found.slice(offset, offset + Number(url.searchParams.get('limit') ?? 100)) });
    }
    if (path === '/users/u0000/kick') return json({ kicked: true });
    if (path.startsWith('/users/')) return refusal(404, 'not_found', `nobody named ${decodeURIComponent(path.slice(7))} is connected`);
    if (path === '/bans' && method === 'POST') return refusal(400, 'invalid_request', 'the request is not valid', { issues: [{ path: ['body', 'name'], message: 'not a valid name' }] });
    if (path === '/bans/7') return new Response(null, { status: 204 });
    if (path === '/server/accepting') return json({ accepting: (init.body === undefined ? true : JSON.parse(String(init.body)).accepting) as boolean });
    if (path === '/stats/history') return json({ intervalSeconds: 5, points: [], newerField: 'kept' });
    return refusal(404, 'not_found', 'no such route');
  };
  return { fetch, requests, calls: (method: string, path: string) => requests.filter((r) => r.method === method && r.url.pathname === `/api${path}`) };
}

const client = (fetch: FetchLike, options: Partial<ConstructorParameters<typeof AdminClient>[0]> = {}) => new AdminClient({ baseUrl: ORIGIN, token: ADMIN, fetch, ...options });

describe('AdminClient', () => {
  it('sends the token in the Authorization header, never in the URL, and builds the query (an empty search is no search)', async () => {
    const api = fakeApi();
    expect(await client(api.fetch).users({ q: '', offset: 0, limit: 2 })).toMatchObject({ total: 3, items: [{ name: 'u0000' }, { name: 'u0001' }] });
    await client(api.fetch).users({ q: 'u2', offset: 0, limit: 500 });
    const [first, second] = api.calls('GET', '/users');
    expect(first?.authorization).toBe(`Bearer ${ADMIN}`);
    expect(first?.url.search).toBe('?offset=0&limit=2');
    expect(second?.url.search).toBe('?q=u2&offset=0&limit=500');
    expect(api.requests.every((r) => !r.url.href.includes(ADMIN))).toBe(true);
  });

  it('maps the server’s {code, message} to an AdminError with the code, the message, the status and the URL', async () => {
    const error = await client(fakeApi().fetch).user('nadie').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminError);
    expect(error).toMatchObject({ name: 'AdminError', code: 'not_found', status: 404, message: 'nobody named nadie is connected', url: `${ORIGIN}/api/users/nadie` });
    expect((error as AdminError).answer).toEqual({ code: 'not_found', message: 'nobody named nadie is connected' });
  });

  it('carries the issues of an invalid request', async () => {
    const error = await client(fakeApi().fetch).ban({ name: 'dos palabras', seconds: 60, reason: '' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_request', status: 400, issues: [{ path: ['body', 'name'], message: 'not a valid name' }] });
  });

  it('tells of a 401 (the session is over) and throws it as unauthorized', async () => {
    const onUnauthorized = vi.fn();
    await expect(client(fakeApi().fetch, { token: 'wrong', onUnauthorized }).stats()).rejects.toMatchObject({ code: 'unauthorized', status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('calls an unreachable server `network` (fetch’s error as the cause), and an answer outside the contract `bad_response`', async () => {
    const cause = new TypeError('Failed to fetch');
    const unreachable = await client(() => Promise.reject(cause)).stats().catch((e: unknown) => e);
    expect(unreachable).toMatchObject({ code: 'network', status: undefined, cause });

    const proxyPage = async () => new Response('<html>Bad gateway</html>', { status: 200 });
    await expect(client(proxyPage).stats()).rejects.toMatchObject({ code: 'bad_response', status: 200, url: `${ORIGIN}/api/stats` });
    const bareError = async () => new Response('oops', { status: 503 });
    const error = await client(bareError).stats().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unavailable', status: 503, answer: undefined });
  });

  it('asks GET /api/me who the token is, and writes nothing to find out', async () => {
    const api = fakeApi();
    expect(await client(api.fetch).me()).toEqual({ label: 'ops', role: 'admin' });
    expect(await client(api.fetch, { token: VIEWER }).me()).toEqual({ label: 'watch', role: 'viewer' });
    expect(api.calls('GET', '/me')).toHaveLength(2);
    expect(api.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('sends writes as JSON and takes 204 as done', async () => {
    const api = fakeApi();
    await client(api.fetch).kick('u0000', { reason: 'spam', banSeconds: 600 });
    expect(api.calls('POST', '/users/u0000/kick')[0]?.body).toEqual({ reason: 'spam', banSeconds: 600 });
    await expect(client(api.fetch).unban(7)).resolves.toBeUndefined();
    expect(await client(api.fetch).setAccepting({ accepting: false, disconnectAll: true })).toEqual({ accepting: false });
    await expect(client(api.fetch, { token: VIEWER }).setAccepting({ accepting: true })).rejects.toMatchObject({ code: 'forbidden', message: 'this token may only read' });
  });

  it('returns an answer as it came, fields a newer server adds included', async () => {
    expect(await client(fakeApi().fetch).statsHistory(15)).toEqual({ intervalSeconds: 5, points: [], newerField: 'kept' });
  });

  it('reads /api/health when the server is degraded (503) too', async () => {
    expect(await client(fakeApi().fetch).health()).toMatchObject({ status: 'degraded', checks: { store: 'ok' } });
  });

  it('keeps a path prefix (a proxy’s /charla/) and the page’s origin when the base is empty', async () => {
    const api = fakeApi();
    await client(api.fetch, { baseUrl: 'http://server.test/charla/' }).me();
    expect(api.requests[0]?.url.href).toBe('http://server.test/charla/api/me');
    const seen: string[] = [];
    await client(async (input) => (seen.push(input), json({ label: 'ops', role: 'admin' })), { baseUrl: '' }).me();
    expect(seen).toEqual(['/api/me']);
  });

  it('a caller’s abort is rethrown as fetch threw it; its own timeout is `network`', async () => {
    const hanging: FetchLike = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const controller = new AbortController();
    const call = client(hanging).stats({ signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    const done = new AbortController();
    const everything = client(hanging, { signal: done.signal }).stats();
    done.abort();
    await expect(everything).rejects.toMatchObject({ name: 'AbortError' });
    await expect(client(hanging, { timeoutMs: 1 }).stats()).rejects.toMatchObject({ code: 'network', cause: { name: 'TimeoutError' } });
  });
});

describe('adminEventsUrl', () => {
  it('is ws: for http:, wss: for https:, under any path prefix', () => {
    expect(adminEventsUrl('http://127.0.0.1:55555')).toBe('ws://127.0.0.1:55555/api/events');
    expect(adminEventsUrl('https://example.org/charla/')).toBe('wss://example.org/charla/api/events');
  });
});
