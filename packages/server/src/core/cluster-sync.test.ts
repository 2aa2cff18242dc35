/**
 * Cluster sync: identification decided by the cluster, and what the cluster tells a node,
 * with Hubs on an in-memory cluster backend (src/testing/test-cluster.ts) instead of Redis.
 * test/cluster.test.ts runs the same paths against a real redis-server; these pin each rule
 * down on its own, without processes or a network. Timers are fake; `flush()` settles the bus.
 */
import { CloseCode } from '@charla/protocol';
import { describe, expect, it, vi } from 'vitest';
import type { HubEvent } from './events.js';
import type { HubOptions } from './hub.js';
import type { TestClient } from '../testing/test-link.js';
import { FakeCluster } from '../testing/test-cluster.js';
import { aceptadoOf, errorCodes, expectRejected, flush, ids, one, say, setup, T0, tokenOf, useFakeTime, whisper } from '../testing/test-hub.js';

useFakeTime();

type Node = ReturnType<typeof setup>;

/** Hubs on one fake cluster, each with its own store; ready (the cluster answered) once this resolves. */
async function clusterOf(names: string[], options: Partial<HubOptions> = {}) {
  const cluster = new FakeCluster();
  const nodes = names.map((id) => setup({ ...options, cluster: cluster.node(id, T0 - 90_000) }));
  await flush();
  return { cluster, nodes };
}

/** Identifies on `node` and waits for the cluster's decision: it must be accepted. */
async function joinOn(node: Node, nombre: string, extra: object = {}): Promise<TestClient> {
  const client = node.open();
  client.send({ tipo: 'identificacion', nombre, ...extra });
  await flush();
  const reply = client.last();
  if (reply?.tipo !== 'aceptado') throw new Error(`${nombre} was not accepted: ${JSON.stringify(reply)}`);
  client.drain();
  return client;
}

const names = (frames: readonly { tipo: string }[], tipo: string) =>
  frames.flatMap((f) => (f.tipo === tipo && 'nombre' in f ? [`${String(f.nombre)}${'motivo' in f ? `:${String(f.motivo)}` : ''}`] : []));

