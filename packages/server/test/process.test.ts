/**
 * The `charla-server` process as a user runs it: flags, exit codes, listening, and a clean
 * stop on SIGTERM that says goodbye to every client.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerProcess } from './helpers.js';
import { killServers, spawnServer, tempDataDir, TestClient } from './helpers.js';

afterEach(killServers);
/** Where spawnServer runs the server. */
const serverPackageDir = fileURLToPath(new URL('..', import.meta.url));
const run = spawnServer;

describe('charla-server process', { timeout: 30_000 }, () => {
  it('exits 1 with one line naming a bad setting', async () => {
    const { code, stderr } = await run(['--port', 'nope']).exited;
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/--port/);
    const fromEnv = await run([], { CHARLA_MESSAGES_PER_10S: '-1' }).exited;
    expect(fromEnv.code).toBe(1);
    expect(fromEnv.stderr).toMatch(/CHARLA_MESSAGES_PER_10S/);
  });

  it('prints --version and --help and exits 0', async () => {
    const version = await run(['--version']).exited;
    expect(version).toMatchObject({ code: 0 });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = await run(['--help']).exited;
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--port');
  });

  it('exits 2 when the port is taken', async () => {
    const first = run(['--host', '127.0.0.1', '--port', '0']);
    const port = await first.listening;
    const second = await run(['--host', '127.0.0.1', '--port', String(port)]).exited;
    expect(second.code).toBe(2);
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
  });

  // Without TLS there is nothing to reload: a hang-up (the terminal closed) stops as cleanly.
  it.each(['SIGTERM', 'SIGHUP'] as const)('stops on %s: servidor_cerrando to every client, close 1001, exit 0', async (signal) => {
    const server = run(['--host', '127.0.0.1', '--port', '0']);
    const port = await server.listening;
    const ana = await TestClient.join(`ws://127.0.0.1:${port}/ws`, 'ana');
    const bea = await TestClient.join(`ws://127.0.0.1:${port}/ws`, 'bea');
    server.child.kill(signal);
    for (const client of [ana, bea]) {
      expect(await client.next('servidor_cerrando')).toMatchObject({ tipo: 'servidor_cerrando' });
      expect((await client.closed).code).toBe(1001);
    }
    const { code, stdout } = await server.exited;
    expect(code).toBe(0);
    // Logs: one line per connection event, never a token.
    expect(stdout).toContain('connection opened');
    expect(stdout).not.toContain(ana.aceptado.token);
  });

  // A load balancer's health check opens a TCP connection and says nothing. Such a
  // connection has nobody to say goodbye to: a stop closes it at once instead of waiting
  // for the stop deadline, and the store is closed (no WAL file left behind).
  for (const apart of [false, true]) {
    it(`stops at once with silent connections open${apart ? ' to the chat and to the admin port' : ''}`, async () => {
      const dataDir = tempDataDir();
      const admin = apart ? ['--admin-host', '127.0.0.1', '--admin-port', '0'] : [];
      const server = spawnServer(['--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir, ...admin]);
      const ports = await listeningPorts(server, apart ? 2 : 1);
      // Printed right before the signal handlers are installed, in the same tick.
      await untilStdout(server, /admin token in /);
      const silent: Socket[] = [];
      for (const port of ports) {
        const socket = connect(port, '127.0.0.1');
        socket.on('error', () => undefined);
        await once(socket, 'connect');
        silent.push(socket);
      }
      const stopAsked = performance.now();
      server.child.kill('SIGTERM');
      const { code } = await server.exited;
      const stopMs = performance.now() - stopAsked;
      for (const socket of silent) socket.destroy();
      expect(code).toBe(0);
      expect(stopMs).toBeLessThan(1000);
      expect(existsSync(join(dataDir, 'charla.sqlite-wal'))).toBe(false);
    });
  }

  // A WebSocket peer that is told goodbye and never answers the close frame (a frozen tab,
  // a stalled client): the chat's and the admin event stream's. They get a short grace,
  // not the stop deadline.
  it('stops within a second when WebSocket peers never answer the goodbye', async () => {
    const dataDir = tempDataDir();
    const server = spawnServer(['--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir, '--admin-host', '127.0.0.1', '--admin-port', '0']);
    const [chatPort, adminPort] = (await listeningPorts(server, 2)) as [number, number];
    await untilStdout(server, /admin token in /);
    const mute = [await muteWebSocket(chatPort, '/ws'), await muteWebSocket(adminPort, '/api/events')];
    const stopAsked = performance.now();
    server.child.kill('SIGTERM');
    const { code } = await server.exited;
    const stopMs = performance.now() - stopAsked;
    for (const socket of mute) socket.destroy();
    expect(code).toBe(0);
    expect(stopMs).toBeLessThan(1000);
    expect(existsSync(join(dataDir, 'charla.sqlite-wal'))).toBe(false);
  });
});

describe('admin surface of the process', { timeout: 30_000 }, () => {
  it('generates an admin token file (0600), names it by its absolute path, and prints the token only on a terminal', async () => {
    const dataDir = tempDataDir();
    // Given relative, as the default ./data is: `pnpm start` runs the server in
    // packages/server while the user reads its output at the repository's root.
    const server = spawnServer(['--host', '127.0.0.1', '--port', '0', '--data-dir', relative(serverPackageDir, dataDir)]);
    const port = await server.listening;
    const file = join(dataDir, 'admin-token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const token = readFileSync(file, 'utf8').trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stats = await fetch(`http://127.0.0.1:${port}/api/stats`, { headers: { authorization: `Bearer ${token}` } });
    expect(stats.status).toBe(200);
    server.child.kill('SIGTERM');
    const { stdout } = await server.exited;
    expect(stdout).toContain(`admin token in ${file}`);
    expect(stdout).not.toContain(token);
  });

  it('serves the admin API apart with --admin-host/--admin-port', async () => {
    const server = spawnServer(['--host', '127.0.0.1', '--port', '0', '--admin-host', '127.0.0.1', '--admin-port', '0', '--admin-token', 'apart']);
    const [chatPort, adminPort] = (await listeningPorts(server, 2)) as [number, number];
    const auth = { headers: { authorization: 'Bearer apart' } };
    expect((await fetch(`http://127.0.0.1:${adminPort}/api/stats`, auth)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${chatPort}/api/stats`, auth)).status).toBe(404);
    const chat = await TestClient.join(`ws://127.0.0.1:${chatPort}/ws`, 'ana');
    const users = (await (await fetch(`http://127.0.0.1:${adminPort}/api/users`, auth)).json()) as { total: number };
    expect(users.total).toBe(1);
    chat.terminate();
  });
});

/** The ports the server says it listens on (the chat's first), once it has named `count`. */
async function listeningPorts(server: ServerProcess, count: number): Promise<number[]> {
  const pattern = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/g;
  await untilStdout(server, (stdout) => [...stdout.matchAll(pattern)].length >= count);
  return [...server.stdoutSoFar().matchAll(pattern)].map((m) => Number(m[1])).slice(0, count);
}

/** Resolves once the server's stdout matches (rejects if it exits first). */
async function untilStdout(server: ServerProcess, expected: RegExp | ((stdout: string) => boolean)): Promise<void> {
  await server.listening;
  const matches = () => (expected instanceof RegExp ? expected.test(server.stdoutSoFar()) : expected(server.stdoutSoFar()));
  await new Promise<void>((resolve) => {
    const check = () => {
      if (!matches()) return;
      server.child.stdout?.off('data', check);
      resolve();
    };
    server.child.stdout?.on('data', check);
    check();
  });
}

/** A WebSocket opened by hand that reads nothing and answers nothing, close frames included. */
async function muteWebSocket(port: number, path: string): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  await once(socket, 'connect');
  const key = Buffer.from('charla-mute-peer').toString('base64');
  socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  const [response] = (await once(socket, 'data')) as [Buffer];
  expect(String(response)).toMatch(/^HTTP\/1\.1 101 /);
  return socket;
}
