/**
 * Queries: historial pages, usuarios, ping, their rate, and list frames cut to 256 KiB. No
 * network: every connection is a TestLink (src/testing/test-hub.ts); timers are fake.
 */
import { LIST_FRAME_MAX_BYTES } from '@charla/protocol';
import { describe, expect, it, vi } from 'vitest';
import type { TestClient } from '../testing/test-link.js';
import { aceptadoOf, errorCodes, flush, ids, one, prefilled, range, say, setup, useFakeTime, whisper } from '../testing/test-hub.js';

useFakeTime();

describe('rate limits', () => {
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