describe('identification in a cluster', () => {
  it('of two nodes racing for one name, exactly one wins; the other is refused nombre_duplicado', async () => {
    const { nodes } = await clusterOf(['a', 'b']);
    const [onA, onB] = nodes.map((node) => node.open());
    onA?.send({ tipo: 'identificacion', nombre: 'ana' });
    onB?.send({ tipo: 'identificacion', nombre: 'ANA' });
    await flush();
    expect(onA?.last()).toMatchObject({ tipo: 'aceptado', nombre: 'ana' });
    expectRejected(onB as TestClient, 'nombre_duplicado');
  });

  it("knows the other nodes' users: in usuarios, told as they join, their names refused at once", async () => {
    const { nodes } = await clusterOf(['a', 'b']);
    const [a, b] = nodes as [Node, Node];
    const bea = await joinOn(b, 'bea');
    await joinOn(a, 'ana');
    await flush();
    expect(bea.drain()).toEqual([{ tipo: 'usuario_conectado', nombre: 'ana', marca_tiempo: new Date(T0).toISOString() }]);
    bea.send({ tipo: 'usuarios' });
    expect(bea.last()).toMatchObject({ usuarios: [{ nombre: 'bea' }, { nombre: 'ana' }] });
    const again = b.open();
    again.send({ tipo: 'identificacion', nombre: 'Ana' });
    expectRejected(again, 'nombre_duplicado');
  });

  it('resumes on another node: the old node closes its connection with 4005, and nobody is told anyone left', async () => {
    const { nodes } = await clusterOf(['a', 'b']);
    const [a, b] = nodes as [Node, Node];
    const ana = await joinOn(a, 'ana');
    const bea = await joinOn(b, 'bea');
    const carl = await joinOn(a, 'carl');
    say(bea, 'm1');
    await flush();
    for (const client of [ana, bea, carl]) client.drain();
    const back = b.open();
    back.send({ tipo: 'identificacion', nombre: 'ana', token: tokenOf(ana), desde: 0 });
    await flush();
    expect(aceptadoOf(back)).toMatchObject({ nombre: 'ana', reanudado: true, ultimo_id: 1 });
    expect(ids(aceptadoOf(back).historial)).toEqual([1]);
    expect(ana.closeCode).toBe(CloseCode.replaced);
    vi.advanceTimersByTime(60_000);
    await flush();
    expect(bea.drain()).toEqual([]);
    expect(carl.drain()).toEqual([]);
    say(carl, 'hola');
    await flush();
    expect(back.of('mensaje').map((m) => m.contenido)).toEqual(['hola']);
  });

  it('a resume granted after its client left is held for the grace period, then told gone on every node', async () => {
    const { nodes } = await clusterOf(['a', 'b'], { graceMs: 1000 });
    const [a, b] = nodes as [Node, Node];
    const ana = await joinOn(a, 'ana');
    const bea = await joinOn(b, 'bea');
    const carl = await joinOn(a, 'carl');
    bea.drain();
    const back = b.open();
    back.send({ tipo: 'identificacion', nombre: 'ana', token: tokenOf(ana), desde: 0 });
    back.handle.ended('lost'); // gone before the cluster answered
    await flush();
    expect(ana.closeCode).toBe(CloseCode.replaced);
    expect(back.of('aceptado')).toEqual([]);
    vi.advanceTimersByTime(999);
    await flush();
    expect(bea.drain()).toEqual([]);
    vi.advanceTimersByTime(1);
    await flush();
    expect(names(bea.drain(), 'usuario_desconectado')).toEqual(['ana:conexion_perdida']);
    expect(names(carl.drain(), 'usuario_desconectado')).toEqual(['ana:conexion_perdida']);
  });

  it('a name granted after its client left is given back at once', async () => {
    const { cluster, nodes } = await clusterOf(['a']);
    const client = (nodes[0] as Node).open();
    client.send({ tipo: 'identificacion', nombre: 'ana' });
    client.handle.ended('lost');
    await flush();
    expect(cluster.registry.has('ana')).toBe(false);
    await joinOn(nodes[0] as Node, 'ana');
  });

  it('refuses with no_aceptando when the cluster cannot be reached to decide', async () => {
    const { cluster, nodes } = await clusterOf(['a']);
    cluster.up = false; // not noticed yet: the join itself fails
    const client = (nodes[0] as Node).open();
    client.send({ tipo: 'identificacion', nombre: 'ana' });
    expect(errorCodes(client.drain())).toEqual([]);
    client.send({ tipo: 'ping' }); // while the cluster decides
    expect(errorCodes(client.drain())).toEqual(['no_identificado']);
    await flush();
    expect(client.drain()).toEqual([{ tipo: 'rechazado', motivo: 'no_aceptando', detalle: expect.any(String) }]);
    expect(client.closeCode).toBe(CloseCode.identificationRefused);
  });
});

