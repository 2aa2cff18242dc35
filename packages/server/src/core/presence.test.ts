/**
 * Presence: who is typing (escribiendo), its rate and its expiry; joins and leaves are told in
 * sessions.test.ts and admission.test.ts. No network: every connection is a TestLink
 * (src/testing/test-hub.ts); timers are fake.
 */
import { describe, expect, it, vi } from 'vitest';
import { setup, useFakeTime } from '../testing/test-hub.js';

useFakeTime();

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
