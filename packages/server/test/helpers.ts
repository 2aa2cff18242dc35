/**
 * End-to-end helpers: a real server on an ephemeral port and real WebSocket clients that
 * wait for the frames they expect (no sleeps).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { ClientFrame, ServerFrame, ServerFrameOf, ServerFrameType } from '@charla/protocol';
import { decodeServerFrame, encode } from '@charla/protocol';
import type { RunningServer } from '../src/testing.js';

export { startServer } from '../src/testing.js';
export type { RunningServer } from '../src/testing.js';

export interface Closed {
  readonly code: number;
  readonly reason: string;
}

/** What a test client rides on: a WebSocket, or a TCP line session. */
interface Wire {
  send(text: string): void;
  /** A binary WebSocket frame (WebSocket only). */
  sendBinary(bytes: Buffer): void;
  /** The TCP socket underneath, to cut or stall it. */
  readonly raw: Socket;
  terminate(): void;
}

/**
 * A chat client for tests, over WebSocket (`ws://…/ws`, `wss://…/ws`) or line-JSON TCP
 * (`tcp://host:port`, or `tls://host:port` over TLS): send frames, await the ones you expect.
 * `ca`: the certificate a TLS test server is trusted by (it is verified, never skipped).
 */
export class TestClient {
  /** Frames received and not yet taken by `next`. */
  private readonly inbox: ServerFrame[] = [];
  private readonly waiters: { accepts: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }[] = [];
  /** Every frame ever received, in order. */
  readonly received: ServerFrame[] = [];
  readonly closed: Promise<Closed>;
  private readonly wire: Wire;

  private constructor(connect: (client: TestClient, onClose: (closed: Closed) => void) => Wire) {
    let onClose: (closed: Closed) => void = () => undefined;
    this.closed = new Promise((resolve) => (onClose = resolve));
    this.wire = connect(this, onClose);
  }

  static async open(url: string, headers: Record<string, string> = {}, ca?: string): Promise<TestClient> {
    return url.startsWith('tcp://') || url.startsWith('tls://') ? TestClient.openTcp(new URL(url), ca) : TestClient.openWebSocket(url, headers, ca);
  }

  private static async openWebSocket(url: string, headers: Record<string, string>, ca: string | undefined): Promise<TestClient> {
    const socket = new WebSocket(url, { headers, ...(ca !== undefined && { ca }) });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new TestClient((client, onClose) => {
      socket.on('message', (data) => client.receive(String(data)));
      socket.on('close', (code, reason) => onClose({ code, reason: String(reason) }));
      socket.on('error', () => undefined);
      return {
        send: (text) => socket.send(text),
        sendBinary: (bytes) => socket.send(bytes, { binary: true }),
        raw: (socket as unknown as { _socket: Socket })._socket,
        terminate: () => socket.terminate(),
      };
    });
  }

