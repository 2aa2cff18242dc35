/**
 * The admin API (docs/admin-api.md), route by route: auth for every route (none, wrong, viewer on
 * a write, right), validation, 404s, the slow-down and 429; effects on real chat clients;
 * the event stream.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { admin } from '@charla/protocol';
import { Cleanup, startServer, TestClient } from './helpers.js';
import type { RunningServer } from './helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const ADMIN = 'root-secret';
const VIEWER = 'look-only';
const tokens = `ops:${ADMIN},watch:${VIEWER}:viewer`;

async function server(overrides: Parameters<typeof startServer>[0] = {}) {
  return cleanup.add(await startServer({ adminTokens: tokens, adminToken: undefined, ...overrides }));
}

async function join(srv: RunningServer, name: string) {
  return cleanup.add(await TestClient.join(srv.url, name));
}

function call(srv: RunningServer, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, options: { token?: string | null; body?: unknown; ip?: string } = {}) {
  const token = options.token === undefined ? ADMIN : options.token;
  return srv.app.inject({
    method,
    url,
    ...(options.ip !== undefined && { remoteAddress: options.ip }),
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
    ...(options.body !== undefined && { payload: options.body as object }),
  });
}

/** Every route of docs/admin-api.md with a valid request, and whether it writes. */
const ROUTES: { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; url: string; body?: unknown; write: boolean }[] = [
  { method: 'GET', url: '/api/me', write: false },
  { method: 'GET', url: '/api/stats', write: false },
  { method: 'GET', url: '/api/stats/history', write: false },
  { method: 'GET', url: '/api/users', write: false },
  { method: 'GET', url: '/api/users/nadie', write: false },
  { method: 'POST', url: '/api/users/nadie/kick', body: { reason: 'x' }, write: true },
  { method: 'GET', url: '/api/bans', write: false },
  { method: 'POST', url: '/api/bans', body: { address: '198.51.100.7', seconds: 60, reason: 'x' }, write: true },
  { method: 'DELETE', url: '/api/bans/999', write: true },
  { method: 'POST', url: '/api/announcements', body: { content: 'hola' }, write: true },
  { method: 'GET', url: '/api/messages', write: false },
  { method: 'DELETE', url: '/api/messages/999', write: true },
  { method: 'GET', url: '/api/server/accepting', write: false },
  { method: 'PUT', url: '/api/server/accepting', body: { accepting: true }, write: true },
  { method: 'GET', url: '/api/audit', write: false },
  { method: 'GET', url: '/api/openapi.json', write: false },
  { method: 'GET', url: '/api/docs', write: false },
  { method: 'GET', url: '/metrics', write: false },
];

describe('auth', () => {
  it('answers /api/health without a token', async () => {
    const srv = await server();
    const res = await call(srv, 'GET', '/api/health', { token: null });
    expect(res.statusCode).toBe(200);
    expect(admin.Health.parse(res.json())).toMatchObject({ status: 'ok', checks: { store: 'ok' } });
  });

  it.each(ROUTES)('$method $url: 401 without or with a wrong token, 403 for a viewer on a write', async (route) => {
    const srv = await server();
    for (const token of [null, 'wrong']) {
      const res = await call(srv, route.method, route.url, { token, body: route.body, ip: `10.0.0.${token === null ? 1 : 2}` });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ code: 'unauthorized', message: 'unauthorized' });
    }
    const viewer = await call(srv, route.method, route.url, { token: VIEWER, body: route.body });
    if (route.write) {
      expect(viewer.statusCode).toBe(403);
      expect(viewer.json()).toMatchObject({ code: 'forbidden' });
    } else {
      expect(viewer.statusCode).not.toBe(401);
      expect(viewer.statusCode).not.toBe(403);
    }
    const right = await call(srv, route.method, route.url, { body: route.body });
    expect([401, 403]).not.toContain(right.statusCode);
  });

  it('never takes the token from a query parameter or a cookie', async () => {
    const srv = await server();
    expect((await srv.app.inject({ method: 'GET', url: `/api/stats?token=${ADMIN}` })).statusCode).toBe(401);
    expect((await srv.app.inject({ method: 'GET', url: '/api/stats', headers: { cookie: `token=${ADMIN}` } })).statusCode).toBe(401);
  });

  it('slows repeated failures from one address, then answers 429 even to the right token', async () => {
    const srv = await server();
    const started = Date.now();
    const guesses = await Promise.all(
      Array.from({ length: 20 }, () => call(srv, 'GET', '/api/stats', { token: 'guess', ip: '203.0.113.9' })),
    );
    expect(guesses.map((r) => r.statusCode)).toEqual(Array(20).fill(401));
    // Past the first few failures the answers come late.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const blocked = await call(srv, 'GET', '/api/stats', { ip: '203.0.113.9' });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ code: 'too_many_attempts' });
    // Other addresses are unaffected.
    expect((await call(srv, 'GET', '/api/stats', { ip: '203.0.113.10' })).statusCode).toBe(200);
  });
});

