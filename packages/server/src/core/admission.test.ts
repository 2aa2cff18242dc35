/**
 * Identification (admission.ts's checks, through the Hub as a client meets them): names,
 * reserved names, versions, the join secret, accepting, the caps, the deadline, frames before
 * and after identifying. No network: every connection is a TestLink (src/testing/test-hub.ts);
 * timers are fake.
 */
import { CloseCode } from '@charla/protocol';
import { describe, expect, it, vi } from 'vitest';
import type { Seat } from './admission.js';
import { checkEntry, checkSeat } from './admission.js';
import { aceptadoOf, errorCodes, expectRejected, flush, prefilled, range, say, setup, T0, tokenOf, useFakeTime, whisper } from '../testing/test-hub.js';

useFakeTime();

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
    hub.operator.setAccepting(false);
    const client = open();
    client.send({ tipo: 'identificacion', nombre: 'ana' });
    expectRejected(client, 'no_aceptando');
    hub.operator.setAccepting(true);
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

// ------------------------------------------------------------------ the checks themselves, without a Hub

describe('admission checks, as pure functions', () => {
  const open = { accepting: true, available: true };
  const frame = (extra: object = {}) => ({ tipo: 'identificacion', nombre: 'Ana', ...extra }) as const;
  const seat = (extra: Partial<Seat> = {}): Seat => ({
    name: 'Ana',
    ban: undefined,
    taken: false,
    resumes: false,
    mayResume: false,
    replacing: false,
    connections: 1,
    fromAddress: 1,
    maxConnections: 10,
    maxPerAddress: 2,
    ...extra,
  });
  const motivo = (result: object | undefined) => (result !== undefined && 'motivo' in result ? result.motivo : undefined);

  it('checkEntry: version, then accepting, then availability, then the secret, then the name', () => {
    expect(motivo(checkEntry(frame({ protocolo: 2, clave: 'x', nombre: 'аlice' }), { accepting: false, available: false, joinSecret: 's' }))).toBe('version_no_soportada');
    expect(motivo(checkEntry(frame({ clave: 'x' }), { accepting: false, available: false, joinSecret: 's' }))).toBe('no_aceptando');
    expect(motivo(checkEntry(frame({ clave: 'x', nombre: 'аlice' }), { ...open, joinSecret: 's' }))).toBe('clave_incorrecta');
    expect(motivo(checkEntry(frame({ nombre: 'admin' }), open))).toBe('nombre_invalido');
    expect(checkEntry(frame({ nombre: ' ＡNA ', clave: 's' }), { ...open, joinSecret: 's' })).toEqual({ name: 'ANA', key: 'ana' });
  });

  it('checkSeat: a ban first, then the name in use, then the caps', () => {
    const ban = { id: 1, address: '192.0.2.1', until: Date.parse('2030-01-01T00:00:00Z'), reason: 'flood', by: 'ops' };
    expect(checkSeat(seat({ ban, taken: true, connections: 99 }))).toEqual({ motivo: 'vetado', detalle: 'vetado hasta 2030-01-01T00:00:00.000Z: flood' });
    expect(motivo(checkSeat(seat({ taken: true, connections: 99 })))).toBe('nombre_duplicado');
    expect(motivo(checkSeat(seat({ connections: 11 })))).toBe('servidor_lleno');
    expect(motivo(checkSeat(seat({ fromAddress: 3 })))).toBe('servidor_lleno');
    expect(checkSeat(seat())).toBeUndefined();
  });

  it('checkSeat: a resume is not a duplicate, and the connection it replaces does not count toward the caps', () => {
    expect(checkSeat(seat({ taken: true, resumes: true }))).toBeUndefined();
    expect(checkSeat(seat({ taken: true, mayResume: true }))).toBeUndefined();
    expect(motivo(checkSeat(seat({ taken: true, resumes: true, fromAddress: 3 })))).toBe('servidor_lleno');
    expect(checkSeat(seat({ taken: true, resumes: true, replacing: true, fromAddress: 3, connections: 11 }))).toBeUndefined();
  });
});
