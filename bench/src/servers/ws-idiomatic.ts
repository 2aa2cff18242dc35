/** Peer: a raw `ws` broadcast server, the idiomatic way: `send(string)` to every client. */
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1', perMessageDeflate: false });
wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    const text = String(data);
    for (const client of wss.clients) client.send(text);
  });
});
wss.on('listening', () => console.log(`READY ${(wss.address() as { port: number }).port}`));
