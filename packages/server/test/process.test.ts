/**
 * The `charla-server` process as a user runs it: flags, exit codes, listening, and a clean
 * stop on SIGTERM that says goodbye to every client.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { killServers, spawnServer, TestClient } from './helpers.js';

afterEach(killServers);
const run = spawnServer;

describe('charla-server process', () => {
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

  it('stops on SIGTERM: servidor_cerrando to every client, close 1001, exit 0', async () => {
    const server = run(['--host', '127.0.0.1', '--port', '0']);
    const port = await server.listening;
    const ana = await TestClient.join(`ws://127.0.0.1:${port}/ws`, 'ana');
    const bea = await TestClient.join(`ws://127.0.0.1:${port}/ws`, 'bea');
    server.child.kill('SIGTERM');
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
});
