/** Others' typing expiry, on fake timers and a fake link. Our own throttle: client.test.ts. */
import { TYPING_EXPIRY_MS } from '@charla/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Typing } from './typing.js';
import { at, mensaje } from '../test/frames.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  const expired: string[] = [];
  const typing = new Typing({ isOpen: () => true, write: () => undefined }, (nombre) => expired.push(nombre));
  return { typing, expired };
}

describe('Typing: others', () => {
  it('forgets a typist whose activo:false never came, a second after the server would', () => {
    const { typing, expired } = setup();
    typing.seen({ tipo: 'escribiendo', nombre: 'bea', activo: true });
    vi.advanceTimersByTime(TYPING_EXPIRY_MS);
    // Still typing: a fresh activo:true starts the wait over.
    typing.seen({ tipo: 'escribiendo', nombre: 'bea', activo: true });
    vi.advanceTimersByTime(TYPING_EXPIRY_MS + 999);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(['bea']);
  });

  it('ends the wait on activo:false, a message from the typist or their leaving', () => {
    const { typing, expired } = setup();
    for (const nombre of ['bea', 'carla', 'dani', 'eva']) typing.seen({ tipo: 'escribiendo', nombre, activo: true });
    typing.seen({ tipo: 'escribiendo', nombre: 'bea', activo: false });
    typing.seen(mensaje(1, 'hola', 'carla'));
    typing.seen({ tipo: 'usuario_desconectado', nombre: 'dani', motivo: 'salida', marca_tiempo: at });
    vi.advanceTimersByTime(60_000);
    expect(expired).toEqual(['eva']);
  });

  it('fires nothing after stop', () => {
    const { typing, expired } = setup();
    typing.seen({ tipo: 'escribiendo', nombre: 'bea', activo: true });
    typing.stop();
    vi.advanceTimersByTime(60_000);
    expect(expired).toEqual([]);
  });
});
