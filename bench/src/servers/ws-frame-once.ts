/**
 * Peer: a raw `ws` broadcast server that builds the frame once and writes the same bytes to
 * every socket: the floor of a Node broadcast.
 */
import type { Socket } from 'node:net';
import * as ws from 'ws';
import { WebSocketServer } from 'ws';

const { Sender } = ws as unknown as { Sender: { frame(data: Buffer, options: object): Buffer[] } };
const wss = new WebSocketServer({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1', perMessageDeflate: false });
wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    const frame = Buffer.concat(Sender.frame(data as Buffer, { fin: true, opcode: 1, mask: false, readOnly: true, rsv1: false }));
    for (const client of wss.clients) (client as unknown as { _socket: Socket })._socket.write(frame);
  });
});
wss.on('listening', () => console.log(`READY ${(wss.address() as { port: number }).port}`));
