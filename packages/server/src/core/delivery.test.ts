/**
 * Delivery: mensaje and privado from frame to every screen, ids, acks and idempotent re-sends,
 * the group commit's order, rate limits and refusals, slow readers, one encode per broadcast.
 * No network: every connection is a TestLink (src/testing/test-hub.ts); timers are fake.
 */
import { CloseCode } from '@charla/protocol';
import { describe, expect, it, vi } from 'vitest';
import { errorCodes, FailingStore, flush, GatedStore, ids, one, prefilled, range, say, setup, useFakeTime, whisper } from '../testing/test-hub.js';

useFakeTime();

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
