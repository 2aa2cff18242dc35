/** The snapshot reducer on its own: frames in, snapshots out, no socket and no timers. */
import type { ServerFrame } from '@charla/protocol';
import { describe, expect, it } from 'vitest';
import { ended, INITIAL_SNAPSHOT, markRead, reduce, waiting } from './snapshot.js';
import type { ChatSnapshot } from './snapshot.js';
import { aceptado, at, limites, mensaje } from '../test/frames.js';

const privado = (id: number, remitente: string, para: string): ServerFrame => ({ tipo: 'privado', id, remitente, para, contenido: 'psst', marca_tiempo: at });

const run = (frames: readonly ServerFrame[], from: ChatSnapshot = INITIAL_SNAPSHOT, logMax = 100) =>
  frames.reduce((s, f) => reduce(s, f, logMax), from);

describe('reduce', () => {
  it('becomes conectado on aceptado with the users, limits and history it brings', () => {
    const s = run([aceptado({ usuarios: ['ana', 'bea'], historial: [mensaje(4, 'm4'), mensaje(5, 'm5', 'ana')] })]);
    expect(s).toMatchObject({ state: 'conectado', nombre: 'ana', users: ['ana', 'bea'], limits: limites, resumed: false, available: true });
    expect(s.log.map((e) => [e.key, e.own])).toEqual([['m4', false], ['m5', true]]);
  });

  it('keeps the log on a resumed session, and keeps only the notices on a fresh one', () => {
    const before = run([aceptado(), mensaje(1, 'm1'), { tipo: 'sistema', contenido: 'aviso', marca_tiempo: at }, mensaje(2, 'm2')]);
    expect(run([aceptado({ reanudado: true, historial: [mensaje(3, 'm3')] })], before).log.map((e) => e.key)).toEqual(['m1', before.log[1]?.key, 'm2', 'm3']);
    expect(run([aceptado({ historial: [mensaje(9, 'm9')] })], before).log.map((e) => e.key)).toEqual([before.log[1]?.key, 'm9']);
  });

  it('counts unread privates from others only, and a message ends its sender\'s typing', () => {
    const s = run([
      aceptado(),
      { tipo: 'escribiendo', nombre: 'bea', activo: true },
      { tipo: 'escribiendo', nombre: 'carla', activo: true },
      privado(1, 'bea', 'ana'),
      privado(2, 'bea', 'ana'),
      privado(3, 'ana', 'bea'),
    ]);
    expect(s.unread).toEqual({ bea: 2 });
    expect(s.typing).toEqual(['carla']);
    expect(markRead(s, 'bea').unread).toEqual({});
  });

  it('tracks who is here from aceptado, arrivals, departures and complete lists only', () => {
    const s = run([
      aceptado({ usuarios: ['ana', 'bea'] }),
      { tipo: 'usuario_conectado', nombre: 'carla', marca_tiempo: at },
      { tipo: 'escribiendo', nombre: 'bea', activo: true },
      { tipo: 'usuario_desconectado', nombre: 'bea', motivo: 'salida', marca_tiempo: at },
    ]);
    expect(s.users).toEqual(['ana', 'carla']);
    expect(s.typing).toEqual([]);
    expect(s.log.map((e) => e.frame.tipo)).toEqual(['usuario_conectado', 'usuario_desconectado']);
    const partial = { tipo: 'usuarios', usuarios: [{ nombre: 'zoe', desde: at }], completo: false } as ServerFrame;
    expect(reduce(s, partial, 100).users).toEqual(['ana', 'carla']);
    expect(reduce(s, { ...partial, completo: true } as ServerFrame, 100).users).toEqual(['zoe']);
  });

  it('pauses and resumes sending with estado', () => {
    const s = run([aceptado(), { tipo: 'estado', disponible: false }]);
    expect(s.available).toBe(false);
    expect(run([{ tipo: 'estado', disponible: true }], s).available).toBe(true);
  });

  // The client emits `change` only for a new object: these must not make one.
  it('returns the very same snapshot when a frame changes nothing', () => {
    const s = run([aceptado(), { tipo: 'escribiendo', nombre: 'bea', activo: true }]);
    const idle: ServerFrame[] = [
      { tipo: 'escribiendo', nombre: 'bea', activo: true },
      { tipo: 'escribiendo', nombre: 'carla', activo: false },
      { tipo: 'acuse', ref: 'r1', id: 1 },
      { tipo: 'error', codigo: 'contenido_vacio', detalle: '' },
      { tipo: 'rechazado', motivo: 'vetado', detalle: '' },
      { tipo: 'pong' },
    ];
    for (const frame of idle) expect(reduce(s, frame, 100)).toBe(s);
    expect(markRead(s, 'nadie')).toBe(s);
  });

  it('bounds the log at logMax', () => {
    const s = run([aceptado(), mensaje(1, 'm1'), mensaje(2, 'm2'), mensaje(3, 'm3'), { tipo: 'sistema', contenido: 'x', marca_tiempo: at }], INITIAL_SNAPSHOT, 3);
    expect(s.log.map((e) => e.key)).toEqual(['m2', 'm3', expect.stringMatching(/^n/)]);
  });
});

describe('connection transitions', () => {
  it('clears typing and records when the next attempt starts, or why it ended', () => {
    const s = run([aceptado(), { tipo: 'escribiendo', nombre: 'bea', activo: true }]);
    expect(waiting(s, 1234)).toMatchObject({ state: 'reconectando', retryAt: 1234, typing: [] });
    expect(ended(waiting(s, 1234), { kind: 'reemplazado' })).toMatchObject({ state: 'desconectado', retryAt: null, typing: [], ended: { kind: 'reemplazado' } });
  });
});
