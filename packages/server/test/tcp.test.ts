/**
 * Line-JSON over raw TCP on the chat's own port, next to WebSocket and HTTP: the seed's
 * own transport (`nc HOST 55555` is a client).
 */
import { connect } from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { Cleanup, startServer, TestClient } from './helpers.js';
import type { RunningServer } from './helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function server(overrides: Parameters<typeof startServer>[0] = {}) {
  const srv = cleanup.add(await startServer(overrides));
  return Object.assign(srv, { tcp: `tcp://127.0.0.1:${srv.port}` });
}

async function join(url: string, name: string) {
  return cleanup.add(await TestClient.join(url, name));
}

async function open(url: string) {
  return cleanup.add(await TestClient.open(url));
}

describe('framing: every frame size, to one socket or to many', () => {
  // The first socket a frame goes to gets it as text; the others share one buffer. Both
  // must carry the same bytes, in every WebSocket length form (7-bit, 16-bit, 64-bit).
  it('delivers small, 16-bit and 64-bit-length frames intact over both transports', async () => {
    const srv = await server({ messagesPer10s: 100 });
    const ana = await join(srv.url, 'ana');
    const clients = [ana, await join(srv.tcp, 'bea'), await join(srv.url, 'carl'), await join(srv.tcp, 'dan')];

    for (const client of clients) {
      client.send({ tipo: 'ping', ref: 'p' });
      expect(await client.next('pong')).toEqual({ tipo: 'pong', ref: 'p' });
    }
    // Multi-byte text: a frame's length is counted in UTF-8 bytes, not characters.
    const contents = ['hola', 'ñ'.repeat(4000), '😀'.repeat(4000), ...Array.from({ length: 20 }, (_, i) => `${i}${'é'.repeat(3990)}`)];
    for (const contenido of contents) {
      ana.send({ tipo: 'mensaje', contenido });
      for (const client of clients) expect((await client.next('mensaje')).contenido).toBe(contenido);
    }
    for (const client of clients) {
      client.send({ tipo: 'historial', limite: contents.length });
      const page = await client.next('historial');
      expect(Buffer.byteLength(JSON.stringify(page))).toBeGreaterThan(0x10000);
      expect(page.mensajes.map((m) => m.contenido)).toEqual(contents);
    }
  });
});

