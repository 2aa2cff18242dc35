import type { LogEntry } from '@charla/sdk';
import { describe, expect, it } from 'vitest';
import { appended, FOLLOWING, followReducer, isAtBottom } from './followLog';

const at = '2025-01-01T10:00:00.000Z';
const message = (id: number, own = false): LogEntry => ({ key: `m${id}`, frame: { tipo: 'mensaje', id, remitente: own ? 'ana' : 'bea', contenido: 'x', marca_tiempo: at }, own });
const joined = (n: number): LogEntry => ({ key: `n${n}`, frame: { tipo: 'usuario_conectado', nombre: 'carla', marca_tiempo: at }, own: false });

describe('followReducer', () => {
  it('keeps following while the reader is at the bottom', () => {
    expect(followReducer(FOLLOWING, { type: 'appended', messages: 3, own: false })).toEqual({ atBottom: true, unseen: 0 });
  });

  it('counts new messages once the reader scrolled up, until they come back down', () => {
    let state = followReducer(FOLLOWING, { type: 'scrolled', atBottom: false });
    state = followReducer(state, { type: 'appended', messages: 2, own: false });
    state = followReducer(state, { type: 'appended', messages: 1, own: false });
    expect(state).toEqual({ atBottom: false, unseen: 3 });
    expect(followReducer(state, { type: 'scrolled', atBottom: true })).toEqual(FOLLOWING);
    expect(followReducer(state, { type: 'jumped' })).toEqual(FOLLOWING);
  });

  it('follows the reader’s own message even when scrolled up', () => {
    const up = { atBottom: false, unseen: 2 };
    expect(followReducer(up, { type: 'appended', messages: 0, own: true })).toEqual(FOLLOWING);
  });

  it('returns the same state when nothing changes, so React skips the render', () => {
    expect(followReducer(FOLLOWING, { type: 'scrolled', atBottom: true })).toBe(FOLLOWING);
    const up = { atBottom: false, unseen: 1 };
    expect(followReducer(up, { type: 'scrolled', atBottom: false })).toBe(up);
    expect(followReducer(up, { type: 'appended', messages: 0, own: false })).toBe(up);
  });
});

describe('appended', () => {
  it('counts messages from others added at the end, notices aside', () => {
    const before = [message(1)];
    expect(appended(before, [...before, message(2), joined(1), message(3)])).toEqual({ messages: 2, own: false });
    expect(appended(before, [...before, message(2, true)])).toEqual({ messages: 0, own: true });
  });

  it('is null when nothing was added at the end (same log, or older history merged in front)', () => {
    const log = [message(5)];
    expect(appended(log, log)).toBeNull();
    expect(appended(log, [message(4), message(5)])).toBeNull();
  });

  it('counts everything when the old last line is gone', () => {
    expect(appended([message(1)], [message(7), message(8)])).toEqual({ messages: 2, own: false });
  });
});

describe('isAtBottom', () => {
  it('allows a little slack', () => {
    expect(isAtBottom({ scrollTop: 700, scrollHeight: 1000, clientHeight: 300 })).toBe(true);
    expect(isAtBottom({ scrollTop: 660, scrollHeight: 1000, clientHeight: 300 })).toBe(true);
    expect(isAtBottom({ scrollTop: 600, scrollHeight: 1000, clientHeight: 300 })).toBe(false);
  });
});