  private static async openTcp(url: URL, ca: string | undefined): Promise<TestClient> {
    const port = Number(url.port);
    const socket = url.protocol === 'tls:' ? connectTls({ port, host: url.hostname, ca }) : connect(port, url.hostname);
    await once(socket, url.protocol === 'tls:' ? 'secureConnect' : 'connect');
    return new TestClient((client, onClose) => {
      let buffered = '';
      let last: Closed = { code: 1006, reason: 'no cierre line' };
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        buffered += chunk;
        for (let at = buffered.indexOf('\n'); at !== -1; at = buffered.indexOf('\n')) {
          const line = buffered.slice(0, at);
          buffered = buffered.slice(at + 1);
          const frame = client.receive(line);
          if (frame.tipo === 'cierre') last = { code: frame.codigo, reason: frame.motivo };
        }
      });
      socket.on('close', () => onClose(last));
      socket.on('error', () => undefined);
      return {
        send: (text) => socket.write(`${text}\n`),
        sendBinary: () => {
          throw new Error('TCP sessions have no binary frames');
        },
        raw: socket,
        terminate: () => socket.destroy(),
      };
    });
  }

  /** Opens a connection and identifies; resolves with `aceptado` (throws on `rechazado`). */
  static async join(
    url: string,
    nombre: string,
    extra: Partial<ClientFrame & { tipo: 'identificacion' }> = {},
    ca?: string,
  ): Promise<TestClient & { aceptado: ServerFrameOf<'aceptado'> }> {
    const client = await TestClient.open(url, {}, ca);
    client.send({ tipo: 'identificacion', nombre, ...extra });
    const answer = await client.nextOf(['aceptado', 'rechazado']);
    if (answer.tipo !== 'aceptado') throw new Error(`${nombre} was refused: ${JSON.stringify(answer)}`);
    return Object.assign(client, { aceptado: answer });
  }

  send(frame: ClientFrame | string): void {
    this.wire.send(typeof frame === 'string' ? frame : encode(frame));
  }

  sendBinary(bytes: Buffer): void {
    this.wire.sendBinary(bytes);
  }

  /** Writes raw bytes on the TCP socket underneath (TCP sessions: split or bad frames). */
  write(bytes: Buffer | string): void {
    this.wire.raw.write(bytes);
  }

  /** The next frame of type `tipo` (optionally matching `where`), received or to come. */
  next<T extends ServerFrameType>(tipo: T, where: (frame: ServerFrameOf<T>) => boolean = () => true): Promise<ServerFrameOf<T>> {
    const accepts = (f: ServerFrame) => f.tipo === tipo && where(f as ServerFrameOf<T>);
    return this.take(accepts) as Promise<ServerFrameOf<T>>;
  }

  nextOf(tipos: readonly ServerFrameType[]): Promise<ServerFrame> {
    return this.take((f) => tipos.includes(f.tipo));
  }

  /** Frames of `tipo` received so far and not taken. */
  pending(tipo: ServerFrameType): ServerFrame[] {
    return this.inbox.filter((f) => f.tipo === tipo);
  }

  /** Leaves with `desconexion` and waits for the server's close. */
  async leave(): Promise<Closed> {
    this.send({ tipo: 'desconexion' });
    return this.closed;
  }

  /** Ends the TCP connection without a close frame, like a pulled cable. */
  vanish(): void {
    this.wire.raw.destroy();
  }

  /** Stops reading from the socket (a stuck client); the kernel buffers then fill up. */
  stopReading(): void {
    this.wire.raw.pause();
  }

  terminate(): void {
    this.wire.terminate();
  }

  private receive(text: string): ServerFrame {
    const result = decodeServerFrame(text);
    if (!result.ok) throw new Error(`server sent an invalid frame: ${text} (${result.detalle})`);
    this.received.push(result.frame);
    const waiter = this.waiters.findIndex((w) => w.accepts(result.frame));
    if (waiter === -1) this.inbox.push(result.frame);
    else this.waiters.splice(waiter, 1)[0]?.resolve(result.frame);
    return result.frame;
  }

  private take(accepts: (f: ServerFrame) => boolean): Promise<ServerFrame> {
    const index = this.inbox.findIndex(accepts);
    if (index !== -1) return Promise.resolve(this.inbox.splice(index, 1)[0] as ServerFrame);
    return new Promise((resolve) => this.waiters.push({ accepts, resolve }));
  }
}

/** Closes every client and server a test opened, whatever happened in it. */
export class Cleanup {
  private readonly tasks: (() => unknown)[] = [];

  add<T extends TestClient | RunningServer>(thing: T): T {
    this.tasks.push(() => (thing instanceof TestClient ? thing.terminate() : thing.close()));
    return thing;
  }

  async run(): Promise<void> {
    for (const task of this.tasks.splice(0).reverse()) await task();
  }
}

const packageDir = fileURLToPath(new URL('..', import.meta.url));
/** tsx as a loader in the server's own process (its CLI would fork a child that a kill leaves behind). */
const tsxLoader = ['--import', 'tsx', '--conditions=@charla/source'];
const children: ChildProcess[] = [];
const dataDirs: string[] = [];

/** A fresh data dir for a server process, removed by killServers(). */
export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'charla-data-'));
  dataDirs.push(dir);
  return dir;
}

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  /** The port, once the log says the server listens (rejects if it exits first). */
  readonly listening: Promise<number>;
  stdoutSoFar(): string;
}

/**
 * Runs `charla-server` from source as its own process, as a user would run it. Without a
 * `--data-dir` in `args` it gets a fresh temporary one.
 */
export function spawnServer(args: string[], env: Record<string, string> = {}): ServerProcess {
  const dataDir = args.includes('--data-dir') ? [] : ['--data-dir', tempDataDir()];
  const child = spawn(process.execPath, [...tsxLoader, 'src/main.ts', ...dataDir, ...args], {
    cwd: packageDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
    stdout,
    stderr,
  }));
  const listening = new Promise<number>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /Server listening at https?:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
      if (match) resolve(Number(match[1]));
    });
    void exited.then((r) => reject(new Error(`exited ${r.code}: ${r.stderr}`)));
  });
  // Runs expected to exit never listen; only awaiting tests see the rejection.
  listening.catch(() => undefined);
  return { child, exited, listening, stdoutSoFar: () => stdout };
}

/** Kills every server process a test started and removes their data dirs (call in afterEach). */
export async function killServers(): Promise<void> {
  const running = children.splice(0).filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of running) child.kill('SIGKILL');
  await Promise.all(running.map((child) => once(child, 'exit')));
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
