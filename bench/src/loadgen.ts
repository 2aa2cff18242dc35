/**
 * The load generator, forked by run.ts and pinned to its own CPU: N raw WebSocket clients
 * (identified, for charla), S of which send at a fixed total rate with a timestamp in each
 * message; every client measures the latency of what it receives. Bounded in time.
 * Talks to its parent over IPC: {connect} -> {ready}, {load} -> {result}, {stop}.
 */
import { encode } from '@charla/protocol';
import { openRaw, startsWith } from './wire.js';
import type { RawClient } from './wire.js';

export type ServerKind = 'charla' | 'ws-idiomatic' | 'ws-frame-once' | 'socketio';

export interface LoadRequest {
  readonly rate: number;
  readonly senders: number;
  readonly seconds: number;
}

/** How long N clients took to connect (and identify, for charla). */
export interface ConnectResult {
  readonly clients: number;
  readonly seconds: number;
  readonly perSecond: number;
}

export interface LoadResult {
  readonly offered: number;
  readonly expected: number;
  readonly delivered: number;
  readonly seconds: number;
  /** When the last message went out: past the probe's `seconds`, this process could not keep the rate. */
  readonly sendSeconds: number;
  readonly latencyMs: { p50: number; p99: number; p999: number; max: number };
}

type Message =
  /** Clients go to the ports in turn (several cluster nodes), or all to `port`. */
  | { type: 'connect'; kind: ServerKind; port: number; ports?: number[]; clients: number }
  | { type: 'load'; request: LoadRequest }
  | { type: 'stop' };

const BODY = 'x'.repeat(64);
const MAX_SAMPLES = 5_000_000;
const latencies = new Float64Array(MAX_SAMPLES);
let samples = 0;
let delivered = 0;
let recording = false;
let clients: RawClient[] = [];
let kind: ServerKind = 'ws-idiomatic';

const CHARLA_MESSAGE = Buffer.from('{"tipo":"mensaje"');
const CHARLA_CONTENT = Buffer.from('"contenido":"');
const CHARLA_ACCEPTED = Buffer.from('{"tipo":"aceptado"');
const SOCKETIO_EVENT = Buffer.from('42["m","');
const SOCKETIO_OPEN = Buffer.from('0{');
const SOCKETIO_CONNECTED = Buffer.from('40');
const SOCKETIO_PING = Buffer.from('2');
const PIPE = 0x7c;

/** The send time in a frame (`<time>|<body>` in each server's message shape), read from its bytes. */
function stamp(data: Buffer, start: number, end: number): number | undefined {
  let at = start;
  if (kind === 'charla') {
    if (!startsWith(data, start, end, CHARLA_MESSAGE)) return undefined;
    const found = data.indexOf(CHARLA_CONTENT, start);
    if (found === -1 || found >= end) return undefined;
    at = found + CHARLA_CONTENT.length;
  } else if (kind === 'socketio') {
    if (!startsWith(data, start, end, SOCKETIO_EVENT)) return undefined;
    at = start + SOCKETIO_EVENT.length;
  }
  const pipe = data.indexOf(PIPE, at);
  return pipe === -1 || pipe >= end ? undefined : Number(data.toString('latin1', at, pipe));
}

function onText(client: RawClient, data: Buffer, start: number, end: number): void {
  if (kind === 'socketio' && end - start === 1 && startsWith(data, start, end, SOCKETIO_PING)) {
    client.send('3'); // Engine.IO ping
    return;
  }
  if (!recording) return;
  const sent = stamp(data, start, end);
  if (sent === undefined) return;
  delivered++;
  if (samples < MAX_SAMPLES) latencies[samples++] = performance.now() - sent;
}

/** Refs must be unique for the whole run: charla acks a repeated ref again without delivering. */
let nextRef = 0;

