/**
 * Test helpers: the CLI run in-process with fake streams or as its own process from source,
 * a real server, and SDK clients that wait for the frames they expect (no sleeps).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { ServerFrameType } from '@charla/protocol';
import { ChatClient } from '@charla/sdk';
import type { ChatEvents } from '@charla/sdk';
import { startServer } from '@charla/server/testing';
import type { RunningServer } from '@charla/server/testing';
import WebSocket from 'ws';
import type { Io } from '../src/context.js';

const cleanups: (() => unknown)[] = [];

/** Runs what was registered, newest first; call from afterEach. */
export async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

export function onCleanUp(cleanup: () => unknown): void {
  cleanups.push(cleanup);
}

export async function server(overrides: Parameters<typeof startServer>[0] = {}): Promise<RunningServer> {
  const running = await startServer(overrides);
  onCleanUp(() => running.close());
  return running;
}

/** An SDK client in the chat, to send, watch and check what the CLI did. */
export async function member(url: string, nombre: string): Promise<ChatClient> {
  const client = new ChatClient({ WebSocket, reconnect: false });
  onCleanUp(() => client.disconnect());
  await client.connect({ url, nombre });
  return client;
}

/** The next frame of type `tipo` that `accepts`, resolved when it arrives. */
export function next<T extends ServerFrameType>(client: ChatClient, tipo: T, accepts: (frame: ChatEvents[T]) => boolean = () => true): Promise<ChatEvents[T]> {
  return new Promise((resolve) => {
    const off = client.on(tipo, (frame) => {
      if (!accepts(frame)) return;
      off();
      resolve(frame);
    });
  });
}

/** Resolves when `nombre` joins, or at once when already in (as the client last heard). */
export function joined(client: ChatClient, nombre: string): Promise<unknown> {
  if (client.getSnapshot().users.includes(nombre)) return Promise.resolve();
  return next(client, 'usuario_conectado', (frame) => frame.nombre === nombre);
}

// ------------------------------------------------------------------ in-process

export interface FakeIo {
  readonly io: Io;
  stdout(): string;
  stderr(): string;
}

/** Streams for `run()`: stdin is not a terminal unless `tty`; stdout is one when `ttyOut`. */
export function fakeIo(env: Record<string, string> = {}, options: { tty?: boolean; ttyOut?: boolean } = {}): FakeIo {
  const stdin = Object.assign(new PassThrough(), { isTTY: options.tty ?? false });
  const stdout = Object.assign(new PassThrough(), { isTTY: options.ttyOut ?? false });
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return {
    io: { stdin, stdout, stderr, env } as unknown as Io,
    stdout: () => out,
    stderr: () => err,
  };
}

// ------------------------------------------------------------------ as a process

/** tsx's CLI (it relays SIGINT/SIGTERM to the CLI it runs, which the terminal tests rely on). */
export const TSX_CLI = createRequire(import.meta.url).resolve('tsx/cli');
export const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
/** The command line that runs the CLI from source, as `node dist/main.js` would run. */
export const CHARLA = [process.execPath, TSX_CLI, '--conditions=@charla/source', MAIN] as const;

/**
 * The environment a run starts from: no CHARLA_*, colour or language settings of the
 * developer's; English unless `extra` says otherwise.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const mine = (key: string) => key.startsWith('CHARLA_') || key.startsWith('LC_') || ['NO_COLOR', 'FORCE_COLOR', 'LANG', 'LANGUAGE'].includes(key);
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !mine(key)));
  return { ...env, LANG: 'en_US.UTF-8', ...extra };
}

export interface Run {
  readonly child: ChildProcess;
  /** Resolves when stdout, so far, contains `text`. */
  printed(text: string): Promise<string>;
  /** Resolves when the process ends. */
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts `charla ARGS...` from source (in `cwd`, or here); `input` is written to its stdin, which then ends. */
export function charla(args: readonly string[], options: { env?: Record<string, string>; input?: string; cwd?: string } = {}): Run {
  const [node, ...rest] = CHARLA;
  const child = spawn(node, [...rest, ...args], { env: cleanEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'], ...(options.cwd !== undefined && { cwd: options.cwd }) });
  onCleanUp(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  if (options.input === undefined) child.stdin.end();
  else child.stdin.end(options.input);
  const done = once(child, 'close').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null, stdout, stderr }));
  const printed = (text: string) =>
    new Promise<string>((resolve) => {
      const check = () => {
        if (!stdout.includes(text)) return;
        child.stdout.off('data', check);
        resolve(stdout);
      };
      child.stdout.on('data', check);
      check();
    });
  return { child, printed, done };
}
