/**
 * The protocol over real WebSockets: a server on an ephemeral port, three clients, every rule
 * a client can observe from outside.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Cleanup, startServer, tempDataDir, TestClient } from './helpers.js';
import type { RunningServer } from './helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function server(overrides: Parameters<typeof startServer>[0] = {}): Promise<RunningServer> {
  return cleanup.add(await startServer(overrides));
}

async function join(srv: RunningServer, name: string, extra = {}) {
  return cleanup.add(await TestClient.join(srv.url, name, extra));
}

async function open(srv: RunningServer) {
  return cleanup.add(await TestClient.open(srv.url));
}

describe('session lifecycle', () => {
  it('joins three users, broadcasts with ids and acks, and announces the leave once', async () => {
    const srv = await server();
    const ana = await join(srv, 'Ana');
    expect(ana.aceptado).toMatchObject({ nombre: 'Ana', protocolo: 1, reanudado: false, usuarios: ['Ana'], historial: [] });
    expect(ana.aceptado.token).toMatch(/^[A-Za-z0-9_-]{22,}$/);

    const bea = await join(srv, 'bea');
    expect(bea.aceptado.usuarios).toEqual(['Ana', 'bea']);
    expect(await ana.next('usuario_conectado')).toMatchObject({ nombre: 'bea' });
    const carlos = await join(srv, 'Carlos');
    await Promise.all([ana.next('usuario_conectado'), bea.next('usuario_conectado')]);

    ana.send({ tipo: 'mensaje', contenido: 'hola a todos', ref: 'm1' });
    const seen = await Promise.all([ana, bea, carlos].map((c) => c.next('mensaje')));
    for (const frame of seen) expect(frame).toEqual(seen[0]);
    expect(seen[0]).toMatchObject({ id: 1, remitente: 'Ana', contenido: 'hola a todos' });
    expect(Date.parse(seen[0]?.marca_tiempo ?? '')).not.toBeNaN();
    expect(await ana.next('acuse')).toEqual({ tipo: 'acuse', ref: 'm1', id: 1 });

    bea.send({ tipo: 'mensaje', contenido: 'hola, Ana' });
    expect((await carlos.next('mensaje')).id).toBe(2);

    expect(await bea.leave()).toMatchObject({ code: 1000 });
    for (const other of [ana, carlos]) {
      expect(await other.next('usuario_desconectado')).toMatchObject({ nombre: 'bea', motivo: 'salida' });
    }
    // Exactly once: a later message arrives with no second leave notice before it.
    carlos.send({ tipo: 'mensaje', contenido: 'adiós, bea' });
    await ana.next('mensaje', (m) => m.contenido === 'adiós, bea');
    expect(ana.received.filter((f) => f.tipo === 'usuario_desconectado')).toHaveLength(1);

    // The name is free at once.
    await join(srv, 'BEA');
  });

  it('acks a ref re-sent while its message is still being committed, and delivers it once', async () => {
    // SQLite's group commit keeps the first send in flight while the re-send arrives.
    const srv = await server({ persist: true, dataDir: tempDataDir() });
    const ana = await join(srv, 'ana');
    ana.send({ tipo: 'mensaje', contenido: 'una vez', ref: 'twice' });
    ana.send({ tipo: 'mensaje', contenido: 'una vez', ref: 'twice' });
    const acks = [await ana.next('acuse'), await ana.next('acuse')];
    expect(acks).toEqual([
      { tipo: 'acuse', ref: 'twice', id: 1 },
      { tipo: 'acuse', ref: 'twice', id: 1 },
    ]);
    ana.send({ tipo: 'ping', ref: 'sync' });
    await ana.next('pong');
    expect(ana.received.filter((f) => f.tipo === 'mensaje')).toHaveLength(1);
  });

  it('refuses duplicate and confusable names with 4001', async () => {
    const srv = await server();
    await join(srv, 'alice');
    for (const name of ['alice', 'ALICE', 'ａｌｉｃｅ']) {
      const client = await open(srv);
      client.send({ tipo: 'identificacion', nombre: name });
      expect(await client.next('rechazado')).toMatchObject({ motivo: 'nombre_duplicado' });
      expect((await client.closed).code).toBe(4001);
    }
    await join(srv, 'ace');
    const cyrillic = await open(srv);
    cyrillic.send({ tipo: 'identificacion', nombre: 'асе' });
    expect(await cyrillic.next('rechazado')).toMatchObject({ motivo: 'nombre_duplicado' });
    const mixed = await open(srv);
    mixed.send({ tipo: 'identificacion', nombre: 'аlice' });
    expect(await mixed.next('rechazado')).toMatchObject({ motivo: 'nombre_invalido' });
    expect((await mixed.closed).code).toBe(4001);
  });

  it('closes a connection that does not identify in time with 4002', async () => {
    const srv = await server({ identificationMs: 200 });
    const silent = await open(srv);
    expect((await silent.closed).code).toBe(4002);
  });
});

describe('bad input gets a clear answer and breaks nothing', () => {
  it('answers bad JSON, unknown tipo, forged remitente and early frames, keeping the connection', async () => {
    const srv = await server();
    const early = await open(srv);
    early.send({ tipo: 'mensaje', contenido: 'sin nombre' });
    expect(await early.next('error')).toMatchObject({ codigo: 'no_identificado' });

    const ana = await join(srv, 'ana');
    const bea = await join(srv, 'bea');
    ana.send('{"tipo":"mensaje",');
    expect(await ana.next('error')).toMatchObject({ codigo: 'json_invalido' });
    ana.send({ tipo: 'saludo' } as never);
    expect(await ana.next('error')).toMatchObject({ codigo: 'trama_invalida' });
    ana.send({ tipo: 'mensaje', contenido: 'soy bea', remitente: 'bea', ref: 'f1' });
    expect(await ana.next('error')).toMatchObject({ codigo: 'origen_invalido', ref: 'f1' });
    // The seed's own message shape, with the right sender, is accepted.
    ana.send({ tipo: 'mensaje', remitente: 'ana', contenido: 'hola', marca_tiempo: '2024-01-01T10:00:00' });
    const broadcast = await bea.next('mensaje');
    expect(broadcast).toMatchObject({ remitente: 'ana', contenido: 'hola' });
    expect(broadcast.marca_tiempo).not.toBe('2024-01-01T10:00:00');
    // Nothing forged or early was ever broadcast.
    expect(bea.received.filter((f) => f.tipo === 'mensaje')).toHaveLength(1);
    early.send({ tipo: 'identificacion', nombre: 'carla' });
    await early.next('aceptado');
  });

  it('closes on a binary frame with 1003 and on an oversize frame with 1009', async () => {
    const srv = await server({ frameMaxBytes: 4096 });
    const ana = await join(srv, 'ana');
    ana.sendBinary(Buffer.from([1, 2, 3]));
    expect((await ana.closed).code).toBe(1003);

    const bea = await join(srv, 'bea');
    bea.send({ tipo: 'mensaje', contenido: 'x'.repeat(5000) });
    expect((await bea.closed).code).toBe(1009);

    // The server still serves everyone else.
    const carla = await join(srv, 'carla');
    carla.send({ tipo: 'ping', ref: 'still-up' });
    expect(await carla.next('pong')).toEqual({ tipo: 'pong', ref: 'still-up' });
  });

  it('rate-limits a flood, then closes a client that keeps being refused with 1008', async () => {
    const srv = await server({ messagesPer10s: 5 });
    const ana = await join(srv, 'ana');
    const bea = await join(srv, 'bea');
    for (let i = 0; i < 6; i++) ana.send({ tipo: 'mensaje', contenido: `m${i}`, ref: `r${i}` });
    expect(await ana.next('error')).toMatchObject({ codigo: 'limite_de_frecuencia', ref: 'r5' });
    await bea.next('mensaje', (m) => m.contenido === 'm4');
    expect(bea.pending('mensaje')).toHaveLength(4);

    for (let i = 0; i < 25; i++) ana.send('not json');
    expect((await ana.closed).code).toBe(1008);
    expect(ana.received.filter((f) => f.tipo === 'error').length).toBeGreaterThanOrEqual(20);
  });

  it('drops extra typing frames silently and expires nothing early', async () => {
    const srv = await server();
    const ana = await join(srv, 'ana');
    const bea = await join(srv, 'bea');
    for (let i = 0; i < 50; i++) ana.send({ tipo: 'escribiendo', activo: true });
    ana.send({ tipo: 'ping', ref: 'after-typing' });
    await ana.next('pong');
    bea.send({ tipo: 'ping', ref: 'sync' });
    await bea.next('pong');
    expect(bea.pending('escribiendo')).toEqual([{ tipo: 'escribiendo', nombre: 'ana', activo: true }]);
    expect(ana.pending('error')).toEqual([]);
    ana.send({ tipo: 'escribiendo', activo: false });
    expect(await bea.next('escribiendo', (f) => !f.activo)).toMatchObject({ nombre: 'ana' });
  });
});

describe('losing and resuming', () => {
  it('tells the others conexion_perdida after the grace period when a client vanishes', async () => {
    const srv = await server({ graceMs: 300 });
    const ana = await join(srv, 'ana');
    const bea = await join(srv, 'bea');
    ana.vanish();
    expect(await bea.next('usuario_desconectado')).toMatchObject({ nombre: 'ana', motivo: 'conexion_perdida' });
    await join(srv, 'ana');
  });

  it('resumes within the grace period with every missed message once, unseen by others', async () => {
    const srv = await server({ graceMs: 5000 });
    const ana = await join(srv, 'ana');
    const bea = await join(srv, 'bea');
    bea.send({ tipo: 'mensaje', contenido: 'antes' });
    const before = await ana.next('mensaje');
    ana.vanish();
    await ana.closed;
    for (const text of ['uno', 'dos', 'tres']) bea.send({ tipo: 'mensaje', contenido: text });
    bea.send({ tipo: 'privado', para: 'ana', contenido: 'solo para ti' });
    await bea.next('privado');

    const back = await join(srv, 'ana', { token: ana.aceptado.token, desde: before.id });
    expect(back.aceptado.reanudado).toBe(true);
    expect(back.aceptado.historial.map((m) => m.contenido)).toEqual(['uno', 'dos', 'tres', 'solo para ti']);
    expect(back.aceptado.historial_incompleto).toBe(false);
    expect(back.aceptado.token).not.toBe(ana.aceptado.token);

    bea.send({ tipo: 'mensaje', contenido: 'después' });
    await back.next('mensaje', (m) => m.contenido === 'después');
    await bea.next('mensaje', (m) => m.contenido === 'después');
    expect(bea.received.some((f) => f.tipo === 'usuario_desconectado' || f.tipo === 'usuario_conectado')).toBe(false);
  });

  it('replaces a stale connection of the same user with 4005', async () => {
    const srv = await server();
    const ana = await join(srv, 'ana');
    const bea = await join(srv, 'bea');
    const again = await join(srv, 'ana', { token: ana.aceptado.token, desde: ana.aceptado.ultimo_id });
    expect(again.aceptado.reanudado).toBe(true);
    expect((await ana.closed).code).toBe(4005);
    bea.send({ tipo: 'mensaje', contenido: 'hola' });
    await again.next('mensaje');
    expect(bea.received.some((f) => f.tipo === 'usuario_desconectado')).toBe(false);
  });

  it('drops a client that stops reading (4004) while the others keep chatting', async () => {
    const srv = await server({ messagesPer10s: 100_000, contentMax: 60_000, outboundQueueBytes: 256 * 1024, graceMs: 200 });
    const stuck = await join(srv, 'stuck');
    const ana = await join(srv, 'ana');
    const bea = await join(srv, 'bea');
    stuck.stopReading();
    const big = 'x'.repeat(50_000);
    let i = 0;
    // Each round trip proves the readers stay served while the stuck one's queue grows.
    const dropped = bea.next('usuario_desconectado');
    let leave: Awaited<typeof dropped> | undefined;
    void dropped.then((f) => (leave = f));
    while (leave === undefined && i < 2000) {
      ana.send({ tipo: 'mensaje', contenido: big, ref: String(i) });
      await ana.next('acuse');
      await bea.next('mensaje');
      i++;
    }
    expect(leave).toMatchObject({ nombre: 'stuck', motivo: 'lento' });
    ana.send({ tipo: 'mensaje', contenido: 'still fast' });
    await bea.next('mensaje', (m) => m.contenido === 'still fast');
  });

  it('counts a peer that stops answering pings as lost', async () => {
    const srv = await server({ pingMs: 100, graceMs: 100 });
    const ana = await join(srv, 'ana');
    const bea = await join(srv, 'bea');
    ana.stopReading();
    expect(await bea.next('usuario_desconectado')).toMatchObject({ nombre: 'ana', motivo: 'conexion_perdida' });
  });
});

describe('shutdown', () => {
  it('sends servidor_cerrando to every connection, identified or not, then closes with 1001', async () => {
    const srv = await server();
    const ana = await join(srv, 'ana');
    const bea = await join(srv, 'bea');
    const anonymous = await open(srv);
    await srv.close();
    for (const client of [ana, bea, anonymous]) {
      expect(await client.next('servidor_cerrando')).toMatchObject({ tipo: 'servidor_cerrando' });
      expect((await client.closed).code).toBe(1001);
      expect(client.received.some((f) => f.tipo === 'usuario_desconectado')).toBe(false);
    }
  });

  it('gives WebSocket clients that are not on /ws no chat session', async () => {
    const srv = await server();
    const socket = new WebSocket(srv.url.replace('/ws', '/other'));
    const frames: unknown[] = [];
    socket.on('message', (data) => frames.push(data));
    socket.on('error', () => undefined);
    // Refused at the handshake (no route) or closed right after it (a non-WebSocket route).
    await new Promise((resolve) => socket.once('close', resolve));
    expect(frames).toEqual([]);
  });
});

describe('connection caps', () => {
  it('refuses identification past the per-address cap with servidor_lleno', async () => {
    const srv = await server({ maxPerAddress: 2 });
    await join(srv, 'ana');
    await join(srv, 'bea');
    const third = await open(srv);
    third.send({ tipo: 'identificacion', nombre: 'carla' });
    expect(await third.next('rechazado')).toMatchObject({ motivo: 'servidor_lleno' });
    expect((await third.closed).code).toBe(4001);
  });

  it('counts the forwarded address only from a trusted proxy', async () => {
    const srv = await server({ maxPerAddress: 1, trustProxy: '127.0.0.1' });
    const identify = async (address: string, nombre: string) => {
      const client = cleanup.add(await TestClient.open(srv.url, { 'x-forwarded-for': address }));
      client.send({ tipo: 'identificacion', nombre });
      return client.nextOf(['aceptado', 'rechazado']);
    };
    expect(await identify('203.0.113.1', 'ana')).toMatchObject({ tipo: 'aceptado' });
    expect(await identify('203.0.113.2', 'bea')).toMatchObject({ tipo: 'aceptado' });
    expect(await identify('203.0.113.1', 'carla')).toMatchObject({ tipo: 'rechazado', motivo: 'servidor_lleno' });
  });

  it('ignores X-Forwarded-For from an untrusted peer', async () => {
    const srv = await server({ maxPerAddress: 1 });
    const first = cleanup.add(await TestClient.open(srv.url, { 'x-forwarded-for': '203.0.113.1' }));
    first.send({ tipo: 'identificacion', nombre: 'ana' });
    await first.next('aceptado');
    const second = cleanup.add(await TestClient.open(srv.url, { 'x-forwarded-for': '203.0.113.2' }));
    second.send({ tipo: 'identificacion', nombre: 'bea' });
    expect(await second.next('rechazado')).toMatchObject({ motivo: 'servidor_lleno' });
  });
});