describe('validation and not found', () => {
  it('answers 400 with zod issues for bad bodies and queries', async () => {
    const srv = await server();
    for (const [method, url, body] of [
      ['GET', '/api/users?limit=501', undefined],
      ['GET', '/api/users?offset=-1', undefined],
      ['GET', '/api/messages?limit=abc', undefined],
      ['GET', '/api/stats/history?minutes=61', undefined],
      ['GET', '/api/stats/history?minutes=0', undefined],
      ['GET', '/api/stats/history?minutes=abc', undefined],
      ['POST', '/api/bans', { seconds: 60, reason: 'no target' }],
      ['POST', '/api/bans', { name: 'a', address: '1.2.3.4', seconds: 60, reason: 'both' }],
      ['POST', '/api/announcements', { content: '' }],
      ['PUT', '/api/server/accepting', { accepting: 'yes' }],
      ['POST', '/api/users/ana/kick', {}],
    ] as const) {
      const res = await call(srv, method, url, { body });
      expect(res.statusCode, `${method} ${url}`).toBe(400);
      const error = admin.ApiError.parse(res.json());
      expect(error.code).toBe('invalid_request');
      expect(error.issues?.length).toBeGreaterThan(0);
    }
  });

  it('answers 404 for unknown users, bans, messages and routes', async () => {
    const srv = await server();
    expect((await call(srv, 'GET', '/api/users/nadie')).statusCode).toBe(404);
    expect((await call(srv, 'POST', '/api/users/nadie/kick', { body: { reason: 'x' } })).statusCode).toBe(404);
    expect((await call(srv, 'DELETE', '/api/bans/12345')).statusCode).toBe(404);
    expect((await call(srv, 'DELETE', '/api/messages/12345')).statusCode).toBe(404);
    const unknown = await call(srv, 'GET', '/api/nothing-here');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'not_found' });
  });
});

