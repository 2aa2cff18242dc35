import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { isInterrupt, keysOf } from './keys.js';

const NONE: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};
const key = (flags: Partial<Key>): Key => ({ ...NONE, ...flags });

describe('keysOf', () => {
  it('maps single keys', () => {
    expect(keysOf('', key({ return: true }))).toEqual([{ kind: 'submit' }]);
    expect(keysOf('', key({ upArrow: true }))).toEqual([{ kind: 'older' }]);
    expect(keysOf('', key({ delete: true }))).toEqual([{ kind: 'backspace' }]);
    expect(keysOf('w', key({ ctrl: true }))).toEqual([{ kind: 'kill-word' }]);
    expect(keysOf('g', key({ ctrl: true }))).toEqual([]);
    expect(keysOf('a', NONE)).toEqual([{ kind: 'insert', text: 'a' }]);
  });

  it('splits a pasted or fast-typed chunk at its line breaks, tabs and control keys', () => {
    expect(keysOf('hola\rque\r\ntal\n', NONE)).toEqual([
      { kind: 'insert', text: 'hola' },
      { kind: 'submit' },
      { kind: 'insert', text: 'que' },
      { kind: 'submit' },
      { kind: 'insert', text: 'tal' },
      { kind: 'submit' },
    ]);
    expect(keysOf('/ms\tbe\u007f\u0015x', NONE)).toEqual([
      { kind: 'insert', text: '/ms' },
      { kind: 'tab' },
      { kind: 'insert', text: 'be' },
      { kind: 'backspace' },
      { kind: 'kill-before' },
      { kind: 'insert', text: 'x' },
    ]);
  });

  it('drops other control characters instead of typing them', () => {
    expect(keysOf('a\u0007b\u009bc', NONE)).toEqual([{ kind: 'insert', text: 'abc' }]);
  });
});

describe('isInterrupt', () => {
  it('is Ctrl+C, alone or inside a chunk', () => {
    expect(isInterrupt('c', key({ ctrl: true }))).toBe(true);
    expect(isInterrupt('ab\u0003', NONE)).toBe(true);
    expect(isInterrupt('c', NONE)).toBe(false);
  });
});
