/**
 * ChatClient against the real server on an ephemeral port: connect, every rejection,
 * send/ack, private, typing, history, resume after a dropped socket with nothing lost or
 * doubled, reconnect after a server restart, and no reconnect after a kick.
 */
import { startServer } from '@charla/server/testing';
import type { RunningServer } from '@charla/server/testing';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ConnectionState } from '../src/index.js';
import { ChatClient, ChatError } from '../src/index.js';
import { until } from './until.js';

const servers: RunningServer[] = [];
const clients: ChatClient[] = [];
/** Every ws socket the clients opened, to cut one like a pulled cable. */
const sockets: WebSocket[] = [];
class RecordingWebSocket extends WebSocket {
  constructor(url: string) {
    super(url);
    sockets.push(this);
  }
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  for (const server of servers.splice(0)) await server.close();
  sockets.length = 0;
});

async function server(overrides: Parameters<typeof startServer>[0] = {}) {
  const srv = await startServer(overrides);
  servers.push(srv);
  return srv;
}

function client(options: ConstructorParameters<typeof ChatClient>[0] = {}) {
  const c = new ChatClient({ WebSocket: RecordingWebSocket, reconnect: { baseMs: 20, maxMs: 100 }, ...options });
  clients.push(c);
  return c;
}

async function joined(srv: RunningServer, nombre: string) {
  const c = client();
  await c.connect({ url: srv.url, nombre });
  return c;
}

const contents = (c: ChatClient) =>
  c.getSnapshot().log.flatMap((e) => (e.frame.tipo === 'mensaje' || e.frame.tipo === 'privado' ? [e.frame.contenido] : []));

/** Cuts the client's newest socket without a close frame. */
function cut(): void {
  (sockets.at(-1) as unknown as { _socket: { destroy(): void } })._socket.destroy();
}

