import { describe, expect, it } from 'vitest';
import { COMMANDS, helpText, HISTORY_DEFAULT, overLimit, parseInput } from './input.js';

describe('parseInput', () => {
  it('sends text as typed, and nothing for a blank line', () => {
    expect(parseInput('  hola  ')).toEqual({ kind: 'say', text: '  hola  ' });
    expect(parseInput('   ')).toBeNull();
  });

  it('sends "//text" as "/text"', () => {
    expect(parseInput('//shrug')).toEqual({ kind: 'say', text: '/shrug' });
  });

  it('reads /msg NAME TEXT, keeping the spaces inside the text', () => {
    expect(parseInput('/msg bea hola  qué tal')).toEqual({ kind: 'msg', to: 'bea', text: 'hola  qué tal' });
    expect(parseInput('/MSG bea hola')).toEqual({ kind: 'msg', to: 'bea', text: 'hola' });
    expect(parseInput('/msg bea')).toEqual({ kind: 'invalid', message: 'usage: /msg NAME TEXT' });
  });

  it('reads /me, /history [N] and the bare commands', () => {
    expect(parseInput('/me waves')).toEqual({ kind: 'me', action: 'waves' });
    expect(parseInput('/me')).toEqual({ kind: 'invalid', message: 'usage: /me ACTION' });
    expect(parseInput('/history')).toEqual({ kind: 'history', limit: HISTORY_DEFAULT });
    expect(parseInput('/history 5')).toEqual({ kind: 'history', limit: 5 });
    for (const bad of ['/history 0', '/history 201', '/history x', '/history 2.5']) {
      expect(parseInput(bad)).toEqual({ kind: 'invalid', message: 'usage: /history [N]' });
    }
    for (const kind of ['help', 'users', 'clear', 'quit'] as const) expect(parseInput(`/${kind}`)).toEqual({ kind });
  });

  it('refuses an unknown command instead of sending it', () => {
    expect(parseInput('/nick ana')).toMatchObject({ kind: 'invalid', message: expect.stringContaining('unknown command /nick') });
  });
});

describe('helpText', () => {
  it('lists every command with its usage', () => {
    const help = helpText();
    for (const command of COMMANDS) expect(help).toContain(command.usage);
  });
});

describe('overLimit', () => {
  it('measures what would be sent, in code points, against the limit', () => {
    expect(overLimit('hola', 4)).toBeNull();
    expect(overLimit('holas', 4)).toBe(5);
    expect(overLimit('😀😀😀😀', 4)).toBeNull();
    expect(overLimit('/me waves', 8)).toBe(9); // sent as "/me waves"
    expect(overLimit('/msg bea hola', 4)).toBeNull(); // only the text counts
    expect(overLimit('/msg bea holas', 4)).toBe(5);
  });

  it('lets local commands and unknown limits through', () => {
    expect(overLimit('/history 200', 3)).toBeNull();
    expect(overLimit('holas', undefined)).toBeNull();
  });
});
