import { LEAVE_REASONS, REJECTION_REASONS } from '@charla/protocol';
import { describe, expect, it } from 'vitest';
import { DICTIONARIES } from './dictionary';

describe.each(Object.entries(DICTIONARIES))('the %s dictionary', (_language, t) => {
  it.each(REJECTION_REASONS)('explains the refusal %s in a sentence', (motivo) => {
    expect(t.refusal[motivo]).toMatch(/^\p{Lu}.{15,}\.$/u);
  });

  it.each(LEAVE_REASONS)('says who left and why for %s', (motivo) => {
    expect(t.notice.left[motivo]('bea')).toContain('bea');
  });
});

describe('the two dictionaries', () => {
  it('differ in every refusal sentence (nothing left untranslated)', () => {
    for (const motivo of REJECTION_REASONS) expect(DICTIONARIES.es.refusal[motivo]).not.toBe(DICTIONARIES.en.refusal[motivo]);
  });
});