describe('reading the server', () => {
  it('stats, users with search and paging, one user', async () => {
    const srv = await server();
    for (const name of ['ana', 'anabel', 'bea']) await join(srv, name);
    const stats = admin.Stats.parse((await call(srv, 'GET', '/api/stats')).json());
    expect(stats).toMatchObject({ users: 3, connections: 3, accepting: true });
    const page = admin.UsersPage.parse((await call(srv, 'GET', '/api/users?q=ANA&limit=1&offset=1')).json());
    expect(page.total).toBe(2);
    expect(page.items.map((u) => u.name)).toEqual(['anabel']);
    const one = admin.UserItem.parse((await call(srv, 'GET', '/api/users/BEA')).json());
    expect(one).toMatchObject({ name: 'bea', transport: 'ws', address: '127.0.0.1', messagesSent: 0 });
  });

  it('messages with search and paging', async () => {
    const srv = await server();
    const ana = await join(srv, 'ana');
    for (const text of ['hola', 'adiós', 'hola otra vez']) {
      ana.send({ tipo: 'mensaje', contenido: text, ref: text });
      await ana.next('acuse');
    }
    const found = admin.MessagesPage.parse((await call(srv, 'GET', '/api/messages?q=HOLA')).json());
    expect(found.items.map((m) => m.contenido)).toEqual(['hola', 'hola otra vez']);
    expect(found.complete).toBe(true);
    const page = admin.MessagesPage.parse((await call(srv, 'GET', '/api/messages?limit=2&before=4')).json());
    expect(page).toMatchObject({ complete: false });
    expect(page.items.map((m) => m.id)).toEqual([2, 3]);
  });

  it('/api/me says who the token is: its label and role', async () => {
    const srv = await server();
    expect(admin.Me.parse((await call(srv, 'GET', '/api/me')).json())).toEqual({ label: 'ops', role: 'admin' });
    expect(admin.Me.parse((await call(srv, 'GET', '/api/me', { token: VIEWER })).json())).toEqual({ label: 'watch', role: 'viewer' });
  });

  it('serves the OpenAPI document generated from the schemas, and a docs page', async () => {
    const srv = await server();
    const doc = (await call(srv, 'GET', '/api/openapi.json')).json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/api/me', '/api/stats/history', '/api/users', '/api/users/{name}/kick', '/api/bans/{id}', '/api/server/accepting', '/metrics']) {
      expect(doc.paths).toHaveProperty([path]);
    }
    const docs = await call(srv, 'GET', '/api/docs');
    expect(docs.headers['content-type']).toMatch(/text\/html/);
    expect(docs.body).toContain('/api/announcements');
  });

  it('exposes Prometheus metrics', async () => {
    const srv = await server();
    const ana = await join(srv, 'ana');
    ana.send({ tipo: 'mensaje', contenido: 'uno', ref: '1' });
    await ana.next('acuse');
    ana.send('not json');
    await ana.next('error');
    const text = (await call(srv, 'GET', '/metrics')).body;
    expect(text).toMatch(/^charla_users 1$/m);
    expect(text).toMatch(/^charla_messages_total 1$/m);
    expect(text).toMatch(/^charla_refused_total\{code="json_invalido"\} 1$/m);
    expect(text).toMatch(/^charla_store_write_seconds_count 1$/m);
    expect(text).toMatch(/^charla_deliveries_total \d+$/m);
  });
});

/** ana says `hola` to everyone, then two private messages to bea; resolves with their ids. */
async function somePrivateMessages(srv: RunningServer) {
  const ana = await join(srv, 'ana');
  const bea = await join(srv, 'bea');
  const sent: number[] = [];
  for (const frame of [
    { tipo: 'mensaje', contenido: 'hola' },
    { tipo: 'privado', para: 'bea', contenido: 'hola, mi clave es 1234' },
    { tipo: 'privado', para: 'bea', contenido: 'hola otra vez' },
  ] as const) {
    ana.send({ ...frame, ref: String(sent.length) });
    sent.push((await ana.next('acuse')).id);
  }
  const [publicId, ...privateIds] = sent as [number, number, number];
  return { ana, bea, publicId, privateIds };
}