describe('messages across nodes', () => {
  it('reach every node in one id order, acked to their sender only', async () => {
    const { nodes } = await clusterOf(['a', 'b']);
    const [a, b] = nodes as [Node, Node];
    const ana = await joinOn(a, 'ana');
    const bea = await joinOn(b, 'bea');
    ana.drain();
    say(ana, 'uno', { ref: 'r1' });
    say(bea, 'dos');
    say(ana, 'tres');
    await flush();
    for (const client of [ana, bea]) expect(client.of('mensaje').map((m) => [m.id, m.contenido])).toEqual([[1, 'uno'], [2, 'dos'], [3, 'tres']]);
    expect(ana.of('acuse')).toEqual([{ tipo: 'acuse', ref: 'r1', id: 1 }]);
    expect(bea.of('acuse')).toEqual([]);
  });

  it('a private message reaches its recipient on another node and its sender, nobody else', async () => {
    const { nodes } = await clusterOf(['a', 'b']);
    const [a, b] = nodes as [Node, Node];
    const ana = await joinOn(a, 'ana');
    const bea = await joinOn(b, 'bea');
    const carl = await joinOn(a, 'carl');
    const dave = await joinOn(b, 'dave');
    whisper(bea, 'ANA', 'secreto', { ref: 'p' });
    await flush();
    const privado = { tipo: 'privado', id: 1, remitente: 'bea', para: 'ana', contenido: 'secreto', marca_tiempo: expect.any(String) };
    expect(ana.of('privado')).toEqual([privado]);
    expect(bea.of('privado')).toEqual([privado]);
    expect(bea.of('acuse')).toEqual([{ tipo: 'acuse', ref: 'p', id: 1 }]);
    expect([...carl.of('privado'), ...dave.of('privado')]).toEqual([]);
  });

  it('a ref re-sent while the cluster is still ordering it gets its own acuse, and is delivered once', async () => {
    const { cluster, nodes } = await clusterOf(['a', 'b']);
    const [a, b] = nodes as [Node, Node];
    const ana = await joinOn(a, 'ana');
    const bea = await joinOn(b, 'bea');
    ana.drain();
    cluster.holdSubmits();
    say(ana, 'hola', { ref: 'r1' });
    await flush();
    say(ana, 'hola', { ref: 'r1' }); // the client timed out and sent it again
    await flush();
    expect(ana.drain()).toEqual([]);
    cluster.releaseSubmits();
    await flush();
    const acuse = { tipo: 'acuse', ref: 'r1', id: 1 };
    expect(ana.drain()).toEqual([expect.objectContaining({ tipo: 'mensaje', id: 1 }), acuse, acuse]);
    expect(ids(bea.of('mensaje'))).toEqual([1]);
  });

  it('a ref re-sent on another node after a resume is acked with the id it got, not delivered twice', async () => {
    const { nodes } = await clusterOf(['a', 'b']);
    const [a, b] = nodes as [Node, Node];
    const ana = await joinOn(a, 'ana');
    const bea = await joinOn(b, 'bea');
    say(ana, 'hola', { ref: 'r1' });
    await flush();
    ana.handle.ended('lost');
    const back = b.open();
    back.send({ tipo: 'identificacion', nombre: 'ana', token: tokenOf(ana), desde: 1 });
    await flush();
    back.drain();
    say(back, 'hola', { ref: 'r1' });
    await flush();
    expect(back.drain()).toEqual([{ tipo: 'acuse', ref: 'r1', id: 1 }]);
    expect(ids(bea.of('mensaje'))).toEqual([1]);
  });

  it("over the user's cluster-wide rate limit: limite_de_frecuencia, and the ref may be sent again", async () => {
    const { cluster, nodes } = await clusterOf(['a']);
    const ana = await joinOn(nodes[0] as Node, 'ana');
    cluster.limitNext = true;
    say(ana, 'hola', { ref: 'r1' });
    await flush();
    expect(ana.drain()).toEqual([{ tipo: 'error', codigo: 'limite_de_frecuencia', detalle: expect.any(String), ref: 'r1' }]);
    say(ana, 'hola', { ref: 'r1' });
    await flush();
    expect(ana.drain()).toEqual([expect.objectContaining({ tipo: 'mensaje', id: 1 }), { tipo: 'acuse', ref: 'r1', id: 1 }]);
  });

  it('a message the cluster cannot take is refused no_disponible (ref echoed, not counted), and may be sent again', async () => {
    const { cluster, nodes } = await clusterOf(['a']);
    const ana = await joinOn(nodes[0] as Node, 'ana');
    cluster.up = false;
    for (let i = 1; i <= 25; i++) say(ana, 'hola', { ref: `r${i}` });
    await flush();
    expect(ana.drain()).toEqual(Array.from({ length: 25 }, (_, i) => ({ tipo: 'error', codigo: 'no_disponible', detalle: expect.any(String), ref: `r${i + 1}` })));
    expect(ana.closeCode).toBeUndefined();
    cluster.up = true;
    say(ana, 'hola', { ref: 'r1' });
    await flush();
    expect(ana.of('acuse')).toEqual([{ tipo: 'acuse', ref: 'r1', id: 1 }]);
  });
});

