/**
 * For tests and the benchmark: a private `redis-server` on a free loopback port, never the
 * machine's own. It can be stopped and started again on the same port and data dir (with
 * `appendonly yes`, what it had comes back), to play a Redis outage.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './testing.js';

export interface TestRedis {
  /** `redis://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  /** The running redis-server's pid (to pin it to a CPU, or read its CPU time). */
  readonly pid: number | undefined;
  /** Stops it (SIGTERM: with appendonly, everything written so far is kept). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data dir. */
  start(): Promise<void>;
  /** Stops it for good and removes its data dir. */
  close(): Promise<void>;
}

/** Whether `redis-server` can be run here. */
export function redisAvailable(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

const READY = /Ready to accept connections/;
const START_TIMEOUT_MS = 10_000;

export interface RedisOptions {
  /** Keep an append-only file (what survives a stop and start). */
  readonly appendonly?: boolean;
  /** With appendonly: fsync every write (tests of durability) or once a second (Redis's default). */
  readonly fsync?: 'always' | 'everysec';
}

export async function startRedis(options: RedisOptions = {}): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'charla-redis-'));
  let port = await freePort();
  let child: ChildProcess | undefined;

  const launch = async (): Promise<void> => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir];
    args.push('--appendonly', options.appendonly === true ? 'yes' : 'no', '--appendfsync', options.fsync ?? 'always');
    const server = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = server;
    let output = '';
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server not ready: ${output}`)), START_TIMEOUT_MS);
      server.stdout.on('data', (chunk: Buffer) => {
        output += String(chunk);
        if (READY.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      });
      server.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited ${code}: ${output}`));
      });
    });
    await ready;
  };

  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    running.kill('SIGTERM');
    await once(running, 'exit');
  };

  // Another process may take the free port between the check and the start: try again.
  for (let attempt = 1; ; attempt++) {
    try {
      await launch();
      break;
    } catch (error) {
      await stop();
      if (attempt === 3) throw error;
      port = await freePort();
    }
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return child?.pid;
    },
    stop,
    start: launch,
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

