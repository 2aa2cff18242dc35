/**
 * The `charla-server` process as a user runs it: flags, exit codes, listening, and a clean
 * stop on SIGTERM that says goodbye to every client.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClient } from './helpers.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [tsxCli, '--conditions=@charla/source', 'src/main.ts', ...args], {
    cwd: packageDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  const exited = once(child, 'exit').then(([code]) => ({ code: code as number | null, stdout, stderr }));
  /** Resolves with the port once the log says the server listens. */
  const listening = new Promise<number>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
      if (match) resolve(Number(match[1]));
    });
    void exited.then((r) => reject(new Error(`exited ${r.code}: ${r.stderr}`)));
  });
  // Runs that are expected to exit never listen; only awaiting tests see the rejection.
  listening.catch(() => undefined);
  return { child, exited, listening };
}

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
