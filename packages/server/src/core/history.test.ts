import { describe, expect, it } from 'vitest';
import { fitFirst } from './history.js';

describe('fitFirst', () => {
  const names = ['ana', 'beatriz', 'ñandú', '李', 'x"y'];
  const sizeOf = (name: string) => Buffer.byteLength(JSON.stringify(name)) + 1;
  const whole = names.reduce((sum, name) => sum + sizeOf(name), 0);

  it('keeps everything when the whole list fits, to the byte', () => {
    expect(fitFirst(names, whole)).toEqual({ kept: names, cut: false });
    expect(fitFirst([], 0)).toEqual({ kept: [], cut: false });
  });

  it('keeps the first ones that fit when one byte is missing', () => {
    const kept = names.slice(0, -1);
    expect(fitFirst(names, whole - 1)).toEqual({ kept, cut: true });
    expect(fitFirst(names, 0)).toEqual({ kept: [], cut: true });
  });
});
