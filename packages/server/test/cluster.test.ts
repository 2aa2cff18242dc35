/**
 * Cluster mode with a real Redis (its own redis-server per file, never the machine's): two
 * and three servers behave as one chat; names, presence, privates, typing, resume and kicks
 * cross nodes; a node killed with SIGKILL has its users released; a Redis outage pauses the
 * chat and heals by itself.
 */
import { startProxy } from '@charla/browser-testing/proxy';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { admin } from '@charla/protocol';
import { TEST_ADMIN_TOKEN } from '../src/testing.js';
import type { TestRedis } from '../src/testing-redis.js';
import { redisAvailable, startRedis } from '../src/testing-redis.js';
import type { RunningServer } from './helpers.js';
import { Cleanup, killServers, spawnServer, startServer, tempDataDir, TestClient } from './helpers.js';

const haveRedis = redisAvailable();
if (!haveRedis) {
  if (process.env.CI === 'true') throw new Error('redis-server is required in CI (apt-get install -y redis-server)');
  console.warn('\n*** redis-server not found: SKIPPING the cluster tests (apt-get install -y redis-server) ***\n');
}

const cleanup = new Cleanup();
afterEach(async () => {
  await cleanup.run();
  await killServers();
});

let redis: TestRedis;
beforeAll(async () => {
  if (haveRedis) redis = await startRedis({ appendonly: true });
});
afterAll(async () => {
  await redis?.close();
});

let nameCounter = 0;
/** Names unique across the file: every test shares one Redis. */
function name(base: string): string {
  return `${base}${++nameCounter}`;
}

async function node(overrides: Parameters<typeof startServer>[0] = {}): Promise<RunningServer> {
  return cleanup.add(await startServer({ redisUrl: redis.url, ...overrides }));
}

async function join(server: RunningServer, nombre: string, extra: Parameters<typeof TestClient.join>[2] = {}) {
  return cleanup.add(await TestClient.join(server.url, nombre, extra));
}

/** Two nodes and a user on each; resolves once the first user has seen the second arrive. */
async function twoNodes(first: string, second: string, overrides: Parameters<typeof startServer>[0] = {}) {
  const [a, b] = [await node(overrides), await node(overrides)];
  const [firstName, secondName] = [name(first), name(second)];
  const one = await join(a, firstName);
  const two = await join(b, secondName);
  await one.next('usuario_conectado', (f) => f.nombre === secondName);
  return { a, b, one, two, firstName, secondName };
}

