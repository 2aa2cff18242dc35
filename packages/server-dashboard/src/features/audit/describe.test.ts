import { describe, expect, it } from 'vitest';
import { DICTIONARIES } from '../../i18n/dictionary';
import { formatTime } from '../../lib/format';
import { auditDetails, auditSentence } from './describe';

const AT = '2025-01-01T10:00:00.000Z';
const entry = (action: string, target: string, details: Record<string, unknown> = {}) => ({ at: AT, actor: 'ops', action, target, details });
const en = DICTIONARIES.en;
const es = DICTIONARIES.es;

describe('an audit entry’s details', () => {
  it('reads as words per action, in the reader’s language', () => {
    expect(auditDetails(entry('kick', 'bea', { reason: 'spam', banSeconds: 3600 }), en, 'en')).toBe('reason: spam, banned 1 h');
    expect(auditDetails(entry('kick', 'bea', { reason: 'spam', banSeconds: 3600 }), es, 'es')).toBe('motivo: spam, vetado 1 h');
    // The ban's end in local time, not the raw ISO.
    const until = formatTime('2025-01-01T11:00:00.000Z', 'en');
    expect(auditDetails(entry('ban', 'bea', { seconds: 3600, reason: 'flood', id: 3 }), en, 'en')).toBe(`name: bea, until ${until}, reason: flood`);
    expect(auditDetails(entry('ban', '10.0.0.9', { seconds: 3600 }), en, 'en')).toBe(`address: 10.0.0.9, until ${until}`);
    expect(auditDetails(entry('read_private', '/messages?q=x', { count: 2, ids: [4, 5] }), en, 'en')).toBe('2 private messages read: #4, #5');
    expect(auditDetails(entry('read_private', '/messages', { count: 1, ids: [4] }), es, 'es')).toBe('1 mensaje privado leído: #4');
    expect(auditDetails(entry('accepting', 'server', { accepting: false, disconnectAll: true, reason: 'maintenance' }), en, 'en')).toBe('accepting: off, disconnect all, reason: maintenance');
    expect(auditDetails(entry('accepting', 'server', { accepting: true, disconnectAll: false }), es, 'es')).toBe('aceptar conexiones: sí');
    expect(auditDetails(entry('announce', 'everyone', { content: 'hola' }), en, 'en')).toBe('“hola”');
    expect(auditDetails(entry('unban', '3'), en, 'en')).toBe('');
  });

  it('falls back to a compact key: value list for actions it does not know', () => {
    expect(auditDetails(entry('reboot', 'server', { in: 30, why: 'update', nodes: ['a', 'b'] }), en, 'en')).toBe('in: 30, why: update, nodes: ["a","b"]');
  });

  it('makes a sentence of the whole entry (for the activity log)', () => {
    expect(auditSentence(entry('kick', 'bea', { reason: 'spam', banSeconds: 3600 }), en, 'en')).toBe('ops kicked bea (reason: spam, banned 1 h)');
    expect(auditSentence(entry('accepting', 'server', { accepting: false, disconnectAll: true }), en, 'en')).toBe('ops stopped accepting connections (disconnect all)');
    expect(auditSentence(entry('accepting', 'server', { accepting: true }), es, 'es')).toBe('ops volvió a aceptar conexiones');
    expect(auditSentence(entry('reboot', 'server'), en, 'en')).toBe('ops: reboot server');
  });
});