describe('private messages (docs/admin-api.md v2: not readable by operators by default)', () => {
  it('lists them with contenido null, every other field kept', async () => {
    const srv = await server();
    const { publicId, privateIds } = await somePrivateMessages(srv);
    const res = await call(srv, 'GET', '/api/messages', { token: VIEWER });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('1234');
    const page = admin.MessagesPage.parse(res.json());
    expect(page.items).toEqual([
      expect.objectContaining({ tipo: 'mensaje', id: publicId, remitente: 'ana', contenido: 'hola' }),
      { tipo: 'privado', id: privateIds[0], remitente: 'ana', para: 'bea', contenido: null, marca_tiempo: expect.any(String) },
      { tipo: 'privado', id: privateIds[1], remitente: 'ana', para: 'bea', contenido: null, marca_tiempo: expect.any(String) },
    ]);
    // Nothing was read, so nothing was audited.
    expect(admin.AuditPage.parse((await call(srv, 'GET', '/api/audit')).json()).items).toEqual([]);
  });

  it('q never matches their text, and the filter is in the query itself (a page is never emptied by it)', async () => {
    const srv = await server();
    const { publicId } = await somePrivateMessages(srv);
    expect(admin.MessagesPage.parse((await call(srv, 'GET', '/api/messages?q=1234')).json())).toEqual({ items: [], complete: true });
    // The two newest messages are private and contain "hola": a filter applied after paging
    // would answer an empty page that claims more.
    const page = admin.MessagesPage.parse((await call(srv, 'GET', '/api/messages?q=hola&limit=1')).json());
    expect(page).toEqual({ items: [expect.objectContaining({ id: publicId, contenido: 'hola' })], complete: true });
  });

  it('can still be deleted: both people are told, and it is gone', async () => {
    const srv = await server();
    const { ana, bea, privateIds } = await somePrivateMessages(srv);
    const [id] = privateIds;
    expect((await call(srv, 'DELETE', `/api/messages/${id}`)).statusCode).toBe(204);
    expect(await ana.next('mensaje_borrado')).toEqual({ tipo: 'mensaje_borrado', id });
    expect(await bea.next('mensaje_borrado')).toEqual({ tipo: 'mensaje_borrado', id });
    const page = admin.MessagesPage.parse((await call(srv, 'GET', '/api/messages')).json());
    expect(page.items.map((m) => m.id)).not.toContain(id);
    expect(admin.AuditPage.parse((await call(srv, 'GET', '/api/audit')).json()).items).toEqual([
      expect.objectContaining({ action: 'delete_message', target: String(id) }),
    ]);
  });

  it('with --admin-reads-private: the text is returned, found by q, and every such read is audited', async () => {
    const srv = await server({ adminReadsPrivate: true });
    const { privateIds } = await somePrivateMessages(srv);
    const found = admin.MessagesPage.parse((await call(srv, 'GET', '/api/messages?q=1234', { token: VIEWER })).json());
    expect(found.items).toEqual([expect.objectContaining({ tipo: 'privado', id: privateIds[0], contenido: 'hola, mi clave es 1234' })]);
    const all = admin.MessagesPage.parse((await call(srv, 'GET', '/api/messages?limit=10')).json());
    expect(all.items.map((m) => m.contenido)).toEqual(['hola', 'hola, mi clave es 1234', 'hola otra vez']);
    // A read that returns no private text is not a reading of private messages.
    await call(srv, 'GET', '/api/messages?q=adiós');
    const audit = admin.AuditPage.parse((await call(srv, 'GET', '/api/audit')).json()).items;
    expect(audit).toEqual([
      expect.objectContaining({ actor: 'ops', action: 'read_private', target: '/api/messages?limit=10', details: { count: 2, ids: privateIds } }),
      expect.objectContaining({ actor: 'watch', action: 'read_private', target: '/api/messages?q=1234&limit=50', details: { count: 1, ids: [privateIds[0]] } }),
    ]);
  });
});

describe('/api/stats/history', () => {
  // The sampler ticks on setInterval: faked here (only it), so an hour passes in a moment.
  // The server closes before the real timers come back, so its interval is cleared where it was made.
  async function withFakeTicks(test: (srv: RunningServer) => Promise<void>) {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const srv = await startServer({ adminTokens: tokens, adminToken: undefined });
    try {
      await test(srv);
    } finally {
      await srv.close();
      vi.useRealTimers();
    }
  }
  const history = async (srv: RunningServer, query = '') => admin.StatsHistory.parse((await call(srv, 'GET', `/api/stats/history${query}`)).json());

  it('a point every five seconds: users and connections then, the interval\'s messages per second and refusals by code', () =>
    withFakeTicks(async (srv) => {
      expect(await history(srv)).toEqual({ intervalSeconds: 5, points: [] });
      const ana = cleanup.add(await TestClient.join(srv.url, 'ana'));
      for (let i = 0; i < 10; i++) {
        ana.send({ tipo: 'mensaje', contenido: `m${i}`, ref: `r${i}` });
        await ana.next('acuse');
      }
      ana.send('not json');
      await ana.next('error');
      vi.advanceTimersByTime(5000);
      const [first, ...rest] = (await history(srv)).points;
      expect(rest).toEqual([]);
      expect(first).toMatchObject({ connections: 1, users: 1, messagesPerSecond: 2, refused: { json_invalido: 1 } });
      expect(Date.parse(first?.at ?? '')).toBeGreaterThan(Date.now() - 60_000);
      vi.advanceTimersByTime(5000);
      expect((await history(srv)).points[1]).toMatchObject({ users: 1, messagesPerSecond: 0, refused: {} });
    }));

  it('keeps an hour (720 points) and answers the last `minutes` of it, 15 by default', () =>
    withFakeTicks(async (srv) => {
      vi.advanceTimersByTime(61 * 60_000);
      expect((await history(srv, '?minutes=60')).points).toHaveLength(720);
      expect((await history(srv)).points).toHaveLength(180);
      const last = await history(srv, '?minutes=1');
      expect(last.points).toHaveLength(12);
      expect(last.points.at(-1)).toEqual((await history(srv)).points.at(-1));
    }));
});

