/**
 * The Hub's test harness (used only by tests): a Hub on a memory store whose connections are
 * TestLinks, joined in one call, and the helpers the core's tests share (say, whisper, the
 * frames of one kind, stores that fail or complete on demand). No network.
 */
import type { ServerFrame } from '@charla/protocol';
import { CloseCode } from '@charla/protocol';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import type { HubOptions } from '../core/hub.js';
import { Hub } from '../core/hub.js';
import type { Logger, StoredMessage } from '../core/ports.js';
import { MemoryStore } from '../store/memory-store.js';
import { TestClient, TestLink } from './test-link.js';

export const T0 = Date.parse('2030-01-02T03:04:05.000Z');

export const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export const BASE: Omit<HubOptions, 'store'> = {
  serverName: 'charla-test',
  version: '1.2.3',
  log: silent,
  contentMax: 4000,
  frameMaxBytes: 65_536,
  messagesPer10s: 30,
  identificationMs: 10_000,
  pingMs: 25_000,
  graceMs: 15_000,
  historyOnJoin: 100,
  maxConnections: 1000,
  maxPerAddress: 1000,
  outboundQueueBytes: 1024 * 1024,
};

/** Lets the store's append promises settle, so commits are broadcast and acked. */
export const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

export function setup(options: Partial<HubOptions> = {}) {
  const store = options.store ?? new MemoryStore(10_000);
  const hub = new Hub({ ...BASE, ...options, store });
  const open = (address?: string): TestClient => {
    const link = new TestLink(address);
    return new TestClient(link, hub.connect(link));
  };
  /** A new connection that identifies and must be accepted; its frames so far are drained. */
  const join = (nombre: string, extra: object = {}, address?: string): TestClient => {
    const client = open(address);
    client.send({ tipo: 'identificacion', nombre, ...extra });
    const reply = client.last();
    if (reply?.tipo !== 'aceptado') throw new Error(`${nombre} was not accepted: ${JSON.stringify(reply)}`);
    client.drain();
    return client;
  };
  /** Several users joined, with the join notices they got drained. */
  const room = <N extends string[]>(...names: N): { [K in keyof N]: TestClient } => {
    const clients = names.map((nombre) => join(nombre));
    for (const client of clients) client.drain();
    return clients as { [K in keyof N]: TestClient };
  };
  return { hub, store, open, join, room };
}

export function one<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

export const aceptadoOf = (client: TestClient) => one(client.of('aceptado'));
export const tokenOf = (client: TestClient) => aceptadoOf(client).token;
export const errorCodes = (frames: readonly ServerFrame[]) => frames.flatMap((f) => (f.tipo === 'error' ? [f.codigo] : []));
export const ids = (entries: readonly { id: number }[]) => entries.map((e) => e.id);
export const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export const say = (client: TestClient, contenido: string, extra: object = {}) =>
  client.send({ tipo: 'mensaje', contenido, ...extra });
export const whisper = (client: TestClient, para: string, contenido: string, extra: object = {}) =>
  client.send({ tipo: 'privado', para, contenido, ...extra });

export function expectRejected(client: TestClient, motivo: string): void {
  expect(client.frames).toEqual([{ tipo: 'rechazado', motivo, detalle: expect.any(String) }]);
  expect(client.closeCode).toBe(CloseCode.identificationRefused);
}

/** A store already holding public messages 1..n, their content from `text`. */
export function prefilled(n: number, text: (id: number) => string = (id) => `m${id}`): MemoryStore {
  const store = new MemoryStore(10_000);
  for (const id of range(1, n)) {
    void store.append({
      frame: { tipo: 'mensaje', id, remitente: 'old', contenido: text(id), marca_tiempo: new Date(T0).toISOString() },
      senderLineage: 'old-lineage',
    });
  }
  return store;
}

/** A store whose writes fail: the backend is down. */
export class FailingStore extends MemoryStore {
  override append(): Promise<void> {
    return Promise.reject(new Error('backend down'));
  }
}

/** A store whose writes complete only when the test opens their gate, in any order. */
export class GatedStore extends MemoryStore {
  readonly gates: (() => void)[] = [];
  override append(message: StoredMessage): Promise<void> {
    const written = super.append(message);
    return new Promise((resolve) => this.gates.push(() => void written.then(resolve)));
  }
}

/**
 * Fake timers for every test of the calling file (identification timeout, grace, typing
 * expiry, rate windows), the clock at T0; setImmediate stays real so `flush()` lets the
 * store's append promises settle.
 */
export function useFakeTime(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
