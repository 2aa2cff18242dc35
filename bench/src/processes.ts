/**
 * The processes a benchmark runs: servers under test (each pinned to CPU 0 with `taskset`),
 * the load generator (pinned to CPU 1), and what /proc says about them. Every child is
 * stopped by its own pid.
 */
import { execFileSync, fork, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerKind } from './loadgen.js';

const here = fileURLToPath(new URL('.', import.meta.url));
/** Servers start in a temporary directory, so tsx is named by where it is. */
const tsx = import.meta.resolve('tsx');
export const root = fileURLToPath(new URL('../..', import.meta.url));
/** The admin token of the charla under test. */
export const ADMIN_TOKEN = 'bench';

export const hasTaskset = (() => {
  try {
    execFileSync('taskset', ['-c', '0', 'true']);
    return cpus().length > 1;
  } catch {
    return false;
  }
})();
const pinned = (cpu: number, command: string, args: string[]) => (hasTaskset ? ['taskset', ['-c', String(cpu), command, ...args]] : [command, args]) as [string, string[]];

export interface Server {
  readonly process: ChildProcess;
  /** The server's own pid (under taskset, the child is the server itself: taskset execs). */
  readonly pid: number;
  readonly port: number;
  /** Where the server was started (its data dir, for charla), removed by stop(). */
  readonly dir: string;
  /** SIGKILL by default; SIGTERM lets charla stop cleanly (and write a --cpu-prof). */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartOptions {
  /** Flags for node itself (e.g. --cpu-prof), before the script. */
  readonly nodeArgs?: readonly string[];
  /** charla's main.js, when not this checkout's build (a baseline to compare with). */
  readonly main?: string;
  /** More flags for charla (e.g. --redis URL). */
  readonly args?: readonly string[];
}

export async function startServer(kind: ServerKind, options: StartOptions = {}): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'charla-bench-'));
  const nodeArgs = options.nodeArgs ?? [];
  const [command, args] =
    kind === 'charla'
      ? pinned(0, process.execPath, [
          ...nodeArgs,
          options.main ?? join(root, 'packages/server/dist/main.js'),
          '--host', '127.0.0.1', '--port', '0', '--data-dir', dir, '--admin-token', ADMIN_TOKEN, '--no-tcp',
          '--messages-per-10s', '100000', '--max-connections', '100000', '--max-per-address', '100000',
          // info: the line that names the port; connection events only, never per message.
          '--outbound-queue-bytes', String(64 * 1024 * 1024), '--log-level', 'info',
          ...(options.args ?? []),
        ])
      : pinned(0, process.execPath, [...nodeArgs, '--import', tsx, join(here, 'servers', `${kind}.ts`), '0']);
  const child = spawn(command, args, { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    // Every log line is read (a pipe nobody reads would stall the server); only the start kept.
    child.stdout?.on('data', (chunk: Buffer) => {
      if (out.length > 100_000) return;
      out += String(chunk);
      const match = /READY (\d+)|listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (match) resolve(Number(match[1] ?? match[2]));
    });
    child.once('exit', (code) => reject(new Error(`${kind} exited ${code}`)));
    setTimeout(() => reject(new Error(`${kind} did not start within 30 s`)), 30_000).unref();
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  return {
    process: child,
    pid: child.pid as number,
    port,
    dir,
    stop: async (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        child.kill(signal);
        const deadline = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(deadline);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The load generator's child, pinned to CPU 1. */
export function startLoadgen(): ChildProcess {
  const child = fork(join(here, 'loadgen.ts'), [], { execArgv: ['--import', tsx, '--conditions=@charla/source'] });
  if (hasTaskset && child.pid !== undefined) execFileSync('taskset', ['-cp', '1', String(child.pid)]);
  return child;
}

/** Asks the load generator (stop) and waits for it to exit, killing it after 10 s. */
export async function stopLoadgen(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  if (child.connected) child.send({ type: 'stop' });
  const deadline = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(deadline);
}

/** Sends `message` to a child and resolves with the `result` of its reply of type `answer`. */
export function ask<T>(child: ChildProcess, message: object, answer: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = () => reject(new Error('the load generator exited'));
    const onMessage = (reply: { type: string; result?: T; message?: string }) => {
      if (reply.type === 'error') reject(new Error(reply.message));
      if (reply.type !== answer) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(reply.result as T);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send(message);
  });
}

/** CPU time (µs) used so far by a process and its threads, from /proc. */
export function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks / 100) * 1e6;
}

export function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) * 1024;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