function api(server: RunningServer, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`http://127.0.0.1:${server.port}/api${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
      ...(init.body !== undefined && { 'content-type': 'application/json' }),
    },
  });
}

/** Polls until `check` passes or `ms` runs out (then throws the last failure). */
async function eventually(check: () => Promise<void> | void, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe.skipIf(!haveRedis)('cluster mode (Redis)', { timeout: 30_000 }, () => {
  it('two nodes are one chat: presence, messages in one order, typing, privates, leaves', async () => {
    const { a, one: alice, two: bob, firstName: aliceName, secondName: bobName } = await twoNodes('alice', 'bob');
    expect(bob.aceptado.usuarios).toContain(aliceName);

    alice.send({ tipo: 'mensaje', contenido: 'hola desde A', ref: 'r1' });
    bob.send({ tipo: 'mensaje', contenido: 'hola desde B', ref: 'r2' });
    const ackA = await alice.next('acuse');
    const ackB = await bob.next('acuse');
    const seen = async (client: TestClient) => [await client.next('mensaje'), await client.next('mensaje')].map((m) => m.id);
    const [byAlice, byBob] = [await seen(alice), await seen(bob)];
    expect(byAlice).toEqual(byBob);
    expect([...byAlice].sort((x, y) => x - y)).toEqual(byAlice);
    expect(new Set(byAlice)).toEqual(new Set([ackA.id, ackB.id]));

    bob.send({ tipo: 'escribiendo', activo: true });
    expect(await alice.next('escribiendo')).toMatchObject({ nombre: bobName, activo: true });

    alice.send({ tipo: 'privado', para: bobName, contenido: 'solo para ti', ref: 'p1' });
    const privado = await bob.next('privado');
    expect(privado).toMatchObject({ remitente: aliceName, para: bobName, contenido: 'solo para ti' });
    expect(await alice.next('privado')).toMatchObject({ id: privado.id });
    expect((await alice.next('acuse', (f) => f.ref === 'p1')).id).toBe(privado.id);

    alice.send({ tipo: 'usuarios' });
    const list = await alice.next('usuarios');
    expect(list.usuarios.map((u) => u.nombre)).toEqual(expect.arrayContaining([aliceName, bobName]));

    await bob.leave();
    expect(await alice.next('usuario_desconectado')).toMatchObject({ nombre: bobName, motivo: 'salida' });
    // The name is free again, on either node.
    await join(a, bobName);
  });

  it('two nodes racing for one name: exactly one wins', async () => {
    const [a, b] = [await node(), await node()];
    for (let round = 0; round < 10; round++) {
      const contested = name('carol');
      const clients = await Promise.all([TestClient.open(a.url), TestClient.open(b.url)]);
      for (const client of clients) cleanup.add(client);
      for (const client of clients) client.send({ tipo: 'identificacion', nombre: contested });
      const answers = await Promise.all(clients.map((c) => c.nextOf(['aceptado', 'rechazado'])));
      expect(answers.map((f) => f.tipo).sort()).toEqual(['aceptado', 'rechazado']);
      expect(answers.find((f) => f.tipo === 'rechazado')).toMatchObject({ motivo: 'nombre_duplicado' });
    }
  });

  it('three nodes deliver every message once, in the same id order, everywhere', async () => {
    const servers = [await node(), await node(), await node()];
    const clients = [];
    for (const server of servers) clients.push(await join(server, name('dan')));
    const perSender = 10;
    for (let i = 0; i < perSender; i++) {
      for (const [index, client] of clients.entries()) client.send({ tipo: 'mensaje', contenido: `m${index}-${i}`, ref: `r${i}` });
    }
    const total = perSender * clients.length;
    const orders = await Promise.all(
      clients.map(async (client) => {
        const ids = [];
        for (let i = 0; i < total; i++) ids.push((await client.next('mensaje')).id);
        return ids;
      }),
    );
    expect(new Set(orders[0]).size).toBe(total);
    expect(orders[1]).toEqual(orders[0]);
    expect(orders[2]).toEqual(orders[0]);
    expect([...(orders[0] ?? [])].sort((x, y) => x - y)).toEqual(orders[0]);
  });

  it('resumes on another node with nothing lost, and closes the old connection with 4005', async () => {
    const { a, b, one: eve, two: frank, firstName: eveName } = await twoNodes('eve', 'frank');
    frank.send({ tipo: 'mensaje', contenido: 'antes', ref: 'f1' });
    const before = await eve.next('mensaje');

    // Eve's connection to A is stale but still open; she comes back through B.
    frank.send({ tipo: 'mensaje', contenido: 'mientras tanto', ref: 'f2' });
    await frank.next('acuse', (f) => f.ref === 'f2');
    const again = await join(b, eveName, { token: eve.aceptado.token, desde: before.id });
    expect(again.aceptado.reanudado).toBe(true);
    expect(again.aceptado.historial.map((m) => m.contenido)).toEqual(['mientras tanto']);
    expect((await eve.closed).code).toBe(4005);

    // Nobody saw Eve leave or join; she chats on from B, and her next token works on A.
    again.send({ tipo: 'mensaje', contenido: 'de vuelta', ref: 'e1' });
    expect(await frank.next('mensaje', (m) => m.remitente === eveName)).toMatchObject({ contenido: 'de vuelta' });
    expect(frank.received.filter((f) => f.tipo === 'usuario_desconectado' || f.tipo === 'usuario_conectado')).toEqual([]);
    const third = await join(a, eveName, { token: again.aceptado.token });
    expect(third.aceptado.reanudado).toBe(true);
    expect((await again.closed).code).toBe(4005);
  });

  it('re-sends by ref are acked once, whichever node they reach', async () => {
    const [a, b] = [await node(), await node()];
    const gina = await join(a, name('gina'));
    gina.send({ tipo: 'mensaje', contenido: 'una vez', ref: 'same' });
    const first = await gina.next('acuse');
    gina.terminate();
    const back = await join(b, gina.aceptado.nombre, { token: gina.aceptado.token, desde: first.id });
    back.send({ tipo: 'mensaje', contenido: 'una vez', ref: 'same' });
    expect((await back.next('acuse')).id).toBe(first.id);
    back.send({ tipo: 'ping', ref: 'sync' });
    await back.next('pong');
    expect(back.pending('mensaje')).toEqual([]);
  });

  it('a ref re-sent while the cluster is still ordering it gets its own acuse', async () => {
    const a = await node();
    const lia = await join(a, name('lia'));
    lia.send({ tipo: 'mensaje', contenido: 'una vez', ref: 'twice' });
    lia.send({ tipo: 'mensaje', contenido: 'una vez', ref: 'twice' });
    const [first, second] = [await lia.next('acuse'), await lia.next('acuse')];
    expect(second).toEqual(first);
    lia.send({ tipo: 'ping', ref: 'sync' });
    await lia.next('pong');
    expect(lia.received.filter((f) => f.tipo === 'mensaje')).toHaveLength(1);
  });

  it("a user's rate limit holds across nodes: resuming elsewhere does not reset it", async () => {
    const [a, b] = [await node({ messagesPer10s: 5 }), await node({ messagesPer10s: 5 })];
    const uma = await join(a, name('uma'));
    for (let i = 0; i < 5; i++) uma.send({ tipo: 'mensaje', contenido: `m${i}`, ref: `u${i}` });
    let last = 0;
    for (let i = 0; i < 5; i++) last = (await uma.next('acuse')).id;
    uma.terminate();
    const again = await join(b, uma.aceptado.nombre, { token: uma.aceptado.token, desde: last });
    again.send({ tipo: 'mensaje', contenido: 'uno más', ref: 'u5' });
    expect(await again.next('error')).toMatchObject({ codigo: 'limite_de_frecuencia', ref: 'u5' });
    // Someone else on the same node is not affected.
    const vera = await join(b, name('vera'));
    vera.send({ tipo: 'mensaje', contenido: 'hola', ref: 'v1' });
    await vera.next('acuse');
  });

  it("node A's admin API sees the whole cluster and kicks a user held by node B", async () => {
    const { a, b, one: hana, two: ivan, secondName: ivanName } = await twoNodes('hana', 'ivan');

    const users = (await (await api(a, `/users?q=${ivanName}`)).json()) as { items: { name: string; node: string }[] };
    const stats = (await (await api(b, '/stats')).json()) as { nodes: { id: string }[] };
    expect(users.items).toHaveLength(1);
    expect(stats.nodes.map((n) => n.id)).toContain(users.items[0]?.node);
    await eventually(async () => {
      const fresh = (await (await api(a, '/stats')).json()) as { nodes: unknown[] };
      expect(fresh.nodes.length).toBeGreaterThanOrEqual(2);
    });

    const kicked = await api(a, `/users/${ivanName}/kick`, { method: 'POST', body: JSON.stringify({ reason: 'spam' }) });
    expect(kicked.status).toBe(200);
    expect(await ivan.next('expulsado')).toMatchObject({ motivo: 'spam' });
    expect((await ivan.closed).code).toBe(4003);
    expect(await hana.next('usuario_desconectado')).toMatchObject({ nombre: ivanName, motivo: 'expulsado' });

    // A ban made on A holds on B.
    const ban = await api(a, '/bans', { method: 'POST', body: JSON.stringify({ name: ivanName, seconds: 60, reason: 'spam' }) });
    expect(ban.status).toBe(201);
    // Wait until B has the ban: trying to join before that would be accepted, and that
    // session would then hold the name the end of this test joins with.
    await eventually(async () => {
      const bans = (await (await api(b, '/bans')).json()) as { items: unknown[] };
      expect(bans.items).toHaveLength(1);
    });
    const refused = cleanup.add(await TestClient.open(b.url));
    refused.send({ tipo: 'identificacion', nombre: ivanName });
    expect(await refused.nextOf(['aceptado', 'rechazado'])).toMatchObject({ tipo: 'rechazado', motivo: 'vetado' });
    // ... and lifting it on A lifts it on B.
    const { id } = (await ban.json()) as { id: number };
    expect((await api(a, `/bans/${id}`, { method: 'DELETE' })).status).toBe(204);
    await eventually(async () => {
      const bans = (await (await api(b, '/bans')).json()) as { items: unknown[] };
      expect(bans.items).toEqual([]);
    });
    await join(b, ivanName);
  });

  it('each node replays the events it saw and keeps its own stats history', async () => {
    const { a, b, firstName, secondName } = await twoNodes('olga', 'pia');
    // What a listener on B gets before `ready`: B's own connection and both joins (A's user heard through Redis).
    const socket = new WebSocket(`ws://127.0.0.1:${b.port}/api/events`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    const replayed: admin.AdminEvent[] = [];
    await new Promise<void>((resolve) =>
      socket.on('message', (data: WebSocket.RawData) => {
        const event = admin.AdminEvent.parse(JSON.parse(String(data)));
        if (event.type === 'ready') resolve();
        else if (event.replay === true) replayed.push(event);
      }),
    );
    socket.terminate();
    const joins = replayed.flatMap((e) => (e.type === 'join' ? [e.name] : []));
    expect(joins).toEqual(expect.arrayContaining([firstName, secondName]));
    for (const server of [a, b]) {
      expect(admin.StatsHistory.parse(await (await api(server, '/stats/history?minutes=60')).json()).intervalSeconds).toBe(5);
    }
  });

  it('announcements and deletions reach every node', async () => {
    const [a, b] = [await node(), await node()];
    const jo = await join(a, name('jo'));
    const kim = await join(b, name('kim'));
    jo.send({ tipo: 'mensaje', contenido: 'a borrar', ref: 'x' });
    const { id } = await jo.next('acuse');
    await kim.next('mensaje', (m) => m.id === id);
    expect((await api(a, '/announcements', { method: 'POST', body: JSON.stringify({ content: 'aviso' }) })).status).toBe(201);
    expect(await kim.next('sistema')).toMatchObject({ contenido: 'aviso' });
    expect((await api(a, `/messages/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await kim.next('mensaje_borrado')).toEqual({ tipo: 'mensaje_borrado', id });
    await eventually(async () => {
      const page = (await (await api(b, '/messages')).json()) as { items: { id: number }[] };
      expect(page.items.map((m) => m.id)).not.toContain(id);
    });
  });

  it("a node's admin API withholds private text its SQLite copy got from another node, as a lone server does", async () => {
    // Each node its own SQLite file, as deployed (the other tests keep history in memory).
    const [a, b] = [await node({ persist: true, dataDir: tempDataDir() }), await node({ persist: true, dataDir: tempDataDir() })];
    const [one, two] = [await join(a, name('ivo')), await join(b, name('eva'))];
    one.send({ tipo: 'privado', para: two.aceptado.nombre, contenido: 'clave 4321', ref: 'p' });
    const { id } = await one.next('acuse');
    await two.next('privado', (f) => f.id === id);
    const page = (await (await api(b, '/messages')).json()) as { items: { id: number; contenido: string | null }[] };
    expect(page.items.find((m) => m.id === id)).toMatchObject({ contenido: null });
    const found = (await (await api(b, '/messages?q=4321')).json()) as { items: unknown[] };
    expect(found.items).toEqual([]);
  });

  it('a node killed with SIGKILL: the others release its users and say conexion_perdida', { timeout: 40_000 }, async () => {
    const a = await node({ graceMs: 500 });
    const doomed = spawnServer(['--host', '127.0.0.1', '--port', '0', '--no-persist', '--redis', redis.url, '--grace-ms', '500']);
    const port = await doomed.listening;
    await eventually(async () => {
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(await health.json()).toMatchObject({ checks: { redis: 'ok' } });
    });
    const [lucyName, maxName] = [name('lucy'), name('max')];
    const lucy = await join(a, lucyName);
    const max = cleanup.add(await TestClient.join(`ws://127.0.0.1:${port}/ws`, maxName));
    await lucy.next('usuario_conectado', (f) => f.nombre === maxName);

    const killedAt = Date.now();
    doomed.child.kill('SIGKILL');
    await max.closed;
    const left = await lucy.next('usuario_desconectado', (f) => f.nombre === maxName);
    const waited = Date.now() - killedAt;
    expect(left.motivo).toBe('conexion_perdida');
    // The bound: node timeout (5 s) + one heartbeat (1 s) + the grace period, with slack.
    expect(waited).toBeLessThan(5000 + 1000 + 500 + 3000);
    // The name is free again, anywhere.
    await join(a, maxName);
  });

  it('a node cut off from Redis long enough to be declared dead takes its users back when it returns', { timeout: 40_000 }, async () => {
    const proxy = await startProxy(redis.port);
    try {
      const a = await node({ graceMs: 4000 });
      const b = await node({ graceMs: 4000, redisUrl: `redis://127.0.0.1:${proxy.port}` });
      const [wallyName, xenaName] = [name('wally'), name('xena')];
      const wally = await join(b, wallyName);
      const xena = await join(a, xenaName);
      const nodeOf = async (server: RunningServer, who: string) => {
        const page = (await (await api(server, `/users?q=${who}`)).json()) as { items: { name: string; node: string }[] };
        return page.items.find((u) => u.name === who)?.node;
      };
      const [nodeA, nodeB] = [await nodeOf(a, xenaName), await nodeOf(b, wallyName)];

      proxy.hold();
      proxy.cut();
      expect(await wally.next('estado')).toMatchObject({ disponible: false });
      // A declares B dead and holds Wally for the grace period...
      await eventually(async () => expect(await nodeOf(a, wallyName)).toBe(nodeA), 10_000);
      // ... and B, back before that ends, takes him back: nobody saw him leave.
      proxy.release();
      expect(await wally.next('estado', (f) => f.disponible)).toMatchObject({ disponible: true });
      await eventually(async () => expect(await nodeOf(a, wallyName)).toBe(nodeB));
      await new Promise((resolve) => setTimeout(resolve, 4500));
      // (Users of earlier tests' stopped nodes may be released meanwhile: one Redis per file.)
      expect(xena.received.filter((f) => f.tipo === 'usuario_desconectado' && f.nombre === wallyName)).toEqual([]);
      wally.send({ tipo: 'mensaje', contenido: 'sigo aquí', ref: 'w1' });
      expect(await xena.next('mensaje', (m) => m.remitente === wallyName)).toMatchObject({ contenido: 'sigo aquí' });
    } finally {
      await cleanup.run();
      await proxy.close();
    }
  });

  it('Redis stops mid-chat: paused, connections kept, nothing acked lost; then heals by itself', { timeout: 60_000 }, async () => {
    const { a, b, one: nora, two: omar, firstName: noraName, secondName: omarName } = await twoNodes('nora', 'omar');
    nora.send({ tipo: 'mensaje', contenido: 'antes del corte', ref: 'n1' });
    const acked = await nora.next('acuse');

    await redis.stop();
    expect(await nora.next('estado')).toMatchObject({ disponible: false });
    expect(await omar.next('estado')).toMatchObject({ disponible: false });
    const health = (await (await api(a, '/health')).json()) as { status: string; checks: { redis?: string } };
    expect(health).toMatchObject({ status: 'degraded', checks: { redis: 'error' } });
    // Refusals during the outage are answered and never count toward the 1008 bound.
    for (let i = 0; i < 25; i++) omar.send({ tipo: 'mensaje', contenido: `durante ${i}`, ref: `o${i}` });
    for (let i = 0; i < 25; i++) expect(await omar.next('error')).toMatchObject({ codigo: 'no_disponible', ref: `o${i}` });
    const announce = await api(a, '/announcements', { method: 'POST', body: JSON.stringify({ content: 'hola' }) });
    expect(announce.status).toBe(503);
    expect(await announce.json()).toMatchObject({ code: 'unavailable' });
    const newcomer = cleanup.add(await TestClient.open(a.url));
    newcomer.send({ tipo: 'identificacion', nombre: name('pia') });
    expect(await newcomer.next('rechazado')).toMatchObject({ motivo: 'no_aceptando' });

    await redis.start();
    expect(await nora.next('estado', (f) => f.disponible)).toMatchObject({ disponible: true });
    expect(await omar.next('estado', (f) => f.disponible)).toMatchObject({ disponible: true });
    const after = await (await api(a, '/health')).json();
    expect(after).toMatchObject({ status: 'ok', checks: { redis: 'ok' } });

    // The held send goes out once; both still connected, both still in the chat.
    omar.send({ tipo: 'mensaje', contenido: 'durante 0', ref: 'o0' });
    const delivered = await nora.next('mensaje', (m) => m.contenido === 'durante 0');
    expect(delivered.id).toBeGreaterThan(acked.id);
    expect((await omar.next('acuse', (f) => f.ref === 'o0')).id).toBe(delivered.id);
    const late = await join(b, name('quim'));
    expect(late.aceptado.usuarios).toEqual(expect.arrayContaining([noraName, omarName]));
    expect(late.aceptado.historial.map((m) => m.id)).toContain(acked.id);
  });
});

describe.skipIf(!haveRedis)('cluster mode after Redis lost its data', { timeout: 30_000 }, () => {
  it('users are registered again and ids go on above the highest any node has seen', async () => {
    const forgetful = await startRedis({ appendonly: false });
    try {
      const { a, b, one: rosa, two: sam, firstName: rosaName, secondName: samName } = await twoNodes('rosa', 'sam', { redisUrl: forgetful.url });
      for (let i = 0; i < 5; i++) rosa.send({ tipo: 'mensaje', contenido: `m${i}`, ref: `r${i}` });
      let highest = 0;
      for (let i = 0; i < 5; i++) highest = (await sam.next('mensaje')).id;

      await forgetful.stop();
      await forgetful.start(); // empty: no log, no last id, no users
      await rosa.next('estado', (f) => f.disponible);
      await sam.next('estado', (f) => f.disponible);

      sam.send({ tipo: 'mensaje', contenido: 'después', ref: 's1' });
      const next = await rosa.next('mensaje', (m) => m.contenido === 'después');
      expect(next.id).toBeGreaterThan(highest);
      // Both names are taken again, cluster-wide.
      for (const server of [a, b]) {
        const client = cleanup.add(await TestClient.open(server.url));
        client.send({ tipo: 'identificacion', nombre: rosaName });
        expect(await client.next('rechazado')).toMatchObject({ motivo: 'nombre_duplicado' });
      }
      const late = await join(b, name('tea'));
      expect(late.aceptado.usuarios).toEqual(expect.arrayContaining([rosaName, samName]));
    } finally {
      await cleanup.run();
      await forgetful.close();
    }
  });
});