describe('ChatClient with the real server', () => {
  it('connects through conectando to conectado and resolves with aceptado', async () => {
    const srv = await server();
    const c = client();
    const states: ConnectionState[] = [];
    c.on('state', (s) => states.push(s));
    const aceptado = await c.connect({ url: srv.url, nombre: 'Ana' });
    expect(aceptado).toMatchObject({ tipo: 'aceptado', nombre: 'Ana', reanudado: false });
    expect(states).toEqual(['conectando', 'conectado']);
    expect(c.getSnapshot()).toMatchObject({ state: 'conectado', nombre: 'Ana', users: ['Ana'] });
  });

  it('rejects with the rechazado reason, and does not retry', async () => {
    const srv = await server({ joinSecret: 'abre' });
    const cases: [string, string | undefined, string][] = [
      ['bad name!', 'abre', 'nombre_invalido'],
      ['ana', 'wrong', 'clave_incorrecta'],
      ['admin', 'abre', 'nombre_invalido'],
    ];
    for (const [nombre, clave, motivo] of cases) {
      const c = client();
      const failure = c.connect({ url: srv.url, nombre, ...(clave !== undefined && { clave }) });
      await expect(failure).rejects.toMatchObject({ name: 'ChatError', code: motivo });
      expect(c.getSnapshot()).toMatchObject({ state: 'desconectado', ended: { kind: 'rechazado', motivo } });
    }
    await client().connect({ url: srv.url, nombre: 'ana', clave: 'abre' });
    await expect(client().connect({ url: srv.url, nombre: 'ANA', clave: 'abre' })).rejects.toMatchObject({ code: 'nombre_duplicado' });
    srv.app.hub.setAccepting(false);
    await expect(client().connect({ url: srv.url, nombre: 'bea', clave: 'abre' })).rejects.toMatchObject({ code: 'no_aceptando' });
  });

  it('rejects with a network error when nothing listens', async () => {
    const srv = await server();
    await srv.close();
    const error = await client().connect({ url: srv.url, nombre: 'ana' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatError);
    expect(error).toMatchObject({ code: 'red' });
  });

  it('send resolves with the server id; refusals reject with the error code', async () => {
    const srv = await server();
    const ana = await joined(srv, 'ana');
    const bea = await joined(srv, 'bea');
    const id = await ana.send('hola');
    expect(id).toBe(1);
    await until(bea, (s) => s.log.some((e) => e.key === 'm1'));
    expect(bea.getSnapshot().log.find((e) => e.key === 'm1')).toMatchObject({ own: false, frame: { contenido: 'hola' } });
    expect(ana.getSnapshot().log.find((e) => e.key === 'm1')?.own).toBe(true);
    await expect(ana.send('   ')).rejects.toMatchObject({ code: 'contenido_vacio' });
    await expect(ana.sendPrivate('nadie', 'hola')).rejects.toMatchObject({ code: 'destinatario_desconocido' });
  });

  it('private messages reach only the two, with an unread count', async () => {
    const srv = await server();
    const ana = await joined(srv, 'ana');
    const bea = await joined(srv, 'bea');
    const carla = await joined(srv, 'carla');
    await ana.sendPrivate('bea', 'secreto');
    await until(bea, (s) => s.unread.ana === 1);
    bea.markRead('ana');
    expect(bea.getSnapshot().unread).toEqual({});
    await carla.send('público');
    await until(carla, (s) => contents(ana).includes('público') && s.log.length > 0);
    expect(contents(carla)).not.toContain('secreto');
  });

  it('shows typing to the others and clears it', async () => {
    const srv = await server();
    const ana = await joined(srv, 'ana');
    const bea = await joined(srv, 'bea');
    ana.setTyping(true);
    await until(bea, (s) => s.typing.includes('ana'));
    ana.setTyping(false);
    await until(bea, (s) => s.typing.length === 0);
  });

  it('pages history and lists users', async () => {
    const srv = await server({ historyOnJoin: 2 });
    const ana = await joined(srv, 'ana');
    for (const text of ['uno', 'dos', 'tres', 'cuatro']) await ana.send(text);
    const bea = await joined(srv, 'bea');
    expect(contents(bea)).toEqual(['tres', 'cuatro']);
    const page = await bea.history({ antes: 3, limite: 10 });
    expect(page).toMatchObject({ completo: true });
    expect(contents(bea)).toEqual(['uno', 'dos', 'tres', 'cuatro']);
    expect((await bea.users()).map((u) => u.nombre).sort()).toEqual(['ana', 'bea']);
    expect(await bea.ping()).toBeGreaterThanOrEqual(0);
  });

  it('resumes after a dropped socket: every message once, queued sends delivered once', async () => {
    const srv = await server({ graceMs: 10_000 });
    const bea = await joined(srv, 'bea');
    const ana = await joined(srv, 'ana');
    await ana.send('antes');
    cut();
    await until(ana, (s) => s.state === 'reconectando');
    // Sent while disconnected: waits in the queue.
    const queued = ana.send('mientras tanto');
    await bea.send('te perdiste esto');
    await until(ana, (s) => s.state === 'conectado');
    expect(ana.getSnapshot().resumed).toBe(true);
    const id = await queued;
    await until(bea, (s) => s.log.some((e) => e.key === `m${id}`));
    expect(contents(ana)).toEqual(['antes', 'te perdiste esto', 'mientras tanto']);
    expect(contents(bea)).toEqual(['antes', 'te perdiste esto', 'mientras tanto']);
    expect(bea.getSnapshot().log.filter((e) => e.frame.tipo === 'usuario_desconectado')).toEqual([]);
  });

  it('a send cut off before its ack is re-sent with the same ref and delivered once', async () => {
    const srv = await server({ graceMs: 10_000 });
    const bea = await joined(srv, 'bea');
    const ana = await joined(srv, 'ana');
    const sent = ana.send('justo antes del corte');
    cut();
    const id = await sent;
    await until(bea, (s) => s.log.some((e) => e.key === `m${id}`));
    await bea.send('marca');
    await until(ana, (s) => contents(ana).includes('marca') && s.state === 'conectado');
    expect(contents(bea).filter((c) => c === 'justo antes del corte')).toHaveLength(1);
    expect(contents(ana).filter((c) => c === 'justo antes del corte')).toHaveLength(1);
  });

  it('reconnects after a server restart, as a fresh session', async () => {
    const first = await server();
    const ana = await joined(first, 'ana');
    await first.close();
    await until(ana, (s) => s.state === 'reconectando');
    expect(ana.getSnapshot().log.some((e) => e.frame.tipo === 'servidor_cerrando')).toBe(true);
    await server({ port: first.port });
    await until(ana, (s) => s.state === 'conectado');
    expect(ana.getSnapshot()).toMatchObject({ resumed: false, nombre: 'ana' });
    expect(await ana.send('de vuelta')).toBe(1);
  });

  it('does not reconnect after a kick', async () => {
    const srv = await server();
    const ana = await joined(srv, 'ana');
    const bea = await joined(srv, 'bea');
    expect(srv.app.hub.kick('ana', 'spam')).toBe(true);
    await until(ana, (s) => s.state === 'desconectado');
    expect(ana.getSnapshot()).toMatchObject({ ended: { kind: 'expulsado', motivo: 'spam' }, retryAt: null });
    await until(bea, (s) => s.log.some((e) => e.frame.tipo === 'usuario_desconectado' && e.frame.motivo === 'expulsado'));
    await expect(ana.send('sigo aquí')).rejects.toMatchObject({ code: 'desconectado' });
  });

  it('disconnect() leaves at once and never reconnects', async () => {
    const srv = await server();
    const ana = await joined(srv, 'ana');
    const bea = await joined(srv, 'bea');
    ana.disconnect();
    expect(ana.getSnapshot()).toMatchObject({ state: 'desconectado', ended: { kind: 'desconexion' } });
    await until(bea, (s) => s.log.some((e) => e.frame.tipo === 'usuario_desconectado' && e.frame.motivo === 'salida'));
  });
});

describe('ChatClient details', () => {
  it('rejects a refused connect with the server detalle as the message', async () => {
    const srv = await server();
    await joined(srv, 'ana');
    const error = await client().connect({ url: srv.url, nombre: 'ANA' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'nombre_duplicado', message: expect.stringContaining('ya está en uso') });
  });

  it('emits every frame on the frame event too', async () => {
    const srv = await server();
    const ana = client();
    const types: string[] = [];
    ana.on('frame', (f) => types.push(f.tipo));
    await ana.connect({ url: srv.url, nombre: 'ana' });
    await ana.send('hola');
    expect(types).toEqual(['aceptado', 'mensaje', 'acuse']);
  });
});
