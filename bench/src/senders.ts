/**
 * Load generator (its own process): `clients` WebSocket users that together send `rate`
 * messages per second for `seconds`, then exit. Every loop is bounded in count and time.
 * argv: url clients rate seconds
 */
import WebSocket from 'ws';
import { encode } from '@charla/protocol';

const [url = '', clientsArg = '10', rateArg = '1000', secondsArg = '10'] = process.argv.slice(2);
const clients = Number(clientsArg);
const rate = Number(rateArg);
const seconds = Number(secondsArg);

const sockets = await Promise.all(
  Array.from({ length: clients }, (_, i) =>
    new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.on('error', reject);
      socket.on('open', () => socket.send(encode({ tipo: 'identificacion', nombre: `load${i}` })));
      socket.once('message', () => resolve(socket));
    }),
  ),
);

const body = 'x'.repeat(80);
const tickMs = 10;
const perTick = (rate * tickMs) / 1000;
let sent = 0;
let debt = 0;
const total = rate * seconds;
const started = Date.now();
await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    debt += perTick;
    while (debt >= 1 && sent < total) {
      const socket = sockets[sent % clients] as WebSocket;
      socket.send(encode({ tipo: 'mensaje', contenido: body, ref: String(sent) }));
      sent++;
      debt--;
    }
    if (sent >= total || Date.now() - started > (seconds + 5) * 1000) {
      clearInterval(timer);
      resolve();
    }
  }, tickMs);
});
for (const socket of sockets) socket.close(1000);
process.stdout.write(JSON.stringify({ sent, ms: Date.now() - started }) + '\n');