describe('acting on the chat', () => {
  it('kick with a ban: the user gets expulsado, others are told, and cannot rejoin while banned', async () => {
    const srv = await server();
    const ana = await join(srv, 'ana');
    const bea = await join(srv, 'bea');
    const res = await call(srv, 'POST', '/api/users/ana/kick', { body: { reason: 'spam', banSeconds: 60 } });
    expect(res.json()).toEqual({ kicked: true });
    expect(await ana.next('expulsado')).toEqual({ tipo: 'expulsado', motivo: 'spam' });
    expect((await ana.closed).code).toBe(4003);
    expect(await bea.next('usuario_desconectado')).toMatchObject({ nombre: 'ana', motivo: 'expulsado' });
    const again = cleanup.add(await TestClient.open(srv.url));
    again.send({ tipo: 'identificacion', nombre: 'ANA' });
    expect(await again.next('rechazado')).toMatchObject({ motivo: 'vetado' });
    const bans = admin.BanList.parse((await call(srv, 'GET', '/api/bans')).json());
    expect(bans.items).toEqual([expect.objectContaining({ name: 'ana', reason: 'spam', by: 'ops' })]);
    // Lifted: ana can come back.
    expect((await call(srv, 'DELETE', `/api/bans/${bans.items[0]?.id}`)).statusCode).toBe(204);
    await join(srv, 'ana');
  });

  it('bans by address kick everyone from it', async () => {
    const srv = await server();
    const ana = await join(srv, 'ana');
    const res = await call(srv, 'POST', '/api/bans', { body: { address: '127.0.0.1', seconds: 30, reason: 'flood' } });
    expect(res.statusCode).toBe(201);
    expect(admin.Ban.parse(res.json())).toMatchObject({ address: '127.0.0.1', reason: 'flood' });
    expect((await ana.closed).code).toBe(4003);
    const again = cleanup.add(await TestClient.open(srv.url));
    again.send({ tipo: 'identificacion', nombre: 'otra' });
    expect(await again.next('rechazado')).toMatchObject({ motivo: 'vetado' });
  });

  it('announces and deletes messages', async () => {
    const srv = await server();
    const ana = await join(srv, 'ana');
    const res = await call(srv, 'POST', '/api/announcements', { body: { content: 'mantenimiento a las 10' } });
    expect(res.statusCode).toBe(201);
    expect(await ana.next('sistema')).toMatchObject({ contenido: 'mantenimiento a las 10', marca_tiempo: res.json().at });
    ana.send({ tipo: 'mensaje', contenido: 'borrame', ref: 'b' });
    const { id } = await ana.next('acuse');
    expect((await call(srv, 'DELETE', `/api/messages/${id}`)).statusCode).toBe(204);
    expect(await ana.next('mensaje_borrado')).toEqual({ tipo: 'mensaje_borrado', id });
    ana.send({ tipo: 'historial' });
    expect((await ana.next('historial')).mensajes).toEqual([]);
  });

  it('stops accepting (optionally disconnecting everyone) and starts again; every write audited', async () => {
    const srv = await server();
    const ana = await join(srv, 'ana');
    expect((await call(srv, 'PUT', '/api/server/accepting', { body: { accepting: false } })).json()).toEqual({ accepting: false });
    expect((await call(srv, 'GET', '/api/server/accepting')).json()).toEqual({ accepting: false });
    const refused = cleanup.add(await TestClient.open(srv.url));
    refused.send({ tipo: 'identificacion', nombre: 'bea' });
    expect(await refused.next('rechazado')).toMatchObject({ motivo: 'no_aceptando' });

    await call(srv, 'PUT', '/api/server/accepting', { body: { accepting: false, disconnectAll: true, reason: 'mantenimiento' } });
    expect(await ana.next('servidor_cerrando')).toMatchObject({ motivo: 'mantenimiento' });
    expect((await ana.closed).code).toBe(1001);

    await call(srv, 'PUT', '/api/server/accepting', { body: { accepting: true } });
    await join(srv, 'ana');
    const audit = admin.AuditPage.parse((await call(srv, 'GET', '/api/audit')).json());
    expect(audit.items.map((e) => e.action)).toEqual(['accepting', 'accepting', 'accepting']);
    expect(audit.items[0]).toMatchObject({ actor: 'ops', target: 'server', details: { accepting: true } });
  });
});

