/**
 * The Hub's rules (docs/protocol.md), with no network: every connection is a TestLink that records
 * the frames the Hub sent it. Timers are fake (identification timeout, grace, typing expiry,
 * rate windows); setImmediate stays real so `flush()` lets the store's append promises settle.
 */
import type { ServerFrame } from '@charla/protocol';
import { CloseCode, LIST_FRAME_MAX_BYTES } from '@charla/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryStore } from '../store/memory-store.js';
import type { HubOptions } from './hub.js';
import type { Logger, StoredMessage } from './ports.js';
import { Hub } from './hub.js';
import { TestClient, TestLink } from '../testing/test-link.js';

// ------------------------------------------------------------------ harness

const T0 = Date.parse('2030-01-02T03:04:05.000Z');

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

const BASE: Omit<HubOptions, 'store'> = {
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
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

function setup(options: Partial<HubOptions> = {}) {
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

function one<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

const aceptadoOf = (client: TestClient) => one(client.of('aceptado'));
const tokenOf = (client: TestClient) => aceptadoOf(client).token;
const errorCodes = (frames: readonly ServerFrame[]) => frames.flatMap((f) => (f.tipo === 'error' ? [f.codigo] : []));
const ids = (entries: readonly { id: number }[]) => entries.map((e) => e.id);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const say = (client: TestClient, contenido: string, extra: object = {}) =>
  client.send({ tipo: 'mensaje', contenido, ...extra });
const whisper = (client: TestClient, para: string, contenido: string, extra: object = {}) =>
  client.send({ tipo: 'privado', para, contenido, ...extra });

function expectRejected(client: TestClient, motivo: string): void {
  expect(client.frames).toEqual([{ tipo: 'rechazado', motivo, detalle: expect.any(String) }]);
  expect(client.closeCode).toBe(CloseCode.identificationRefused);
}

/** A store already holding public messages 1..n, their content from `text`. */
function prefilled(n: number, text: (id: number) => string = (id) => `m${id}`): MemoryStore {
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
class FailingStore extends MemoryStore {
  override append(): Promise<void> {
    return Promise.reject(new Error('backend down'));
  }
}

/** A store whose writes complete only when the test opens their gate, in any order. */
class GatedStore extends MemoryStore {
  readonly gates: (() => void)[] = [];
  override append(message: StoredMessage): Promise<void> {
    const written = super.append(message);
    return new Promise((resolve) => this.gates.push(() => void written.then(resolve)));
  }
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(T0);
});

afterEach(() => {
  vi.useRealTimers();
});

// ------------------------------------------------------------------ identification

describe('identification', () => {
  it('answers aceptado with the display name, users, newest history oldest first, token, server and limits', () => {
    const { join } = setup({
      store: prefilled(5),
      historyOnJoin: 3,
      contentMax: 500,
      frameMaxBytes: 2048,
      messagesPer10s: 7,
      identificationMs: 1234,
      pingMs: 4321,
      graceMs: 999,
    });
    join('Bea');
    const ana = join(' Ana ');
    const aceptado = aceptadoOf(ana);
    expect(aceptado).toEqual({
      tipo: 'aceptado',
      nombre: 'Ana',
      protocolo: 1,
      reanudado: false,
      usuarios: expect.any(Array),
      historial: range(3, 5).map((id) => expect.objectContaining({ tipo: 'mensaje', id, contenido: `m${id}` })),
      historial_incompleto: false,
      ultimo_id: 5,
      token: expect.any(String),
      servidor: { nombre: 'charla-test', version: '1.2.3' },
      limites: {
        contenido_max: 500,
        trama_max_bytes: 2048,
        mensajes_por_10s: 7,
        identificacion_ms: 1234,
        ping_ms: 4321,
        gracia_ms: 999,
      },
    });
    expect([...aceptado.usuarios].sort()).toEqual(['Ana', 'Bea']);
  });

  it('keeps the display form of the name (case kept, NFKC applied)', () => {
    const { join } = setup();
    expect(aceptadoOf(join('McKenzie')).nombre).toBe('McKenzie');
    expect(aceptadoOf(join('Ｚoë')).nombre).toBe('Zoë');
  });

  it('issues a distinct base64url token of at least 128 random bits per session', () => {
    const { join } = setup();
    const tokens = ['ana', 'bea', 'carl'].map((name) => tokenOf(join(name)));
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
    }
    expect(new Set(tokens).size).toBe(3);
  });

  it('tells the other identified clients usuario_conectado, but not the joiner nor unidentified connections', () => {
    const { open, join } = setup();
    const ana = join('ana');
    const lurker = open();
    const bea = join('bea');
    expect(ana.drain()).toEqual([{ tipo: 'usuario_conectado', nombre: 'bea', marca_tiempo: new Date(T0).toISOString() }]);
    expect(bea.drain()).toEqual([]);
    expect(lurker.frames).toEqual([]);
  });

  it.each([
    ['the same name', 'ana', 'ana'],
    ['a case variant', 'ana', 'ANA'],
    ['a fullwidth variant', 'ana', 'ａｎａ'],
    ['a confusable in another script', 'ace', 'асе'],
  ])('refuses %s of a name in use with nombre_duplicado and close 4001', (_, first, second) => {
    const { open, join } = setup();
    const holder = join(first);
    const client = open();
    client.send({ tipo: 'identificacion', nombre: second });
    expectRejected(client, 'nombre_duplicado');
    expect(holder.drain()).toEqual([]);
  });

  it.each([
    ['mixed scripts', 'аlice'],
    ['an empty name', ''],
    ['a blank name', '   '],
    ['33 code points', 'a'.repeat(33)],
    ['a zero-width space', 'ali\u200Bce'],
    ['a bidi control', '\u202Eana'],
    ['a space inside', 'ana maria'],
  ])('refuses a name with %s as nombre_invalido and close 4001', (_, nombre) => {
    const { open, join } = setup();
    const other = join('observer');
    const client = open();
    client.send({ tipo: 'identificacion', nombre });
    expectRejected(client, 'nombre_invalido');
    expect(other.drain()).toEqual([]);
  });

  it('accepts a name of exactly 32 code points', () => {
    const { join } = setup();
    expect(aceptadoOf(join('é'.repeat(32))).nombre).toBe('é'.repeat(32));
  });

  it.each(['admin', 'Servidor', 'SISTEMA', 'ａdmin', 'moderador'])('refuses the reserved name %s', (nombre) => {
    const { open } = setup({ reservedNames: ['Moderador'] });
    const client = open();
    client.send({ tipo: 'identificacion', nombre });
    expectRejected(client, 'nombre_invalido');
  });

  it('refuses protocolo 2 with version_no_soportada and accepts protocolo 1', () => {
    const { open, join } = setup();
    const client = open();
    client.send({ tipo: 'identificacion', nombre: 'ana', protocolo: 2 });
    expectRejected(client, 'version_no_soportada');
    expect(aceptadoOf(join('ana', { protocolo: 1 })).protocolo).toBe(1);
  });

  it.each([
    ['missing', {}],
    ['wrong', { clave: 'abierto' }],
    ['truncated', { clave: 's3cr' }],
  ])('refuses a %s join secret with clave_incorrecta when one is configured', (_, extra) => {
    const { open } = setup({ joinSecret: 's3creto' });
    const client = open();
    client.send({ tipo: 'identificacion', nombre: 'ana', ...extra });
    expectRejected(client, 'clave_incorrecta');
  });

  it('accepts the right join secret', () => {
    const { join } = setup({ joinSecret: 's3creto' });
    expect(aceptadoOf(join('ana', { clave: 's3creto' })).nombre).toBe('ana');
  });

  it('refuses with no_aceptando while not accepting, and accepts again afterwards', () => {
    const { hub, open, join } = setup();
    hub.setAccepting(false);
    const client = open();
    client.send({ tipo: 'identificacion', nombre: 'ana' });
    expectRejected(client, 'no_aceptando');
    hub.setAccepting(true);
    expect(aceptadoOf(join('ana')).nombre).toBe('ana');
  });

  it('refuses past maxConnections with servidor_lleno, counting every connection', () => {
    const { open, join } = setup({ maxConnections: 2 });
    const ana = join('ana', {}, '198.51.100.1');
    open('198.51.100.2'); // unidentified, but a connection
    const third = open('198.51.100.3');
    third.send({ tipo: 'identificacion', nombre: 'carl' });
    expectRejected(third, 'servidor_lleno');
    ana.send({ tipo: 'desconexion' });
    expect(aceptadoOf(join('carl', {}, '198.51.100.4')).nombre).toBe('carl');
  });

  it('refuses past maxPerAddress with servidor_lleno, other addresses still welcome', () => {
    const { open, join } = setup({ maxPerAddress: 1 });
    join('ana', {}, '198.51.100.1');
    const again = open('198.51.100.1');
    again.send({ tipo: 'identificacion', nombre: 'bea' });
    expectRejected(again, 'servidor_lleno');
    expect(aceptadoOf(join('bea', {}, '198.51.100.2')).nombre).toBe('bea');
  });

  it('closes a connection that does not identify within identificationMs with 4002', () => {
    const { open, join } = setup({ identificationMs: 500 });
    const silentOne = open();
    const ana = join('ana');
    vi.advanceTimersByTime(499);
    expect(silentOne.closeCode).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(silentOne.closeCode).toBe(CloseCode.identificationTimeout);
    expect(ana.closeCode).toBeUndefined();
    expect(ana.drain()).toEqual([]);
  });

  it('answers frames before identification with no_identificado (ref echoed) and never broadcasts them', async () => {
    const { open, join } = setup();
    const ana = join('ana');
    const stranger = open();
    say(stranger, 'hola', { ref: 'r1' });
    whisper(stranger, 'ana', 'psst');
    stranger.send({ tipo: 'ping', ref: 'p1' });
    await flush();
    expect(stranger.frames).toEqual([
      { tipo: 'error', codigo: 'no_identificado', detalle: expect.any(String), ref: 'r1' },
      { tipo: 'error', codigo: 'no_identificado', detalle: expect.any(String) },
      { tipo: 'error', codigo: 'no_identificado', detalle: expect.any(String), ref: 'p1' },
    ]);
    expect(ana.drain()).toEqual([]);
    expect(stranger.closeCode).toBeUndefined();
    stranger.send({ tipo: 'identificacion', nombre: 'bea' });
    expect(stranger.last()).toMatchObject({ tipo: 'aceptado', nombre: 'bea' });
  });

  it('answers a second identificacion with ya_identificado and keeps the session', () => {
    const { join } = setup();
    const ana = join('ana');
    ana.send({ tipo: 'identificacion', nombre: 'otra' });
    expect(errorCodes(ana.drain())).toEqual(['ya_identificado']);
    expect(ana.closeCode).toBeUndefined();
    ana.send({ tipo: 'usuarios' });
    expect(ana.last()).toMatchObject({ tipo: 'usuarios', usuarios: [{ nombre: 'ana' }] });
  });

  it('answers an identificacion that fails the schema with trama_invalida and stays unidentified', () => {
    const { open } = setup();
    const client = open();
    client.send({ tipo: 'identificacion', nombre: 5 });
    expect(errorCodes(client.drain())).toEqual(['trama_invalida']);
    expect(client.closeCode).toBeUndefined();
    say(client, 'hola');
    expect(errorCodes(client.drain())).toEqual(['no_identificado']);
    client.send({ tipo: 'identificacion', nombre: 'ana' });
    expect(client.last()).toMatchObject({ tipo: 'aceptado', nombre: 'ana' });
  });
});

// ------------------------------------------------------------------ malformed frames, order of checks

describe('malformed frames and the order of checks', () => {
  it.each([
    ['json_invalido', 'text that is not JSON', '{nope'],
    ['trama_invalida', 'a JSON value that is not an object', '[1,2]'],
    ['trama_invalida', 'an unknown tipo', '{"tipo":"bailar"}'],
    ['trama_invalida', 'a missing tipo', '{"contenido":"hola"}'],
    ['trama_invalida', 'a schema failure', '{"tipo":"mensaje","contenido":5}'],
  ])('answers %s to %s and the connection stays up', async (codigo, _, text) => {
    const { join } = setup();
    const ana = join('ana');
    const bea = join('bea');
    ana.raw(text);
    await flush();
    expect(errorCodes(ana.drain())).toEqual([codigo]);
    expect(ana.closeCode).toBeUndefined();
    expect(bea.drain()).toEqual([]);
    ana.send({ tipo: 'ping', ref: 'still' });
    expect(ana.last()).toEqual({ tipo: 'pong', ref: 'still' });
  });

  it('echoes the ref of a frame refused by the schema', () => {
    const { join } = setup();
    const ana = join('ana');
    ana.send({ tipo: 'mensaje', contenido: 5, ref: 'r9' });
    expect(ana.last()).toMatchObject({ tipo: 'error', codigo: 'trama_invalida', ref: 'r9' });
  });

  it('checks trama_invalida before no_identificado', () => {
    const { open } = setup();
    const client = open();
    client.send({ tipo: 'bailar' });
    client.send({ tipo: 'mensaje' });
    expect(errorCodes(client.frames)).toEqual(['trama_invalida', 'trama_invalida']);
  });

  it('checks origen_invalido before contenido_vacio', () => {
    const { join } = setup();
    const ana = join('ana');
    say(ana, '   ', { remitente: 'bea' });
    expect(errorCodes(ana.drain())).toEqual(['origen_invalido']);
  });

  it('checks contenido_vacio and demasiado_grande before limite_de_frecuencia', async () => {
    const { join } = setup({ messagesPer10s: 2, contentMax: 10 });
    const ana = join('ana');
    say(ana, 'uno');
    say(ana, 'dos');
    await flush();
    ana.drain();
    say(ana, ' ');
    say(ana, 'x'.repeat(11));
    say(ana, 'tres');
    expect(errorCodes(ana.drain())).toEqual(['contenido_vacio', 'demasiado_grande', 'limite_de_frecuencia']);
  });

  it('checks limite_de_frecuencia before destinatario_desconocido', async () => {
    const { join } = setup({ messagesPer10s: 1 });
    const ana = join('ana');
    say(ana, 'uno');
    await flush();
    ana.drain();
    whisper(ana, 'nadie', 'hola');
    expect(errorCodes(ana.drain())).toEqual(['limite_de_frecuencia']);
  });
});

// ------------------------------------------------------------------ mensaje

describe('mensaje', () => {
  it('is broadcast to every identified client, the sender included, with increasing ids and the server time', async () => {
    const { open, join } = setup({ store: prefilled(7) });
    const ana = join('ana');
    const bea = join('bea');
    const lurker = open();
    ana.drain();
    vi.advanceTimersByTime(1500);
    say(ana, 'hola');
    say(bea, 'qué tal', { marca_tiempo: '1999-12-31T23:59:59.000Z' });
    await flush();
    const expected = [
      { tipo: 'mensaje', id: 8, remitente: 'ana', contenido: 'hola', marca_tiempo: '2030-01-02T03:04:06.500Z' },
      { tipo: 'mensaje', id: 9, remitente: 'bea', contenido: 'qué tal', marca_tiempo: '2030-01-02T03:04:06.500Z' },
    ];
    expect(ana.drain()).toEqual(expected);
    expect(bea.drain()).toEqual(expected);
    expect(lurker.frames).toEqual([]);
  });

  it('stores and sends the content as written, white space included', async () => {
    const { join } = setup();
    const ana = join('ana');
    say(ana, '  hola\n  mundo  ');
    await flush();
    expect(one(ana.of('mensaje')).contenido).toBe('  hola\n  mundo  ');
  });

  it('accepts a seed-style message whose remitente is the session name', async () => {
    const { join } = setup();
    const ana = join('Ana');
    const bea = join('bea');
    say(ana, 'hola', { remitente: 'Ana', marca_tiempo: '2024-01-01T00:00:00' });
    await flush();
    expect(errorCodes(ana.frames)).toEqual([]);
    expect(bea.drain()).toEqual([expect.objectContaining({ tipo: 'mensaje', remitente: 'Ana', contenido: 'hola' })]);
  });

  it('refuses a forged remitente with origen_invalido (ref echoed) and broadcasts nothing', async () => {
    const [ana, bea] = setup().room('ana', 'bea');
    say(ana, 'soy bea', { remitente: 'bea', marca_tiempo: '2024-01-01T00:00:00', ref: 'f1' });
    await flush();
    expect(ana.drain()).toEqual([expect.objectContaining({ tipo: 'error', codigo: 'origen_invalido', ref: 'f1' })]);
    expect(bea.drain()).toEqual([]);
  });

  it.each(['', '   ', ' \n\t\u3000 '])('refuses white-space-only content %j with contenido_vacio', async (contenido) => {
    const [ana, bea] = setup().room('ana', 'bea');
    say(ana, contenido, { ref: 'e1' });
    await flush();
    expect(ana.drain()).toEqual([expect.objectContaining({ tipo: 'error', codigo: 'contenido_vacio', ref: 'e1' })]);
    expect(bea.drain()).toEqual([]);
  });

  it('counts contenido_max in code points: 4000 emoji pass, 4001 are demasiado_grande', async () => {
    const { join } = setup({ contentMax: 4000 });
    const ana = join('ana');
    say(ana, '😀'.repeat(4000), { ref: 'ok' });
    say(ana, '😀'.repeat(4001), { ref: 'big' });
    await flush();
    const frames = ana.drain();
    expect(frames.filter((f) => f.tipo === 'mensaje')).toHaveLength(1);
    expect(frames).toContainEqual({ tipo: 'acuse', ref: 'ok', id: 1 });
    expect(frames).toContainEqual(expect.objectContaining({ tipo: 'error', codigo: 'demasiado_grande', ref: 'big' }));
  });

  it('acks only a message that carried a ref, to the sender only', async () => {
    const { join } = setup();
    const ana = join('ana');
    const bea = join('bea');
    say(ana, 'sin ref');
    say(ana, 'con ref', { ref: 'r1' });
    await flush();
    expect(ana.of('acuse')).toEqual([{ tipo: 'acuse', ref: 'r1', id: 2 }]);
    expect(bea.of('acuse')).toEqual([]);
  });

  it('is idempotent by ref: a re-send gets the same acuse and is delivered once', async () => {
    const { join } = setup();
    const ana = join('ana');
    const bea = join('bea');
    say(ana, 'hola', { ref: 'r1' });
    await flush();
    say(ana, 'hola', { ref: 'r1' });
    await flush();
    expect(ana.of('acuse')).toEqual([
      { tipo: 'acuse', ref: 'r1', id: 1 },
      { tipo: 'acuse', ref: 'r1', id: 1 },
    ]);
    expect(ana.of('mensaje')).toHaveLength(1);
    expect(bea.of('mensaje')).toHaveLength(1);
  });

  it('acks a re-send made while the first write is pending too, once it is durable (docs/protocol.md: the same acuse again)', async () => {
    const store = new GatedStore(100);
    const { join } = setup({ store });
    const ana = join('ana');
    say(ana, 'hola', { ref: 'r1' });
    say(ana, 'hola', { ref: 'r1' });
    await flush();
    expect(ana.drain()).toEqual([]);
    one(store.gates)();
    await flush();
    const acuse = { tipo: 'acuse', ref: 'r1', id: 1 };
    expect(ana.drain()).toEqual([expect.objectContaining({ tipo: 'mensaje', id: 1 }), acuse, acuse]);
  });

  it('is broadcast and acked only once the store accepted it, always in id order', async () => {
    const store = new GatedStore(100);
    const [ana, bea] = setup({ store }).room('ana', 'bea');
    say(ana, 'primero', { ref: 'a' });
    say(ana, 'segundo', { ref: 'b' });
    await flush();
    expect(ana.drain()).toEqual([]);
    expect(bea.drain()).toEqual([]);
    store.gates[1]?.(); // the second write completes first
    await flush();
    expect(bea.drain()).toEqual([]);
    store.gates[0]?.();
    await flush();
    expect(ids(bea.of('mensaje'))).toEqual([1, 2]);
    expect(ana.drain().map((f) => f.tipo)).toEqual(['mensaje', 'acuse', 'mensaje', 'acuse']);
  });
});

// ------------------------------------------------------------------ rate limits and refusals

describe('rate limits', () => {
  it('refuses the 31st mensaje within 10 s with limite_de_frecuencia, and allows it after the window', async () => {
    const { join } = setup();
    const ana = join('ana');
    const bea = join('bea');
    for (let i = 1; i <= 30; i++) say(ana, `m${i}`);
    say(ana, 'uno de más', { ref: 'extra' });
    await flush();
    expect(ana.drain()).toContainEqual(expect.objectContaining({ tipo: 'error', codigo: 'limite_de_frecuencia', ref: 'extra' }));
    expect(bea.drain()).toHaveLength(30);
    vi.advanceTimersByTime(9_999);
    say(ana, 'aún no');
    expect(errorCodes(ana.drain())).toEqual(['limite_de_frecuencia']);
    vi.advanceTimersByTime(1);
    say(ana, 'ya sí');
    await flush();
    expect(ana.drain()).toEqual([expect.objectContaining({ tipo: 'mensaje', contenido: 'ya sí' })]);
  });

  it('counts privado in the same budget as mensaje', async () => {
    const { join } = setup();
    const ana = join('ana');
    join('bea');
    for (let i = 1; i <= 20; i++) say(ana, `m${i}`);
    for (let i = 1; i <= 10; i++) whisper(ana, 'bea', `p${i}`);
    say(ana, 'uno de más');
    whisper(ana, 'bea', 'otro de más');
    await flush();
    expect(errorCodes(ana.drain())).toEqual(['limite_de_frecuencia', 'limite_de_frecuencia']);
  });

  it('allows historial + usuarios 5 per 10 s', () => {
    const { join } = setup();
    const ana = join('ana');
    for (const tipo of ['historial', 'usuarios', 'historial', 'usuarios', 'historial']) ana.send({ tipo });
    expect(ana.drain().map((f) => f.tipo)).toEqual(['historial', 'usuarios', 'historial', 'usuarios', 'historial']);
    ana.send({ tipo: 'usuarios' });
    ana.send({ tipo: 'historial' });
    expect(errorCodes(ana.drain())).toEqual(['limite_de_frecuencia', 'limite_de_frecuencia']);
    vi.advanceTimersByTime(10_000);
    ana.send({ tipo: 'usuarios' });
    expect(ana.drain().map((f) => f.tipo)).toEqual(['usuarios']);
  });

  it('drops escribiendo past 1 per second silently: no error, no broadcast', () => {
    const { join } = setup();
    const ana = join('ana');
    const bea = join('bea');
    ana.drain();
    ana.send({ tipo: 'escribiendo', activo: true });
    vi.advanceTimersByTime(100);
    ana.send({ tipo: 'escribiendo', activo: false });
    vi.advanceTimersByTime(100);
    ana.send({ tipo: 'escribiendo', activo: true }); // within the second: dropped
    expect(bea.drain()).toEqual([
      { tipo: 'escribiendo', nombre: 'ana', activo: true },
      { tipo: 'escribiendo', nombre: 'ana', activo: false },
    ]);
    expect(ana.drain()).toEqual([]);
    vi.advanceTimersByTime(800);
    ana.send({ tipo: 'escribiendo', activo: true });
    expect(bea.drain()).toEqual([{ tipo: 'escribiendo', nombre: 'ana', activo: true }]);
  });
});

describe('refused frames', () => {
  it('closes the connection with 1008 at the 20th refused frame within 10 s', () => {
    const { join } = setup();
    const ana = join('ana');
    for (let i = 0; i < 19; i++) ana.raw('{nope');
    expect(ana.closeCode).toBeUndefined();
    say(ana, '   ');
    expect(ana.closeCode).toBe(CloseCode.policy);
  });

  it('counts refusals before identification too', () => {
    const { open } = setup();
    const client = open();
    for (let i = 0; i < 20; i++) client.send({ tipo: 'ping' });
    expect(client.closeCode).toBe(CloseCode.policy);
  });

  it('only counts refusals within the last 10 s', () => {
    const { join } = setup();
    const ana = join('ana');
    for (let i = 0; i < 19; i++) ana.raw('{nope');
    vi.advanceTimersByTime(10_000);
    for (let i = 0; i < 19; i++) ana.raw('{nope');
    expect(ana.closeCode).toBeUndefined();
  });

  it('answers a message the store cannot accept with no_disponible (ref echoed), broadcasts nothing and does not count it', async () => {
    const { join } = setup({ store: new FailingStore(100) });
    const ana = join('ana');
    const bea = join('bea');
    ana.drain();
    for (let i = 1; i <= 25; i++) say(ana, `m${i}`, { ref: `r${i}` });
    await flush();
    const frames = ana.drain();
    expect(frames).toHaveLength(25);
    expect(frames).toEqual(
      range(1, 25).map((i) => ({ tipo: 'error', codigo: 'no_disponible', detalle: expect.any(String), ref: `r${i}` })),
    );
    expect(bea.drain()).toEqual([]);
    expect(ana.closeCode).toBeUndefined();
  });
});

// ------------------------------------------------------------------ privado

describe('privado', () => {
  it('is delivered to the recipient and the sender only, sharing the id sequence', async () => {
    const { join } = setup();
    const ana = join('ana');
    const bea = join('bea');
    const carl = join('carl');
    ana.drain();
    bea.drain();
    say(carl, 'público');
    whisper(ana, 'bea', 'secreto', { ref: 'p1' });
    await flush();
    const privado = { tipo: 'privado', id: 2, remitente: 'ana', para: 'bea', contenido: 'secreto', marca_tiempo: expect.any(String) };
    expect(ana.drain()).toEqual([expect.objectContaining({ id: 1 }), privado, { tipo: 'acuse', ref: 'p1', id: 2 }]);
    expect(bea.drain()).toEqual([expect.objectContaining({ id: 1 }), privado]);
    expect(carl.drain()).toEqual([expect.objectContaining({ id: 1 })]);
  });

  it('refuses an unknown recipient with destinatario_desconocido and delivers nothing', async () => {
    const [ana, bea] = setup().room('ana', 'bea');
    whisper(ana, 'nadie', 'hola', { ref: 'x' });
    whisper(ana, 'аlice', 'hola'); // not even a valid name
    await flush();
    expect(ana.drain()).toEqual([
      expect.objectContaining({ tipo: 'error', codigo: 'destinatario_desconocido', ref: 'x' }),
      expect.objectContaining({ tipo: 'error', codigo: 'destinatario_desconocido' }),
    ]);
    expect(bea.drain()).toEqual([]);
  });

  it.each(['BEA', 'ｂｅａ', ' Bea '])('reaches the user when addressed by a variant of the name (%s)', async (para) => {
    const { join } = setup();
    const ana = join('ana');
    const bea = join('Bea');
    whisper(ana, para, 'hola');
    await flush();
    expect(bea.drain()).toEqual([expect.objectContaining({ tipo: 'privado', remitente: 'ana', para: 'Bea' })]);
  });

  it('is refused when the content is empty', async () => {
    const { join } = setup();
    const ana = join('ana');
    const bea = join('bea');
    whisper(ana, 'bea', ' ');
    await flush();
    expect(errorCodes(ana.drain())).toEqual(['contenido_vacio']);
    expect(bea.drain()).toEqual([]);
  });

  it('is idempotent by ref', async () => {
    const { join } = setup();
    const ana = join('ana');
    const bea = join('bea');
    whisper(ana, 'bea', 'hola', { ref: 'p1' });
    await flush();
    whisper(ana, 'bea', 'hola', { ref: 'p1' });
    await flush();
    expect(ana.of('acuse')).toEqual([
      { tipo: 'acuse', ref: 'p1', id: 1 },
      { tipo: 'acuse', ref: 'p1', id: 1 },
    ]);
    expect(bea.of('privado')).toHaveLength(1);
  });
});

// ------------------------------------------------------------------ escribiendo

describe('escribiendo', () => {
  it('tells the others activo:true, not the typer nor unidentified connections', () => {
    const { open, join } = setup();
    const ana = join('ana');
    const bea = join('bea');
    const lurker = open();
    ana.drain();
    ana.send({ tipo: 'escribiendo', activo: true });
    expect(bea.drain()).toEqual([{ tipo: 'escribiendo', nombre: 'ana', activo: true }]);
    expect(ana.drain()).toEqual([]);
    expect(lurker.frames).toEqual([]);
  });

  it('expires after 6 s without a refresh with activo:false', () => {
    const { join } = setup();
    const ana = join('ana');
    const bea = join('bea');
    ana.send({ tipo: 'escribiendo', activo: true });
    bea.drain();
    vi.advanceTimersByTime(5_999);
    expect(bea.drain()).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(bea.drain()).toEqual([{ tipo: 'escribiendo', nombre: 'ana', activo: false }]);
    vi.advanceTimersByTime(60_000);
    expect(bea.drain()).toEqual([]);
  });

  it('a refresh restarts the 6 s without repeating activo:true', () => {
    const { join } = setup();
    const ana = join('ana');
    const bea = join('bea');
    ana.send({ tipo: 'escribiendo', activo: true });
    bea.drain();
    vi.advanceTimersByTime(3_000);
    ana.send({ tipo: 'escribiendo', activo: true });
    vi.advanceTimersByTime(5_999);
    expect(bea.drain()).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(bea.drain()).toEqual([{ tipo: 'escribiendo', nombre: 'ana', activo: false }]);
  });

  it('activo:false stops it at once, and no expiry follows', () => {
    const { join } = setup();
    const ana = join('ana');
    const bea = join('bea');
    ana.send({ tipo: 'escribiendo', activo: true });
    bea.drain();
    ana.send({ tipo: 'escribiendo', activo: false });
    expect(bea.drain()).toEqual([{ tipo: 'escribiendo', nombre: 'ana', activo: false }]);
    vi.advanceTimersByTime(10_000);
    ana.send({ tipo: 'escribiendo', activo: false }); // not typing: nothing to say
    expect(bea.drain()).toEqual([]);
  });
});

// ------------------------------------------------------------------ historial, usuarios, ping

describe('historial', () => {
  it('returns the newest 50 by default, oldest first, completo false when older ones exist', () => {
    const { join } = setup({ store: prefilled(120) });
    const ana = join('ana');
    ana.send({ tipo: 'historial' });
    const historial = one(ana.of('historial'));
    expect(ids(historial.mensajes)).toEqual(range(71, 120));
    expect(historial.completo).toBe(false);
  });

  it('clamps limite to 200', () => {
    const { join } = setup({ store: prefilled(250) });
    const ana = join('ana');
    ana.send({ tipo: 'historial', limite: 1000 });
    expect(ids(one(ana.of('historial')).mensajes)).toEqual(range(51, 250));
  });

  it('pages back with antes until completo is true', () => {
    const { join } = setup({ store: prefilled(120) });
    const ana = join('ana');
    ana.send({ tipo: 'historial', antes: 71, limite: 50 });
    ana.send({ tipo: 'historial', antes: 21, limite: 50 });
    ana.send({ tipo: 'historial', antes: 21, limite: 20 });
    const [middle, oldest, exact] = ana.of('historial');
    expect(middle).toMatchObject({ completo: false });
    expect(ids(middle?.mensajes ?? [])).toEqual(range(21, 70));
    expect(oldest).toMatchObject({ completo: true });
    expect(ids(oldest?.mensajes ?? [])).toEqual(range(1, 20));
    expect(exact).toMatchObject({ completo: true }); // exactly the 20 left: nothing older
  });

  it('is completo when the whole history fits, and empty when there is none', async () => {
    const { join } = setup();
    const ana = join('ana');
    ana.send({ tipo: 'historial' });
    expect(ana.last()).toEqual({ tipo: 'historial', mensajes: [], completo: true });
    say(ana, 'uno');
    say(ana, 'dos');
    await flush();
    ana.send({ tipo: 'historial' });
    expect(ana.last()).toMatchObject({ tipo: 'historial', mensajes: [{ id: 1 }, { id: 2 }], completo: true });
  });

  it('shows a private message only to the sessions of its sender and recipient', async () => {
    const { join } = setup();
    const ana = join('ana');
    const bea = join('bea');
    const carl = join('carl');
    say(carl, 'público');
    whisper(ana, 'bea', 'secreto');
    await flush();
    const historyIds = (client: TestClient) => {
      client.send({ tipo: 'historial' });
      const reply = client.last();
      return reply?.tipo === 'historial' ? ids(reply.mensajes) : [];
    };
    expect(historyIds(ana)).toEqual([1, 2]);
    expect(historyIds(bea)).toEqual([1, 2]);
    expect(historyIds(carl)).toEqual([1]);
    // and on join
    expect(ids(aceptadoOf(join('dave')).historial)).toEqual([1]);
  });

  it('hides the previous holder’s private messages from a later user of the same name', async () => {
    const { join } = setup();
    const ana = join('ana');
    const bea = join('bea');
    whisper(ana, 'bea', 'secreto');
    await flush();
    bea.send({ tipo: 'desconexion' });
    const newBea = join('bea');
    expect(aceptadoOf(newBea).historial).toEqual([]);
    newBea.send({ tipo: 'historial' });
    expect(newBea.last()).toEqual({ tipo: 'historial', mensajes: [], completo: true });
  });
});

describe('usuarios and ping', () => {
  it('lists every user with nombre and desde, completo true', () => {
    const { join } = setup();
    const ana = join('Ana');
    vi.advanceTimersByTime(2_000);
    join('bea');
    ana.send({ tipo: 'usuarios' });
    expect(ana.last()).toEqual({
      tipo: 'usuarios',
      usuarios: [
        { nombre: 'Ana', desde: '2030-01-02T03:04:05.000Z' },
        { nombre: 'bea', desde: '2030-01-02T03:04:07.000Z' },
      ],
      completo: true,
    });
  });

  it('answers ping with pong, echoing the ref', () => {
    const { join } = setup();
    const ana = join('ana');
    ana.send({ tipo: 'ping', ref: 'rtt-1' });
    ana.send({ tipo: 'ping' });
    expect(ana.drain()).toEqual([{ tipo: 'pong', ref: 'rtt-1' }, { tipo: 'pong' }]);
  });
});

// ------------------------------------------------------------------ leaving and losing

describe('leaving', () => {
  it('desconexion: the others get salida once, the connection closes 1000, the name is free at once', () => {
    const { open, join } = setup();
    const ana = join('ana');
    const bea = join('bea');
    const lurker = open();
    ana.send({ tipo: 'desconexion' });
    expect(ana.closeCode).toBe(CloseCode.normal);
    ana.handle.ended('left'); // the transport reports the close it saw
    ana.send({ tipo: 'ping' }); // late frames are ignored
    expect(bea.drain()).toEqual([{ tipo: 'usuario_desconectado', nombre: 'ana', motivo: 'salida', marca_tiempo: expect.any(String) }]);
    expect(lurker.frames).toEqual([]);
    expect(aceptadoOf(join('ANA')).nombre).toBe('ANA');
  });

  it('ended(left) is a leave too: salida once, name free', () => {
    const { join } = setup();
    const ana = join('ana');
    const bea = join('bea');
    ana.handle.ended('left');
    expect(bea.drain()).toEqual([expect.objectContaining({ tipo: 'usuario_desconectado', nombre: 'ana', motivo: 'salida' })]);
    vi.advanceTimersByTime(60_000);
    expect(bea.drain()).toEqual([]);
    expect(aceptadoOf(join('ana')).nombre).toBe('ana');
  });

  it('ended(lost): nothing at once; after graceMs conexion_perdida exactly once and the name is free', () => {
    const { join } = setup({ graceMs: 1000 });
    const ana = join('ana');
    const bea = join('bea');
    ana.handle.ended('lost');
    vi.advanceTimersByTime(999);
    expect(bea.drain()).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(bea.drain()).toEqual([
      { tipo: 'usuario_desconectado', nombre: 'ana', motivo: 'conexion_perdida', marca_tiempo: '2030-01-02T03:04:06.000Z' },
    ]);
    vi.advanceTimersByTime(60_000);
    expect(bea.drain()).toEqual([]);
    expect(aceptadoOf(join('ana')).reanudado).toBe(false);
  });

  it('holds a lost name during the grace period: a fresh identification is nombre_duplicado', () => {
    const { open, join } = setup({ graceMs: 1000 });
    const ana = join('ana');
    ana.handle.ended('lost');
    const impostor = open();
    impostor.send({ tipo: 'identificacion', nombre: 'Ana' });
    expectRejected(impostor, 'nombre_duplicado');
  });

  it('an unidentified connection that ends tells nobody anything', () => {
    const { open, join } = setup();
    const ana = join('ana');
    open().handle.ended('left');
    open().handle.ended('lost');
    vi.advanceTimersByTime(60_000);
    expect(ana.drain()).toEqual([]);
  });
});

// ------------------------------------------------------------------ resume

describe('resume', () => {
  /** ana, bea and carl; ana says m1 and then loses her connection. */
  async function lostAna(options: Partial<HubOptions> = {}) {
    const harness = setup({ graceMs: 1000, ...options });
    const ana = harness.join('ana');
    const bea = harness.join('bea');
    const carl = harness.join('carl');
    say(ana, 'm1', { ref: 'r1' });
    await flush();
    const desde = one(ana.of('mensaje')).id;
    ana.handle.ended('lost');
    for (const client of [bea, carl]) client.drain();
    return { ...harness, ana, bea, carl, desde, token: tokenOf(ana) };
  }

  it('within grace, token + desde resume: reanudado, exactly the messages after desde the session may see, nobody told', async () => {
    const { open, ana, bea, carl, desde, token } = await lostAna();
    say(bea, 'm2');
    whisper(bea, 'ana', 'p3 para ana');
    whisper(bea, 'carl', 'p4 para carl');
    whisper(ana, 'bea', 'never sent'); // the lost connection sends nothing anymore
    say(carl, 'm5');
    await flush();
    vi.advanceTimersByTime(999);
    bea.drain();
    carl.drain();
    const back = open();
    back.send({ tipo: 'identificacion', nombre: 'ana', token, desde });
    const aceptado = aceptadoOf(back);
    expect(aceptado).toMatchObject({ nombre: 'ana', reanudado: true, historial_incompleto: false, ultimo_id: 5 });
    expect(aceptado.historial.map((m) => [m.id, m.contenido])).toEqual([
      [2, 'm2'],
      [3, 'p3 para ana'],
      [5, 'm5'],
    ]);
    expect([...aceptado.usuarios].sort()).toEqual(['ana', 'bea', 'carl']);
    expect(aceptado.token).not.toBe(token);
    vi.advanceTimersByTime(60_000); // the grace timer must be gone
    expect(bea.drain()).toEqual([]);
    expect(carl.drain()).toEqual([]);
    say(bea, 'after');
    await flush();
    expect(back.drain()).toContainEqual(expect.objectContaining({ tipo: 'mensaje', contenido: 'after' }));
  });

  it('resumes from desde 0 with all it may see, and keeps refs idempotent across the resume', async () => {
    const { open, ana, bea, desde, token } = await lostAna();
    const back = open();
    back.send({ tipo: 'identificacion', nombre: 'ana', token, desde: 0 });
    expect(ids(aceptadoOf(back).historial)).toEqual([desde]);
    back.drain();
    say(back, 'm1', { ref: 'r1' }); // the client re-sends what it never saw acked
    await flush();
    expect(back.drain()).toEqual([{ tipo: 'acuse', ref: 'r1', id: desde }]);
    expect(bea.drain()).toEqual([]);
    expect(ana.closeCode).toBeUndefined(); // a lost link is the transport's to close
  });

  it('rotates the token: the old one no longer resumes after use', async () => {
    const { open, join, token, desde } = await lostAna();
    const back = open();
    back.send({ tipo: 'identificacion', nombre: 'ana', token, desde });
    expect(aceptadoOf(back).reanudado).toBe(true);
    const thief = open();
    thief.send({ tipo: 'identificacion', nombre: 'ana', token, desde });
    expectRejected(thief, 'nombre_duplicado');
    back.send({ tipo: 'desconexion' });
    expect(aceptadoOf(join('ana', { token, desde })).reanudado).toBe(false);
  });

  it('a valid token wins over a still-open old connection, closed with 4005 and no notice to anyone', async () => {
    const { open, join } = setup();
    const ana = join('ana');
    const bea = join('bea');
    bea.drain();
    const back = open();
    back.send({ tipo: 'identificacion', nombre: 'ana', token: tokenOf(ana), desde: 0 });
    expect(aceptadoOf(back).reanudado).toBe(true);
    expect(ana.closeCode).toBe(CloseCode.replaced);
    ana.handle.ended('left'); // the transport reports the close
    vi.advanceTimersByTime(60_000);
    expect(bea.drain()).toEqual([]);
    say(bea, 'hola');
    await flush();
    expect(back.of('mensaje')).toHaveLength(1);
  });

  it('an unknown token with the name free is a fresh join', () => {
    const { join } = setup();
    const bea = join('bea');
    const ana = join('ana', { token: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', desde: 3 });
    expect(aceptadoOf(ana).reanudado).toBe(false);
    expect(bea.drain()).toEqual([expect.objectContaining({ tipo: 'usuario_conectado', nombre: 'ana' })]);
  });

  it('an unknown token, or another user’s token, with the name held is nombre_duplicado', async () => {
    const { open, bea } = await lostAna();
    for (const token of ['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', tokenOf(bea)]) {
      const client = open();
      client.send({ tipo: 'identificacion', nombre: 'ana', token, desde: 0 });
      expectRejected(client, 'nombre_duplicado');
    }
  });

  it('a token past the grace period is a fresh join without the old private history', async () => {
    const { join, bea, token, desde } = await lostAna();
    whisper(bea, 'ana', 'secreto');
    await flush();
    vi.advanceTimersByTime(1000);
    const fresh = join('ana', { token, desde: 0 });
    expect(aceptadoOf(fresh).reanudado).toBe(false);
    expect(ids(aceptadoOf(fresh).historial)).toEqual([desde]);
  });
});

// ------------------------------------------------------------------ slow readers, list bounds, broadcast

describe('slow readers', () => {
  it('closes a client whose queue passes the bound with 4004; the others still get the broadcast, then lento after grace', async () => {
    const { join } = setup({ outboundQueueBytes: 10_000, graceMs: 1000 });
    const ana = join('ana');
    const bea = join('bea');
    const carl = join('carl');
    ana.drain();
    bea.drain();
    bea.link.buffered = 10_001;
    say(ana, 'hola');
    await flush();
    expect(bea.closeCode).toBe(CloseCode.tooSlow);
    expect(bea.drain()).toEqual([]);
    expect(ana.of('mensaje')).toHaveLength(1);
    expect(carl.of('mensaje')).toHaveLength(1);
    ana.drain();
    carl.drain();
    bea.handle.ended('lost'); // the transport sees the socket go
    vi.advanceTimersByTime(999);
    expect(ana.drain()).toEqual([]);
    vi.advanceTimersByTime(1);
    const notice = { tipo: 'usuario_desconectado', nombre: 'bea', motivo: 'lento', marca_tiempo: expect.any(String) };
    expect(ana.drain()).toEqual([notice]);
    expect(carl.drain()).toEqual([notice]);
  });

  it('counts the frame being sent against the bound', async () => {
    const { join } = setup({ outboundQueueBytes: 10_000 });
    const ana = join('ana');
    const bea = join('bea');
    bea.link.buffered = 9_990;
    say(ana, 'a message longer than ten bytes');
    await flush();
    expect(bea.closeCode).toBe(CloseCode.tooSlow);
  });
});

describe('list frames are cut to 256 KiB', () => {
  const big = (id: number) => `${id}:`.padEnd(4000, 'x');

  it('cuts a historial response to 256 KiB, newest kept, completo false', () => {
    const { join } = setup({ store: prefilled(100, big) });
    const ana = join('ana');
    ana.send({ tipo: 'historial', limite: 100 });
    const out = ana.link.sent.at(-1);
    expect(out?.byteLength).toBeLessThanOrEqual(LIST_FRAME_MAX_BYTES);
    const historial = one(ana.of('historial'));
    expect(historial.completo).toBe(false);
    expect(historial.mensajes.length).toBeGreaterThan(30);
    expect(historial.mensajes.length).toBeLessThan(100);
    expect(ids(historial.mensajes)).toEqual(range(101 - historial.mensajes.length, 100));
  });

  it('keeps aceptado on join within 256 KiB', () => {
    const { join } = setup({ store: prefilled(100, big) });
    const ana = join('ana');
    expect(ana.link.sent[0]?.byteLength).toBeLessThanOrEqual(LIST_FRAME_MAX_BYTES);
    expect(aceptadoOf(ana).historial.at(-1)?.id).toBe(100);
  });

  it('says historial_incompleto when aceptado on join had to be cut', () => {
    // docs/protocol.md, Limits: list frames (aceptado, historial, usuarios) "are cut to 256 KiB and
    // say so (historial_incompleto / completo:false)".
    const { join } = setup({ store: prefilled(100, big) });
    const aceptado = aceptadoOf(join('ana'));
    expect(aceptado.historial.length).toBeLessThan(100);
    expect(aceptado.historial_incompleto).toBe(true);
  });

  it('cuts aceptado on resume to 256 KiB with historial_incompleto true, newest kept', async () => {
    const { open, join } = setup({ messagesPer10s: 1000, graceMs: 60_000 });
    const ana = join('ana');
    const bea = join('bea');
    const { token, ultimo_id: desde } = aceptadoOf(ana);
    ana.handle.ended('lost');
    for (const id of range(1, 100)) say(bea, big(id));
    await flush();
    const back = open();
    back.send({ tipo: 'identificacion', nombre: 'ana', token, desde });
    expect(back.link.sent[0]?.byteLength).toBeLessThanOrEqual(LIST_FRAME_MAX_BYTES);
    const aceptado = aceptadoOf(back);
    expect(aceptado).toMatchObject({ reanudado: true, historial_incompleto: true, ultimo_id: 100 });
    expect(aceptado.historial.length).toBeLessThan(100);
    expect(ids(aceptado.historial)).toEqual(range(101 - aceptado.historial.length, 100));
  });
});

describe('broadcast', () => {
  it('encodes once: the same Outbound instance goes to every recipient', async () => {
    const { join } = setup();
    const clients = ['ana', 'bea', 'carl'].map((name) => join(name));
    const [ana] = clients;
    if (ana === undefined) throw new Error('no ana');
    say(ana, 'hola');
    await flush();
    const lastSent = () => clients.map((c) => c.link.sent.at(-1));
    const [first, ...rest] = lastSent();
    expect(first?.frame.tipo).toBe('mensaje');
    for (const out of rest) expect(out).toBe(first);
    join('dave');
    const [joinedA, ...joinedRest] = lastSent();
    expect(joinedA?.frame.tipo).toBe('usuario_conectado');
    for (const out of joinedRest) expect(out).toBe(joinedA);
  });
});

// ------------------------------------------------------------------ shutdown

describe('shutdown', () => {
  it('sends servidor_cerrando to every connection, identified or not, then closes 1001; nobody is told anyone left', async () => {
    const { hub, open, join } = setup({ graceMs: 1000 });
    const ana = join('ana');
    const bea = join('bea');
    const carl = join('carl');
    const lurker = open();
    carl.handle.ended('lost'); // held, in grace
    for (const client of [ana, bea]) client.drain();
    hub.shutdown('mantenimiento', 5000);
    for (const client of [ana, bea, lurker]) {
      expect(client.drain()).toEqual([{ tipo: 'servidor_cerrando', motivo: 'mantenimiento', reintentar_en_ms: 5000 }]);
      expect(client.closeCode).toBe(CloseCode.shuttingDown);
      client.handle.ended('left');
    }
    vi.advanceTimersByTime(60_000);
    await flush();
    for (const client of [ana, bea, lurker]) expect(client.drain()).toEqual([]);
  });

  it('closes connections opened after shutdown with 1001 and refuses them', () => {
    const { hub, open } = setup();
    hub.shutdown('adiós');
    const late = open();
    expect(late.closeCode).toBe(CloseCode.shuttingDown);
    late.send({ tipo: 'identificacion', nombre: 'ana' });
    expect(late.of('aceptado')).toEqual([]);
  });

  it('sends servidor_cerrando to a connection opened after shutdown before closing it', () => {
    // docs/protocol.md: "every connection, identified or not, gets servidor_cerrando".
    const { hub, open } = setup();
    hub.shutdown('adiós', 2000);
    const late = open();
    expect(late.frames).toEqual([{ tipo: 'servidor_cerrando', motivo: 'adiós', reintentar_en_ms: 2000 }]);
    expect(late.closeCode).toBe(CloseCode.shuttingDown);
  });
});

// ------------------------------------------------------------------ the event stream's listeners

describe('event listeners', () => {
  it('a listener that throws cannot stop delivery: every commit is still broadcast and acked, and the error is logged', async () => {
    const errors: unknown[] = [];
    const store = new GatedStore(100);
    const { hub, join } = setup({ store, log: { ...silent, error: (fields) => errors.push(fields) } });
    const seen: string[] = [];
    hub.events.on(() => {
      throw new Error('a broken listener');
    });
    hub.events.on((event) => seen.push(event.type));
    const [ana, bea] = [join('ana'), join('bea')];
    say(ana, 'uno', { ref: 'a' });
    say(ana, 'dos', { ref: 'b' });
    // Both writes complete before the flush: one flushPending delivers both, and emits for each.
    for (const open of store.gates) open();
    await flush();
    expect(ids(bea.of('mensaje'))).toEqual([1, 2]);
    expect(ana.of('acuse')).toEqual([
      { tipo: 'acuse', ref: 'a', id: 1 },
      { tipo: 'acuse', ref: 'b', id: 2 },
    ]);
    expect(seen).toEqual(['connection', 'join', 'connection', 'join', 'message', 'message']);
    expect(errors).toHaveLength(6);
    expect(errors.at(-1)).toMatchObject({ event: 'message', err: expect.any(Error) });
  });
});
