import { describe, expect, it } from 'vitest';
import { fitFirst, fitNewest } from './history.js';

describe('fitFirst', () => {
  const names = ['ana', 'beatriz', 'ñandú', '李', 'x"y'];
  const sizeOf = (name: string) => Buffer.byteLength(JSON.stringify(name)) + 1;
  const whole = names.reduce((sum, name) => sum + sizeOf(name), 0);

  const encoded = (list: string[]) => Buffer.byteLength(JSON.stringify(list));

  it('keeps everything when the whole list fits, to the byte, and says its encoded size', () => {
    expect(fitFirst(names, whole)).toEqual({ kept: names, cut: false, bytes: encoded(names) });
    expect(fitFirst([], 0)).toEqual({ kept: [], cut: false, bytes: 2 });
  });

  it('keeps the first ones that fit when one byte is missing', () => {
    const kept = names.slice(0, -1);
    expect(fitFirst(names, whole - 1)).toEqual({ kept, cut: true, bytes: encoded(kept) });
    expect(fitFirst(names, 0)).toEqual({ kept: [], cut: true, bytes: 2 });
  });
});

describe('fitNewest', () => {
  const entries = [1, 2, 3].map((id) => ({ tipo: 'mensaje' as const, id, remitente: 'ana', contenido: `mensaje ${id} · ñ`, marca_tiempo: '2026-11-24T07:00:00.000Z' }));
  const encoded = (list: unknown[]) => Buffer.byteLength(JSON.stringify(list));

  it('keeps the newest entries that fit, oldest first, and says their encoded size', () => {
    expect(fitNewest(entries, encoded(entries))).toEqual({ kept: entries, cut: false, bytes: encoded(entries) });
    const newest = entries.slice(1);
    expect(fitNewest(entries, encoded(entries) - 2)).toEqual({ kept: newest, cut: true, bytes: encoded(newest) });
    expect(fitNewest(entries, 0)).toEqual({ kept: [], cut: true, bytes: 2 });
  });
});
