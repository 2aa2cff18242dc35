/**
 * The admin API at scale: a charla server in its own process, 10,000 idle identified
 * WebSocket users from this one, then `GET /api/users?q=` timed (p50/p99/max).
 * Usage: pnpm --filter @charla/bench admin-users [users] [requests]
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { encode } from '@charla/protocol';

const users = Number(process.argv[2] ?? 10_000);
const requests = Number(process.argv[3] ?? 200);
const TOKEN = 'bench-admin';

const serverDir = fileURLToPath(new URL('../../packages/server', import.meta.url));
const server = spawn(
  process.execPath,
  ['--import', 'tsx', '--conditions=@charla/source', 'src/main.ts', '--host', '127.0.0.1', '--port', '0', '--no-persist', '--data-dir', '/tmp/charla-bench-data',
    '--admin-token', TOKEN, '--max-connections', String(users + 100), '--max-per-address', String(users + 100), '--log-level', 'info', '--ping-ms', '600000', '--identification-ms', '300000'],
  { cwd: serverDir, stdio: ['ignore', 'pipe', 'inherit'] },
);
try {
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    // Read every log line (a pipe nobody reads would stall the server); keep only the start.
    server.stdout.on('data', (chunk: Buffer) => {
      if (out.length > 10_000) return;
      out += String(chunk);
      const match = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    server.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  const url = `ws://127.0.0.1:${port}/ws`;
  const sockets: WebSocket[] = [];
  const started = Date.now();
  // Every join is announced to everyone already there (docs/protocol.md), so the ramp costs
  // O(users²) deliveries: connect in modest batches and be patient.
  for (let batch = 0; batch < users; batch += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, users - batch) }, (_, i) =>
        new Promise<void>((resolve, reject) => {
          const socket = new WebSocket(url);
          sockets.push(socket);
          socket.once('error', reject);
          socket.once('open', () => socket.send(encode({ tipo: 'identificacion', nombre: `u${batch + i}` })));
          socket.once('message', () => resolve());
        }),
      ),
    );
  }
  console.log(`${users} users identified in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const queries = ['', 'u1', 'u99', 'u5000', 'zz'];
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const q = queries[i % queries.length] ?? '';
    const t0 = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/api/users?q=${q}&limit=100`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const body = (await res.json()) as { total: number };
    times.push(performance.now() - t0);
    if (i === 0 && body.total !== users) throw new Error(`expected ${users} users, got ${body.total}`);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => (times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0).toFixed(1);
  console.log(`GET /api/users?q= with ${users} users, ${requests} requests: p50 ${at(50)} ms, p99 ${at(99)} ms, max ${(times.at(-1) ?? 0).toFixed(1)} ms`);
  for (const socket of sockets) socket.terminate();
} finally {
  server.kill('SIGTERM');
  await once(server, 'exit');
}
