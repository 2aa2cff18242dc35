/**
 * Sessions: leaving, losing (the grace period), resuming with a token. No network: every
 * connection is a TestLink (src/testing/test-hub.ts); timers are fake.
 */
import { CloseCode } from '@charla/protocol';
import { describe, expect, it, vi } from 'vitest';
import type { HubOptions } from './hub.js';
import { aceptadoOf, expectRejected, flush, ids, one, say, setup, tokenOf, useFakeTime, whisper } from '../testing/test-hub.js';

useFakeTime();

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
