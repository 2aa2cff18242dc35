/* eslint-disable no-control-regex -- these tests look for control characters */
import { describe, expect, it } from 'vitest';
import type { Line } from '../chat/lines.js';
import { createStyle } from '../format.js';
import { renderLine } from './render-line.js';

const plain = createStyle(false);
const NOW = new Date('2026-03-14T18:30:00Z');
const AT = '2026-03-14T18:25:00.000Z';
const render = (line: Line) => renderLine(line, plain, NOW);

describe('renderLine', () => {
  it('shows time, author and text, and marks our own messages', () => {
    expect(render({ kind: 'message', id: 1, at: AT, author: 'bea', text: 'hola', own: false })).toBe('18:25 bea: hola');
    expect(render({ kind: 'message', id: 2, at: AT, author: 'ana', text: 'hola', own: true })).toBe('18:25 » ana: hola');
    expect(render({ kind: 'action', id: 3, at: AT, author: 'ana', text: 'waves', own: false })).toBe('18:25 * ana waves');
    expect(render({ kind: 'private', id: 4, at: AT, from: 'ana', to: 'bea', text: 'psst', own: true })).toBe('18:25 » [private] ana → bea: psst');
  });

  it('sets notices apart from messages', () => {
    expect(render({ kind: 'join', at: AT, name: 'cy' })).toBe('18:25 → cy joined');
    expect(render({ kind: 'leave', at: AT, name: 'cy', reason: 'conexion_perdida' })).toBe('18:25 ← cy left (connection lost)');
    expect(render({ kind: 'leave', at: AT, name: 'cy', reason: 'expulsado' })).toBe('18:25 ← cy was kicked');
    expect(render({ kind: 'system', at: AT, text: 'maintenance at 20:00' })).toBe('18:25 [announcement] maintenance at 20:00');
    expect(render({ kind: 'closing', at: AT, reason: 'restart' })).toBe('18:25 [server closing] restart');
    expect(render({ kind: 'kicked', at: AT, reason: 'spam' })).toBe('18:25 [kicked] spam');
    expect(render({ kind: 'deleted', at: AT, id: 7 })).toBe('18:25 [deleted] message #7 was removed by an operator');
    expect(render({ kind: 'deleted', at: AT, id: 7, original: { author: 'bea', at: '2026-03-14T18:20:00Z' } })).toBe(
      "18:25 [deleted] bea's message of 18:20 was removed by an operator",
    );
    expect(render({ kind: 'info', text: 'joined' })).toBe('-- joined');
    expect(render({ kind: 'error', text: 'not sent' })).toBe('!! not sent');
  });

  it('replaces every control sequence in names, texts and reasons', () => {
    const evil = '\u001b[2J\u001b]52;c;aGk=\u0007\u202e';
    const lines: Line[] = [
      { kind: 'message', id: 1, at: AT, author: `x${evil}`, text: evil, own: false },
      { kind: 'private', id: 2, at: AT, from: evil, to: evil, text: evil, own: false },
      { kind: 'join', at: AT, name: evil },
      { kind: 'system', at: AT, text: evil },
      { kind: 'kicked', at: AT, reason: evil },
      { kind: 'paused', at: AT, reason: evil },
      { kind: 'error', text: evil },
    ];
    for (const line of lines) {
      const text = render(line);
      expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/u);
      expect(text).toContain('^[[2J^[]52;c;aGk=^G\ufffd');
    }
  });

  it('keeps colour codes only when colour is on, and never lets a message add its own', () => {
    const line: Line = { kind: 'message', id: 1, at: AT, author: 'bea', text: '\u001b[31mred', own: false };
    const coloured = renderLine(line, createStyle(true), NOW);
    expect(coloured).toContain('\u001b[');
    expect(coloured).toContain('^[[31mred');
    expect(coloured).not.toContain('\u001b[31mred');
  });

  it('indents the continuation lines of a multi-line message', () => {
    expect(render({ kind: 'message', id: 1, at: AT, author: 'bea', text: 'uno\ndos', own: false })).toBe('18:25 bea: uno\n      dos');
  });
});
