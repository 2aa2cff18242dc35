import { describe, expect, it } from 'vitest';
import { LineReader } from './tcp.js';

describe('LineReader', () => {
  const text = '{"tipo":"mensaje","contenido":"ñandú 🐦 日本"}\n{"tipo":"ping"}\n';
  const bytes = Buffer.from(text);

  it('gives the same lines whatever byte boundary splits the input, inside UTF-8 characters too', () => {
    for (let cut = 0; cut <= bytes.length; cut++) {
      const reader = new LineReader(1024);
      const first = reader.push(bytes.subarray(0, cut));
      const second = reader.push(bytes.subarray(cut));
      expect([...first.lines, ...second.lines]).toEqual(['{"tipo":"mensaje","contenido":"ñandú 🐦 日本"}', '{"tipo":"ping"}']);
      expect(first.problem ?? second.problem).toBeUndefined();
    }
  });

  it('splits several lines in one chunk, drops blank lines and a trailing \\r', () => {
    expect(new LineReader(100).push(Buffer.from('a\r\n\n  \nb\nc'))).toEqual({ lines: ['a', 'b'] });
  });

  it('accepts a line of exactly the limit and refuses one byte more', () => {
    expect(new LineReader(10).push(Buffer.from(`${'x'.repeat(10)}\n`))).toEqual({ lines: ['x'.repeat(10)] });
    expect(new LineReader(10).push(Buffer.from(`${'x'.repeat(11)}\n`)).problem).toBe('too_big');
  });

  it('refuses a partial line that grows past the limit, across chunks', () => {
    const reader = new LineReader(10);
    expect(reader.push(Buffer.from('x'.repeat(6))).problem).toBeUndefined();
    expect(reader.push(Buffer.from('x'.repeat(5))).problem).toBe('too_big');
  });

  it('refuses invalid UTF-8', () => {
    expect(new LineReader(100).push(Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a])).problem).toBe('invalid_utf8');
  });
});