describe('/api/events', () => {
  async function listen(srv: RunningServer, auth: 'header' | 'frame') {
    const socket = new WebSocket(srv.url.replace('/ws', '/api/events'), auth === 'header' ? { headers: { authorization: `Bearer ${VIEWER}` } } : {});
    const events: admin.AdminEvent[] = [];
    const waiters: { type: string; resolve: (e: admin.AdminEvent) => void }[] = [];
    socket.on('message', (data) => {
      const event = admin.AdminEvent.parse(JSON.parse(String(data)));
      events.push(event);
      const index = waiters.findIndex((w) => w.type === event.type);
      if (index !== -1) waiters.splice(index, 1)[0]?.resolve(event);
    });
    await new Promise((resolve) => socket.once('open', resolve));
    if (auth === 'frame') socket.send(JSON.stringify({ type: 'auth', token: VIEWER }));
    cleanup.add({ close: async () => socket.terminate() } as unknown as RunningServer);
    const next = (type: admin.AdminEventType) =>
      new Promise<admin.AdminEvent>((resolve) => {
        const seen = events.find((e) => e.type === type && !consumed.has(e));
        if (seen) {
          consumed.add(seen);
          resolve(seen);
        } else waiters.push({ type, resolve });
      });
    const consumed = new Set<admin.AdminEvent>();
    return { socket, events, next };
  }

  it('streams join, message, leave, admin and stats in order (auth by header)', async () => {
    const srv = await server();
    const stream = await listen(srv, 'header');
    const ana = await join(srv, 'ana');
    expect(await stream.next('join')).toMatchObject({ name: 'ana', address: '127.0.0.1' });
    ana.send({ tipo: 'mensaje', contenido: 'secreto', ref: 'r' });
    const message = await stream.next('message');
    expect(message).toMatchObject({ sender: 'ana', id: 1 });
    expect(message).not.toHaveProperty('content');
    await call(srv, 'POST', '/api/announcements', { body: { content: 'hola' } });
    expect(await stream.next('admin')).toMatchObject({ action: 'announce', actor: 'ops' });
    await ana.leave();
    expect(await stream.next('leave')).toMatchObject({ name: 'ana', reason: 'salida' });
    expect(await stream.next('stats')).toMatchObject({ users: 0 });
    const order = stream.events.map((e) => e.type).filter((t) => ['join', 'message', 'admin', 'leave'].includes(t));
    expect(order).toEqual(['join', 'message', 'admin', 'leave']);
  });

  it('replays the node\'s recent events (no stats), then says ready, then goes live', async () => {
    const srv = await server();
    // A first listener sees a stats tick go by: the node was sampling while events were kept.
    const first = await listen(srv, 'header');
    const ana = await join(srv, 'ana');
    ana.send({ tipo: 'mensaje', contenido: 'secreto', ref: 'r' });
    await first.next('message');
    await call(srv, 'POST', '/api/announcements', { body: { content: 'hola' } });
    await first.next('admin');
    await first.next('stats');

    const second = await listen(srv, 'frame');
    await second.next('ready');
    await join(srv, 'bea');
    await second.next('join');
    const [replayed, ready, live] = [second.events.slice(0, 4), second.events[4], second.events.slice(5)];
    expect(replayed.map((e) => [e.type, e.replay])).toEqual([['connection', true], ['join', true], ['message', true], ['admin', true]]);
    expect(replayed[2]).not.toHaveProperty('content');
    // Replayed as they were sent live: the same time, the same fields.
    expect(replayed.map(({ replay: _replay, ...rest }) => rest)).toEqual(first.events.filter((e) => e.type !== 'stats' && e.type !== 'ready').slice(0, 4));
    expect(ready).toEqual({ type: 'ready', at: expect.any(String) });
    // The figures come at once, not a second later.
    expect(live[0]).toMatchObject({ type: 'stats', users: 1 });
    expect(live.filter((e) => e.type !== 'stats').map((e) => [e.type, e.replay])).toEqual([['connection', undefined], ['join', undefined]]);
  });

  it('replays at most the last 200 events', async () => {
    const srv = await server();
    for (let i = 0; i < 205; i++) await call(srv, 'PUT', '/api/server/accepting', { body: { accepting: true } });
    const stream = await listen(srv, 'header');
    await stream.next('ready');
    const replayed = stream.events.filter((e) => e.replay === true);
    expect(replayed).toHaveLength(200);
    expect(replayed.map((e) => (e.type === 'admin' ? e.id : 0))).toEqual(Array.from({ length: 200 }, (_, i) => i + 6));
  });

  it('authenticates with a first frame, carries content when configured, and closes 4401 without auth', async () => {
    const srv = await server({ eventsIncludeContent: true });
    const stream = await listen(srv, 'frame');
    const ana = await join(srv, 'ana');
    await stream.next('join');
    ana.send({ tipo: 'mensaje', contenido: 'visible', ref: 'r' });
    expect(await stream.next('message')).toMatchObject({ content: 'visible' });

    const wrong = new WebSocket(srv.url.replace('/ws', '/api/events'));
    await new Promise((resolve) => wrong.once('open', resolve));
    wrong.send(JSON.stringify({ type: 'auth', token: 'nope' }));
    const code = await new Promise<number>((resolve) => wrong.once('close', (closeCode: number) => resolve(closeCode)));
    expect(code).toBe(4401);
  });
  it('streams each audited read of private text as an admin event; private events never carry text', async () => {
    const srv = await server({ adminReadsPrivate: true, eventsIncludeContent: true });
    const stream = await listen(srv, 'header');
    const { privateIds } = await somePrivateMessages(srv);
    const privateEvent = await stream.next('private');
    expect(privateEvent).toMatchObject({ id: privateIds[0], sender: 'ana', recipient: 'bea' });
    expect(privateEvent).not.toHaveProperty('content');
    await call(srv, 'GET', '/api/messages?q=1234');
    expect(await stream.next('admin')).toMatchObject({ action: 'read_private', actor: 'ops', details: { count: 1, ids: [privateIds[0]] } });
  });
});

describe('robustness', () => {
  it('answers 400, not 500, for a ban longer than a date can hold', async () => {
    const srv = await server();
    await join(srv, 'ana');
    const kick = await call(srv, 'POST', '/api/users/ana/kick', { body: { reason: 'x', banSeconds: 99_999_999_999_999 } });
    expect(kick.statusCode).toBe(400);
    const ban = await call(srv, 'POST', '/api/bans', { body: { address: '10.1.1.1', seconds: 99_999_999_999_999, reason: 'x' } });
    expect(ban.statusCode).toBe(400);
  });

  it('closes event listeners when the server stops, so stopping never waits for them', async () => {
    const srv = await server();
    const socket = new WebSocket(srv.url.replace('/ws', '/api/events'), { headers: { authorization: `Bearer ${ADMIN}` } });
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code: number) => resolve(code)));
    await srv.close();
    expect(await closed).toBe(1001);
  });
});
