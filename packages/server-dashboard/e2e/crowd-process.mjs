// A crowd of real chat users in a process of its own, for the scale tests: COUNT WebSocket
// connections to URL, each identified as PREFIX0, PREFIX1, ... (zero-padded so names sort
// like numbers), COUNT_PER_BATCH at a time. Prints "ready N SECONDS" once all are accepted,
// then holds the connections until stdin closes or it is killed.
// Usage: node crowd-process.mjs URL COUNT [PREFIX] [BATCH]
// Plain JavaScript with raw `ws` (no SDK): thousands of idle users must cost little here.
import WebSocket from 'ws';

const [url, countText, prefix = 'u', batchText = '200'] = process.argv.slice(2);
const count = Number(countText);
const batch = Number(batchText);
const width = String(count - 1).length;
const sockets = [];
const started = Date.now();

function join(name) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    sockets.push(socket);
    socket.once('error', reject);
    // Closed before the answer (a busy server's identification deadline): fail loudly, never hang.
    const early = (code) => reject(new Error(`${name}: closed (${code}) before it was accepted`));
    socket.once('close', early);
    socket.once('open', () => socket.send(JSON.stringify({ tipo: 'identificacion', nombre: name })));
    socket.once('message', (data) => {
      socket.off('close', early);
      const frame = JSON.parse(String(data));
      if (frame.tipo === 'aceptado') resolve();
      else reject(new Error(`${name}: ${String(data)}`));
    });
  });
}

// Every join is announced to everyone already there (docs/protocol.md): the ramp costs O(n²)
// deliveries, so it goes in batches rather than all at once.
for (let first = 0; first < count; first += batch) {
  const names = Array.from({ length: Math.min(batch, count - first) }, (_, i) => `${prefix}${String(first + i).padStart(width, '0')}`);
  await Promise.all(names.map(join));
}
console.log(`ready ${count} ${((Date.now() - started) / 1000).toFixed(1)}`);

const leave = () => {
  for (const socket of sockets) socket.terminate();
  process.exit(0);
};
process.stdin.on('end', leave);
process.stdin.resume();
process.on('SIGTERM', leave);
