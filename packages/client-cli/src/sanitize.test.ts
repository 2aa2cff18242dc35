/* eslint-disable no-control-regex -- these tests look for control characters */
import { describe, expect, it } from 'vitest';
import { jsonLine, sanitize } from './sanitize.js';

// A message that tries everything: clear the screen, move the cursor home, retitle the
// window (OSC 0), write the clipboard (OSC 52), an 8-bit CSI, a carriage return to
// overwrite the line, and a right-to-left override to reverse what follows.
const ATTACK = 'hola\u001b[2J\u001b[H\u001b]0;pwned\u0007\u001b]52;c;cm0gLXJmIH4=\u001b\\\u009b31m\rfake\u202etxt.exe\u0000\u007f';

describe('sanitize', () => {
  it('leaves no character a terminal would act on in an ESC/OSC-laden message', () => {
    const safe = sanitize(ATTACK);
    expect(safe).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u);
    expect(safe).toBe('hola^[[2J^[[H^[]0;pwned^G^[]52;c;cm0gLXJmIH4=^[\\\ufffd31m^Mfake\ufffdtxt.exe^@^?');
  });

  it('shows C0 controls in caret notation and C1 and bidi controls as U+FFFD', () => {
    expect(sanitize('\u0001\u001f\u0085')).toBe('^A^_\ufffd');
    for (const bidi of ['\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(sanitize(`a${bidi}b`)).toBe('a\ufffdb');
    }
  });

  it('keeps newlines, tabs and every ordinary character', () => {
    const text = 'línea 1\n\tcañón 🎉 日本語 עברית ‍';
    expect(sanitize(text)).toBe(text);
  });
});

describe('jsonLine', () => {
  it('decodes to exactly the same value, with nothing raw a terminal would act on', () => {
    const frame = { tipo: 'mensaje', id: 7, remitente: 'eve', contenido: ATTACK };
    const line = jsonLine(frame);
    expect(JSON.parse(line)).toEqual(frame);
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/u);
    expect(line).toContain('\\u009b31m');
    expect(line).toContain('\\u202etxt');
  });
});