describe('what the other nodes say', () => {
  it('typing, announcements and deletions reach every node; a deletion leaves each node’s own history too', async () => {
    const { nodes } = await clusterOf(['a', 'b']);
    const [a, b] = nodes as [Node, Node];
    const ana = await joinOn(a, 'ana');
    const bea = await joinOn(b, 'bea');
    ana.drain();
    ana.send({ tipo: 'escribiendo', activo: true });
    await flush();
    expect(bea.drain()).toEqual([{ tipo: 'escribiendo', nombre: 'ana', activo: true }]);
    const at = a.hub.operator.announce('mantenimiento');
    say(ana, 'bórrame');
    await flush();
    expect(bea.drain()).toEqual([
      { tipo: 'sistema', contenido: 'mantenimiento', marca_tiempo: at },
      { tipo: 'escribiendo', nombre: 'ana', activo: false },
      expect.objectContaining({ tipo: 'mensaje', id: 1 }),
    ]);
    expect(a.hub.operator.deleteMessage(1)).toBe(true);
    await flush();
    expect(bea.drain()).toEqual([{ tipo: 'mensaje_borrado', id: 1 }]);
    bea.send({ tipo: 'historial' });
    expect(bea.last()).toEqual({ tipo: 'historial', mensajes: [], completo: true });
  });

  it('a kick on one node of a user another node holds: that node kicks them, everyone is told once', async () => {
    const { nodes } = await clusterOf(['a', 'b']);
    const [a, b] = nodes as [Node, Node];
    const ana = await joinOn(a, 'ana');
    const bea = await joinOn(b, 'bea');
    ana.drain();
    expect(a.hub.operator.kick('BEA', 'spam')).toBe('bea');
    await flush();
    expect(bea.drain()).toEqual([{ tipo: 'expulsado', motivo: 'spam' }]);
    expect(bea.closeCode).toBe(CloseCode.kicked);
    expect(names(ana.drain(), 'usuario_desconectado')).toEqual(['bea:expulsado']);
    expect(a.hub.operator.findUser('bea')).toBeUndefined();
  });

  it('a ban made on one node holds on the others, and so does lifting it', async () => {
    const { nodes } = await clusterOf(['a', 'b']);
    const [a, b] = nodes as [Node, Node];
    const ban = a.hub.operator.banName('dave', { seconds: 60, reason: 'spam', by: 'ops' });
    if ('invalid' in ban) throw new Error(ban.invalid);
    await flush();
    const refused = b.open();
    refused.send({ tipo: 'identificacion', nombre: 'Dave' });
    expectRejected(refused, 'vetado');
    expect(b.hub.operator.bans()).toEqual([expect.objectContaining({ name: 'dave', reason: 'spam', by: 'ops' })]);
    expect(a.hub.operator.unban(ban.id)).toBe(true);
    await flush();
    expect(b.hub.operator.bans()).toEqual([]);
    await joinOn(b, 'dave');
  });

  it('a leave on another node is told here once; its lost users are told after their grace there', async () => {
    const { nodes } = await clusterOf(['a', 'b'], { graceMs: 1000 });
    const [a, b] = nodes as [Node, Node];
    const ana = await joinOn(a, 'ana');
    const bea = await joinOn(b, 'bea');
    const carl = await joinOn(b, 'carl');
    ana.drain();
    bea.send({ tipo: 'desconexion' });
    carl.handle.ended('lost');
    await flush();
    expect(names(ana.drain(), 'usuario_desconectado')).toEqual(['bea:salida']);
    vi.advanceTimersByTime(1000);
    await flush();
    expect(names(ana.drain(), 'usuario_desconectado')).toEqual(['carl:conexion_perdida']);
    await joinOn(a, 'bea');
  });
});