function outgoing(): string {
  const payload = `${performance.now()}|${BODY}`;
  if (kind === 'charla') return encode({ tipo: 'mensaje', contenido: payload, ref: String(nextRef++) });
  if (kind === 'socketio') return `42["m","${payload}"]`;
  return payload;
}

/** Connections in flight at once while connecting. */
const CONNECT_BATCH = 100;
/** Source addresses rotate over 127.0.0.1-4, so 10,000+ clients never run out of ports. */
const SOURCE_ADDRESSES = 4;

async function connectAll(ports: readonly number[], count: number): Promise<ConnectResult> {
  const path = kind === 'charla' ? '/ws' : kind === 'socketio' ? '/socket.io/?EIO=4&transport=websocket' : '/';
  const opened: RawClient[] = [];
  const started = performance.now();
  for (let batch = 0; batch < count; batch += CONNECT_BATCH) {
    const size = Math.min(CONNECT_BATCH, count - batch);
    await Promise.all(
      Array.from({ length: size }, async (_, i) => {
        let ready!: () => void;
        const identified = new Promise<void>((resolve) => (ready = resolve));
        const source = `127.0.0.${1 + ((batch + i) % SOURCE_ADDRESSES)}`;
        const client = await openRaw(ports[(batch + i) % ports.length] as number, path, source, (c, data, start, end) => {
          if (kind === 'charla' && startsWith(data, start, end, CHARLA_ACCEPTED)) ready();
          else if (kind === 'socketio' && startsWith(data, start, end, SOCKETIO_OPEN)) c.send('40');
          else if (kind === 'socketio' && startsWith(data, start, end, SOCKETIO_CONNECTED)) ready();
          else onText(c, data, start, end);
        });
        if (kind === 'charla') client.send(encode({ tipo: 'identificacion', nombre: `b${batch + i}` }));
        if (kind === 'ws-idiomatic' || kind === 'ws-frame-once') ready();
        await identified;
        opened.push(client);
      }),
    );
  }
  clients = opened;
  const seconds = (performance.now() - started) / 1000;
  return { clients: count, seconds: round(seconds), perSecond: Math.round(count / seconds) };
}

async function load({ rate, senders, seconds }: LoadRequest): Promise<LoadResult> {
  samples = 0;
  delivered = 0;
  recording = true;
  const tickMs = 5;
  const total = Math.round(rate * seconds);
  let sent = 0;
  let debt = 0;
  const started = performance.now();
  let sendSeconds = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      debt += (rate * tickMs) / 1000;
      while (debt >= 1 && sent < total) {
        (clients[sent % senders] as RawClient).send(outgoing());
        sent++;
        debt--;
      }
      if (sent >= total || performance.now() - started > seconds * 1000 + 2000) {
        sendSeconds = round((performance.now() - started) / 1000);
        clearInterval(timer);
        resolve();
      }
    }, tickMs);
  });
  const expected = sent * clients.length;
  // Let the tail arrive, up to 3 s (what is still missing then is counted as lost).
  const drainUntil = performance.now() + 3000;
  while (delivered < expected && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 20));
  recording = false;
  const sorted = latencies.subarray(0, samples).sort();
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return {
    offered: sent,
    expected,
    delivered,
    seconds: round((performance.now() - started) / 1000),
    sendSeconds,
    latencyMs: { p50: at(0.5), p99: at(0.99), p999: at(0.999), max: round(sorted[sorted.length - 1] ?? 0) },
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

process.on('message', (message: Message) => {
  void (async () => {
    if (message.type === 'connect') {
      kind = message.kind;
      process.send?.({ type: 'ready', result: await connectAll(message.ports ?? [message.port], message.clients) });
    } else if (message.type === 'load') {
      process.send?.({ type: 'result', result: await load(message.request) });
    } else {
      for (const client of clients) client.socket.destroy();
      process.exit(0);
    }
  })().catch((error: unknown) => {
    process.send?.({ type: 'error', message: String(error) });
    process.exit(1);
  });
});
