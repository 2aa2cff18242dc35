/**
 * The operator: what the admin API calls, and the rules behind each action (who a ban
 * kicks, what everyone is told), tested on the core alone. test/admin.test.ts covers the
 * HTTP side (parsing, auth, audit, the shapes of the answers). No network; timers are fake.
 */
import { CloseCode } from '@charla/protocol';
import { describe, expect, it, vi } from 'vitest';
import { errorCodes, expectRejected, flush, ids, one, say, setup, T0, useFakeTime } from '../testing/test-hub.js';

useFakeTime();

const terms = { seconds: 60, reason: 'spam', by: 'ops' };
const left = (frames: readonly { tipo: string }[]) =>
  frames.flatMap((f) => (f.tipo === 'usuario_desconectado' && 'nombre' in f && 'motivo' in f ? [`${String(f.nombre)}:${String(f.motivo)}`] : []));

describe('kick', () => {
  it('expulsado to the user, then 4003; the others are told once; the name is free; the name as it is written', () => {
    const { hub, join } = setup();
    const ana = join('Ana');
    const bea = join('bea');
    ana.drain();
    expect(hub.operator.kick('ANA', 'fuera')).toBe('Ana');
    expect(ana.drain()).toEqual([{ tipo: 'expulsado', motivo: 'fuera' }]);
    expect(ana.closeCode).toBe(CloseCode.kicked);
    expect(left(bea.drain())).toEqual(['Ana:expulsado']);
    expect(hub.operator.bans()).toEqual([]);
    join('ana');
  });

  it('answers undefined for nobody, and kicks a user held in their grace period too', () => {
    const { hub, join } = setup({ graceMs: 60_000 });
    const ana = join('ana');
    const bea = join('bea');
    bea.drain();
    expect(hub.operator.kick('nadie', 'x')).toBeUndefined();
    ana.handle.ended('lost');
    expect(hub.operator.kick('ana', 'x')).toBe('ana');
    expect(left(bea.drain())).toEqual(['ana:expulsado']);
  });

  it('with a ban: the name is banned first (every form of it), for the given time, by whom', () => {
    const { hub, join, open } = setup();
    join('ana');
    hub.operator.kick('ana', 'spam', { seconds: 60, by: 'ops' });
    expect(hub.operator.bans()).toEqual([
      { id: 1, name: 'ana', nameKey: 'ana', until: T0 + 60_000, reason: 'spam', by: 'ops' },
    ]);
    const again = open();
    again.send({ tipo: 'identificacion', nombre: 'ＡＮＡ' });
    expectRejected(again, 'vetado');
    vi.advanceTimersByTime(60_000);
    expect(hub.operator.bans()).toEqual([]);
    join('ana');
  });
});

describe('bans', () => {
  it('by name: kicks whoever has it, refuses an invalid name without banning anything', () => {
    const { hub, join } = setup();
    const ana = join('ana');
    expect(hub.operator.banName('аlice', terms)).toEqual({ invalid: expect.any(String) });
    expect(hub.operator.bans()).toEqual([]);
    const ban = hub.operator.banName(' ANA ', terms);
    expect(ban).toMatchObject({ name: 'ANA', nameKey: 'ana', reason: 'spam', by: 'ops' });
    expect(ana.closeCode).toBe(CloseCode.kicked);
    expect(hub.operator.banName('nadie', terms)).toMatchObject({ name: 'nadie' });
  });

  it('by address: kicks every user whose connection came from it (held ones too), by name, and nobody else', () => {
    const { hub, join } = setup({ graceMs: 60_000 });
    const zoe = join('zoe', {}, '198.51.100.7');
    const ana = join('ana', {}, '198.51.100.7');
    const held = join('bea', {}, '198.51.100.7');
    const carl = join('carl', {}, '198.51.100.8');
    held.handle.ended('lost');
    carl.drain();
    const ban = hub.operator.banAddress('198.51.100.7', terms);
    expect(ban).toMatchObject({ address: '198.51.100.7', until: T0 + 60_000, reason: 'spam', by: 'ops' });
    expect([zoe.closeCode, ana.closeCode, carl.closeCode]).toEqual([CloseCode.kicked, CloseCode.kicked, undefined]);
    expect(left(carl.drain())).toEqual(['ana:expulsado', 'bea:expulsado', 'zoe:expulsado']);
    expect(hub.operator.listUsers(undefined, 0, 10).items.map((u) => u.name)).toEqual(['carl']);
  });

  it('an address ban refuses new identifications from it; lifting it lets them in; an unknown id is false', () => {
    const { hub, join, open } = setup();
    const ban = hub.operator.banAddress('198.51.100.7', terms);
    const refused = open('198.51.100.7');
    refused.send({ tipo: 'identificacion', nombre: 'ana' });
    expectRejected(refused, 'vetado');
    expect(hub.operator.unban(ban.id)).toBe(true);
    expect(hub.operator.unban(ban.id)).toBe(false);
    join('ana', {}, '198.51.100.7');
  });
});

