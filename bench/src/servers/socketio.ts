/** Peer: a minimal Socket.IO 4 server: every `m` event goes to everyone with `io.emit`. */
import { Server } from 'socket.io';

const io = new Server({ transports: ['websocket'], perMessageDeflate: false, serveClient: false });
io.on('connection', (socket) => {
  socket.on('m', (payload: string) => io.emit('m', payload));
});
const server = io.listen(Number(process.argv[2] ?? 0));
server.httpServer?.on('listening', () => console.log(`READY ${(server.httpServer?.address() as { port: number }).port}`));
