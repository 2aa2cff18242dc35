/** ChatClient over line-JSON TCP, talking with a WebSocket user on the same server. */
import { startServer } from '@charla/server/testing';
import { expect, it } from 'vitest';
import WebSocket from 'ws';
import { ChatClient } from '../src/index.js';
import { TcpSocket } from '../src/tcp.js';

it('chats over tcp:// with a WebSocket user, and leaves cleanly', async () => {
  const server = await startServer();
  const tcp = new ChatClient({ WebSocket: TcpSocket, reconnect: false });
  const web = new ChatClient({ WebSocket, reconnect: false });
  try {
    const aceptado = await tcp.connect({ url: `tcp://127.0.0.1:${server.port}`, nombre: 'terminal' });
    expect(aceptado.nombre).toBe('terminal');
    await web.connect({ url: server.url, nombre: 'web' });
    const heard = new Promise<string>((resolve) => tcp.on('mensaje', (m) => m.remitente === 'web' && resolve(m.contenido)));
    expect(await tcp.send('hola por tcp')).toBeGreaterThan(0);
    await web.send('hola por websocket');
    expect(await heard).toBe('hola por websocket');
    expect(await tcp.ping()).toBeGreaterThanOrEqual(0);
    const left = new Promise((resolve) => web.on('usuario_desconectado', resolve));
    tcp.disconnect();
    expect(await left).toMatchObject({ nombre: 'terminal', motivo: 'salida' });
  } finally {
    tcp.disconnect();
    web.disconnect();
    await server.close();
  }
});

it('reports the server close code from the cierre line (a kick ends it for good)', async () => {
  const server = await startServer();
  const tcp = new ChatClient({ WebSocket: TcpSocket });
  try {
    await tcp.connect({ url: `tcp://127.0.0.1:${server.port}`, nombre: 'ana' });
    const ended = new Promise((resolve) => tcp.on('state', (s) => s === 'desconectado' && resolve(tcp.getSnapshot().ended)));
    server.app.hub.kick('ana', 'fuera');
    expect(await ended).toEqual({ kind: 'expulsado', motivo: 'fuera' });
  } finally {
    tcp.disconnect();
    await server.close();
  }
});