describe('TCP and WebSocket on one port', () => {
  it('TCP and WebSocket users chat both ways, privately too, and see each other come and go', async () => {
    const srv = await server();
    const tcp = await join(srv.tcp, 'terminal');
    const web = await join(srv.url, 'navegador');
    expect(await tcp.next('usuario_conectado')).toMatchObject({ nombre: 'navegador' });

    tcp.send({ tipo: 'mensaje', contenido: 'hola desde nc' });
    expect(await web.next('mensaje')).toMatchObject({ remitente: 'terminal', contenido: 'hola desde nc' });
    web.send({ tipo: 'mensaje', contenido: 'hola desde el navegador' });
    expect(await tcp.next('mensaje', (m) => m.remitente === 'navegador')).toMatchObject({ contenido: 'hola desde el navegador' });

    web.send({ tipo: 'privado', para: 'terminal', contenido: 'psst' });
    expect(await tcp.next('privado')).toMatchObject({ remitente: 'navegador', para: 'terminal' });
    tcp.send({ tipo: 'escribiendo', activo: true });
    expect(await web.next('escribiendo')).toEqual({ tipo: 'escribiendo', nombre: 'terminal', activo: true });

    // The seed's own message shape works over TCP.
    tcp.send({ tipo: 'mensaje', remitente: 'terminal', contenido: 'formato original', marca_tiempo: '2024-05-01T12:00:00' });
    expect(await web.next('mensaje', (m) => m.contenido === 'formato original')).toMatchObject({ remitente: 'terminal' });

    expect(await tcp.leave()).toMatchObject({ code: 1000 });
    expect(await web.next('usuario_desconectado')).toMatchObject({ nombre: 'terminal', motivo: 'salida' });
  });

  it('keeps names unique across transports', async () => {
    const srv = await server();
    await join(srv.tcp, 'ana');
    const web = await open(srv.url);
    web.send({ tipo: 'identificacion', nombre: 'ANA' });
    expect(await web.next('rechazado')).toMatchObject({ motivo: 'nombre_duplicado' });
    await join(srv.url, 'bea');
    const tcp = await open(srv.tcp);
    tcp.send({ tipo: 'identificacion', nombre: 'bea' });
    expect(await tcp.next('rechazado')).toMatchObject({ motivo: 'nombre_duplicado' });
    expect(await tcp.closed).toEqual({ code: 4001, reason: 'nombre_duplicado' });
  });

  it('reads frames split across packets and several frames in one packet', async () => {
    const srv = await server({ messagesPer10s: 1000 });
    const web = await join(srv.url, 'web');
    const tcp = await open(srv.tcp);
    const identify = Buffer.from('{"tipo":"identificacion","nombre":"trozos"}\n');
    for (const byte of identify) tcp.write(Buffer.from([byte]));
    await tcp.next('aceptado');
    const line = Buffer.from('{"tipo":"mensaje","contenido":"año 🐦"}\n');
    for (let cut = 1; cut < line.length; cut += 7) {
      tcp.write(line.subarray(0, cut));
      tcp.write(line.subarray(cut));
    }
    tcp.write('{"tipo":"mensaje","contenido":"a"}\n{"tipo":"mensaje","contenido":"b"}\n');
    await web.next('mensaje', (m) => m.contenido === 'b');
    const contents = web.received.flatMap((f) => (f.tipo === 'mensaje' ? [f.contenido] : []));
    expect(contents.filter((c) => c === 'año 🐦')).toHaveLength(Math.ceil((line.length - 1) / 7));
    expect(contents.slice(-2)).toEqual(['a', 'b']);
  });

  it('accepts a line of exactly the frame limit and ends one byte over with cierre 1009', async () => {
    const srv = await server({ frameMaxBytes: 1024, contentMax: 2000 });
    const ana = await join(srv.tcp, 'ana');
    const overhead = JSON.stringify({ tipo: 'mensaje', contenido: '' }).length;
    const frame = (size: number) => JSON.stringify({ tipo: 'mensaje', contenido: 'x'.repeat(size - overhead) });
    expect(Buffer.byteLength(frame(1024))).toBe(1024);
    ana.send(frame(1024));
    expect((await ana.next('mensaje')).contenido).toHaveLength(1024 - overhead);
    ana.send(frame(1025));
    expect(await ana.closed).toEqual({ code: 1009, reason: 'línea demasiado larga' });
  });

  it('ends a line session that sends invalid UTF-8 with cierre 1007', async () => {
    const srv = await server();
    const ana = await join(srv.tcp, 'ana');
    ana.write(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d, 0x0a]));
    expect((await ana.closed).code).toBe(1007);
  });

  it('ends a client that never sends a newline once its partial line passes the limit', async () => {
    const srv = await server({ frameMaxBytes: 2048 });
    const endless = await open(srv.tcp);
    endless.write(`{"tipo":"identificacion","nombre":"${'a'.repeat(1000)}`);
    endless.write('b'.repeat(1100));
    expect((await endless.closed).code).toBe(1009);
  });

  it('closes a line session that never identifies (4002) and a silent connection', async () => {
    const srv = await server({ identificationMs: 200 });
    const idle = await open(srv.tcp);
    idle.write('{"tipo":"ping"}\n');
    expect(await idle.next('error')).toMatchObject({ codigo: 'no_identificado' });
    expect((await idle.closed).code).toBe(4002);
    const silent = connect(srv.port, '127.0.0.1');
    await once(silent, 'connect');
    await once(silent, 'close');
  });

  it('drops a TCP client that stops reading (lento) while the others keep chatting', async () => {
    const srv = await server({ messagesPer10s: 100_000, contentMax: 60_000, outboundQueueBytes: 256 * 1024, graceMs: 200 });
    const stuck = await join(srv.tcp, 'stuck');
    const ana = await join(srv.url, 'ana');
    const bea = await join(srv.tcp, 'bea');
    stuck.stopReading();
    let leave: unknown;
    void bea.next('usuario_desconectado').then((f) => (leave = f));
    for (let i = 0; leave === undefined && i < 2000; i++) {
      ana.send({ tipo: 'mensaje', contenido: 'x'.repeat(50_000), ref: String(i) });
      await ana.next('acuse');
      await bea.next('mensaje');
    }
    expect(leave).toMatchObject({ nombre: 'stuck', motivo: 'lento' });
  });

  it('with --no-tcp a line-JSON connection is just bad HTTP', async () => {
    const srv: RunningServer = cleanup.add(await startServer({ tcp: false }));
    const socket = connect(srv.port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write('{"tipo":"identificacion","nombre":"ana"}\n');
    const [answer] = (await once(socket, 'data')) as [Buffer];
    expect(String(answer)).toMatch(/^HTTP\/1\.1 400/);
    socket.destroy();
  });
});