describe('when the backend goes away and comes back', () => {
  it('pauses: estado to everyone, joins refused no_aceptando, messages no_disponible (not counted); then resumes by itself', async () => {
    const { cluster, nodes } = await clusterOf(['a']);
    const node = nodes[0] as Node;
    const ana = await joinOn(node, 'ana');
    cluster.goDown();
    expect(ana.drain()).toEqual([{ tipo: 'estado', disponible: false, motivo: expect.any(String) }]);
    expect(node.hub.operator.clusterReachable).toBe(false);
    const late = node.open();
    late.send({ tipo: 'identificacion', nombre: 'bea' });
    expectRejected(late, 'no_aceptando');
    say(ana, 'hola', { ref: 'r1' });
    expect(errorCodes(ana.drain())).toEqual(['no_disponible']);
    cluster.comeBack();
    await flush();
    expect(ana.drain()).toEqual([{ tipo: 'estado', disponible: true }]);
    say(ana, 'hola', { ref: 'r1' });
    await flush();
    expect(ana.of('acuse')).toEqual([{ tipo: 'acuse', ref: 'r1', id: 1 }]);
  });

  it('reconciles on return: a user who left meanwhile is told gone; a name now another session’s closes its holder here', async () => {
    const { cluster, nodes } = await clusterOf(['a', 'b']);
    const [a, b] = nodes as [Node, Node];
    const ana = await joinOn(a, 'ana');
    const carl = await joinOn(a, 'carl');
    const bea = await joinOn(b, 'bea');
    cluster.goDown();
    carl.drain();
    bea.send({ tipo: 'desconexion' }); // the cluster cannot hear it now
    const taken = cluster.registry.get('ana');
    if (taken === undefined) throw new Error('ana is not registered');
    // Meanwhile the name went to another session, on a node that is not here.
    cluster.registry.set('ana', { ...taken, lineage: 'another-session', tokenHash: 'another-token', node: 'c' });
    cluster.comeBack();
    await flush();
    expect(ana.closeCode).toBe(CloseCode.replaced);
    expect(cluster.registry.has('bea')).toBe(false);
    const told = carl.drain();
    expect(names(told, 'usuario_conectado')).toEqual(['ana']);
    expect(names(told, 'usuario_desconectado')).toEqual(['bea:conexion_perdida']);
    expect(a.hub.operator.listUsers(undefined, 0, 10).items.map((u) => [u.name, u.node])).toEqual([
      ['ana', 'c'],
      ['carl', 'a'],
    ]);
  });

  it("a dead node's users are held by the node that adopts them: they may resume there, else are told gone after the grace", async () => {
    const { cluster, nodes } = await clusterOf(['a', 'b', 'c'], { graceMs: 1000 });
    const [a, b, c] = nodes as [Node, Node, Node];
    const ana = await joinOn(a, 'ana');
    const bea = await joinOn(b, 'bea');
    const carl = await joinOn(b, 'carl');
    const dave = await joinOn(c, 'dave');
    for (const client of [ana, dave]) client.drain();
    const [nodeA, nodeB] = cluster.nodes;
    if (nodeA === undefined || nodeB === undefined) throw new Error('no nodes');
    cluster.reap(nodeB, nodeA);
    await flush();
    expect(ana.drain()).toEqual([]);
    const back = a.open();
    back.send({ tipo: 'identificacion', nombre: 'bea', token: tokenOf(bea), desde: 0 });
    await flush();
    expect(aceptadoOf(back).reanudado).toBe(true);
    vi.advanceTimersByTime(1000);
    await flush();
    expect(names(ana.drain(), 'usuario_desconectado')).toEqual(['carl:conexion_perdida']);
    expect(names(dave.drain(), 'usuario_desconectado')).toEqual(['carl:conexion_perdida']);
    expect(carl.closeCode).toBeUndefined(); // its node is dead: nothing reaches it
  });
});

describe('nodes, and what the cluster asks a node', () => {
  it('nodes up and down reach the event stream and the operator, with their uptime from the clock', async () => {
    const cluster = new FakeCluster();
    const a = setup({ cluster: cluster.node('a', T0 - 90_000) });
    const events: HubEvent[] = [];
    a.hub.events.on((event) => events.push(event));
    await flush();
    const b = setup({ cluster: cluster.node('b', T0 - 30_000) });
    await flush();
    await joinOn(b, 'bea');
    await flush();
    expect(a.hub.operator.nodes()).toEqual([
      { id: 'a', address: 'a.example:55555', connections: 0, uptimeSeconds: 90 },
      { id: 'b', address: 'b.example:55555', connections: 1, uptimeSeconds: 30 },
    ]);
    const [nodeA, nodeB] = cluster.nodes;
    if (nodeA === undefined || nodeB === undefined) throw new Error('no nodes');
    cluster.reap(nodeB, nodeA);
    await flush();
    expect(events.filter((e) => e.type === 'node')).toEqual([
      { type: 'node', id: 'b', address: 'b.example:55555', connections: 0, uptimeSeconds: 30, state: 'up' },
      { type: 'node', id: 'b', address: 'b.example:55555', connections: 1, uptimeSeconds: 30, state: 'down' },
    ]);
    expect(a.hub.operator.findUser('bea')?.node).toBe('a');
  });

  it('tells the cluster which users this node holds (connected or in grace) and how many connections it has', async () => {
    const { cluster, nodes } = await clusterOf(['a', 'b']);
    const [a, b] = nodes as [Node, Node];
    const ana = await joinOn(a, 'ana');
    await joinOn(a, 'carl');
    await joinOn(b, 'bea');
    a.open(); // not identified, still a connection
    ana.handle.ended('lost');
    const listener = cluster.nodes[0]?.listener;
    expect(listener?.localUsers().map((u) => [u.name, u.node])).toEqual([
      ['ana', 'a'],
      ['carl', 'a'],
    ]);
    expect(listener?.connectionCount()).toBe(2);
    expect(one(a.hub.operator.listUsers('bea', 0, 10).items)).toMatchObject({ name: 'bea', node: 'b' });
  });
});
