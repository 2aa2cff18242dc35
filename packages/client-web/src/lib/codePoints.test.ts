import { describe, expect, it } from 'vitest';
import { codePointLength } from './codePoints';

describe('codePointLength', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(codePointLength('')).toBe(0);
    expect(codePointLength('hola')).toBe(4);
    expect(codePointLength('😀')).toBe(1);
    expect('😀'.length).toBe(2);
    expect(codePointLength('ñ😀𝄞')).toBe(3);
  });

  it('counts each code point of a combined sequence, as the server does', () => {
    // e + combining acute; a family emoji is 5 code points joined by ZWJ.
    expect(codePointLength('e\u0301')).toBe(2);
    expect(codePointLength('👨‍👩‍👧')).toBe(5);
  });
});