describe('announcements and deletions', () => {
  it('announce: sistema to every identified client, with its time', () => {
    const { hub, join, open } = setup();
    const ana = join('ana');
    const lurker = open();
    vi.advanceTimersByTime(1500);
    const at = hub.operator.announce('mantenimiento a las 10');
    expect(at).toBe('2030-01-02T03:04:06.500Z');
    expect(ana.drain()).toEqual([{ tipo: 'sistema', contenido: 'mantenimiento a las 10', marca_tiempo: at }]);
    expect(lurker.frames).toEqual([]);
  });

  it('deleteMessage: mensaje_borrado to everyone, gone from history; false for no such message', async () => {
    const { hub, join } = setup();
    const ana = join('ana');
    const bea = join('bea');
    say(ana, 'uno');
    say(ana, 'dos');
    await flush();
    bea.drain();
    expect(hub.operator.deleteMessage(1)).toBe(true);
    expect(hub.operator.deleteMessage(1)).toBe(false);
    expect(hub.operator.deleteMessage(99)).toBe(false);
    expect(bea.drain()).toEqual([{ tipo: 'mensaje_borrado', id: 1 }]);
    bea.send({ tipo: 'historial' });
    expect(ids(one(bea.of('historial')).mensajes)).toEqual([2]);
  });
});

describe('accepting', () => {
  it('stops and resumes identifications; with disconnectAll everyone hears servidor_cerrando and is closed 1001, nobody is told anyone left', () => {
    const { hub, join, open } = setup({ graceMs: 60_000 });
    const ana = join('ana');
    const bea = join('bea');
    const held = join('carl');
    const lurker = open();
    held.handle.ended('lost');
    for (const client of [ana, bea]) client.drain();
    hub.operator.setAccepting(false, true, 'mantenimiento');
    expect(hub.operator.accepting).toBe(false);
    for (const client of [ana, bea, lurker]) {
      expect(client.drain()).toEqual([{ tipo: 'servidor_cerrando', motivo: 'mantenimiento' }]);
      expect(client.closeCode).toBe(CloseCode.shuttingDown);
    }
    expect(hub.operator.stats()).toMatchObject({ connections: 0, users: 0, accepting: false });
    hub.operator.setAccepting(true);
    join('carl'); // the held name was freed too
  });

  it('cannot start again once shutdown began', () => {
    const { hub } = setup();
    expect(hub.operator.serving).toBe(true);
    hub.shutdown('adiós');
    hub.operator.setAccepting(true);
    expect(hub.operator.accepting).toBe(false);
    expect(hub.operator.serving).toBe(false);
  });
});

describe('what operators read', () => {
  it('stats: connections, users (held ones included), accepting, messages, deliveries, bytes, refusals by code', async () => {
    const { hub, join, open } = setup({ graceMs: 60_000 });
    const ana = join('ana');
    join('bea').handle.ended('lost');
    open();
    say(ana, 'hola');
    ana.raw('{nope');
    await flush();
    expect(errorCodes(ana.drain())).toEqual(['json_invalido']);
    const stats = hub.operator.stats();
    expect(stats).toEqual({
      connections: 2,
      users: 2,
      accepting: true,
      messagesTotal: 1,
      deliveries: expect.any(Number),
      bytesIn: expect.any(Number),
      bytesOut: expect.any(Number),
      refusedByCode: { json_invalido: 1 },
    });
    expect(stats.bytesIn).toBeGreaterThan(0);
    expect(stats.deliveries).toBeGreaterThanOrEqual(4);
    expect(hub.operator.clusterReachable).toBeUndefined();
    expect(hub.operator.nodes()).toBeUndefined();
  });

  it('users: search in the name (case-insensitive), sorted, paged; one user by any form of the name', async () => {
    const { hub, join } = setup();
    const carla = join('Carla', {}, '198.51.100.9');
    join('ana');
    vi.advanceTimersByTime(2000);
    join('carlos');
    say(carla, 'hola');
    await flush();
    const all = hub.operator.listUsers(undefined, 0, 10);
    expect(all.total).toBe(3);
    expect(all.items.map((u) => u.name)).toEqual(['Carla', 'ana', 'carlos']);
    const page = hub.operator.listUsers('CARL', 1, 1);
    expect(page).toEqual({ total: 2, items: [expect.objectContaining({ name: 'carlos', since: '2030-01-02T03:04:07.000Z' })] });
    expect(hub.operator.findUser('ＣＡＲＬＡ')).toEqual({
      name: 'Carla',
      since: '2030-01-02T03:04:05.000Z',
      address: '198.51.100.9',
      transport: 'ws',
      messagesSent: 1,
      lastActivity: '2030-01-02T03:04:07.000Z',
    });
    expect(hub.operator.findUser('nadie')).toBeUndefined();
  });
});
