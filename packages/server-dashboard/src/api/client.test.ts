import { describe, expect, it, vi } from 'vitest';
import { ADMIN, fakeServer, names, VIEWER } from '../test/fakeServer';
import { AdminApi } from './client';
import { ApiError } from './errors';

const ORIGIN = 'http://server.test';

describe('AdminApi', () => {
  it('sends the token in the Authorization header, never in the URL, and builds the query (an empty search is no search)', async () => {
    const server = fakeServer({ users: names(3) });
    const api = new AdminApi(ADMIN, { baseUrl: ORIGIN, fetch: server.fetch });
    expect(await api.users({ q: '', offset: 0, limit: 2 })).toMatchObject({ total: 3, items: [{ name: 'u0000' }, { name: 'u0001' }] });
    await api.users({ q: 'u2', offset: 0, limit: 500 });
    const [first, second] = server.calls('GET', '/users');
    expect(first?.authorization).toBe(`Bearer ${ADMIN}`);
    expect(first?.query.toString()).toBe('offset=0&limit=2');
    expect(second?.query.toString()).toBe('q=u2&offset=0&limit=500');
    expect(server.requests.every((r) => !r.query.toString().includes(ADMIN))).toBe(true);
  });

  it('maps the server’s {code, message} to an ApiError with the code, the message and the status', async () => {
    const server = fakeServer();
    const api = new AdminApi(ADMIN, { baseUrl: ORIGIN, fetch: server.fetch });
    const error = await api.user('nadie').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ name: 'ApiError', code: 'not_found', status: 404, message: 'nobody named nadie is connected' });
  });

  it('tells of a 401 (the session is over) and throws it as unauthorized', async () => {
    const onUnauthorized = vi.fn();
    const api = new AdminApi('wrong', { baseUrl: ORIGIN, fetch: fakeServer().fetch, onUnauthorized });
    await expect(api.stats()).rejects.toMatchObject({ code: 'unauthorized', status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('calls an unreachable server `network`, and an answer outside the contract `bad_response`', async () => {
    const server = fakeServer();
    server.unreachable = true;
    await expect(new AdminApi(ADMIN, { baseUrl: ORIGIN, fetch: server.fetch }).stats()).rejects.toMatchObject({ code: 'network' });

    const proxyPage = async () => new Response('<html>Bad gateway</html>', { status: 200 });
    await expect(new AdminApi(ADMIN, { baseUrl: ORIGIN, fetch: proxyPage }).stats()).rejects.toMatchObject({ code: 'bad_response' });
    const bareError = async () => new Response('oops', { status: 503 });
    await expect(new AdminApi(ADMIN, { baseUrl: ORIGIN, fetch: bareError }).stats()).rejects.toMatchObject({ code: 'unavailable', status: 503 });
  });

  it('asks GET /api/me who the token is, and writes nothing to find out', async () => {
    const server = fakeServer();
    expect(await new AdminApi(ADMIN, { baseUrl: ORIGIN, fetch: server.fetch }).me()).toEqual({ label: 'ops', role: 'admin' });
    expect(await new AdminApi(VIEWER, { baseUrl: ORIGIN, fetch: server.fetch }).me()).toEqual({ label: 'watch', role: 'viewer' });
    expect(server.calls('GET', '/me')).toHaveLength(2);
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('sends writes as JSON and takes 204 as done', async () => {
    const server = fakeServer({ users: names(1), bans: [{ id: 7, name: 'x', until: '2030-01-01T00:00:00.000Z', reason: 'r', by: 'admin' }] });
    const api = new AdminApi(ADMIN, { baseUrl: ORIGIN, fetch: server.fetch });
    await api.kick('u0000', { reason: 'spam', banSeconds: 600 });
    expect(server.calls('POST', '/users/u0000/kick')[0]?.body).toEqual({ reason: 'spam', banSeconds: 600 });
    await expect(api.unban(7)).resolves.toBeUndefined();
    expect(await api.setAccepting({ accepting: false, disconnectAll: true })).toEqual({ accepting: false });
  });
});
