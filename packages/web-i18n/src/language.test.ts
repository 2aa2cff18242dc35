import { describe, expect, it } from 'vitest';
import { pickLanguage } from './language.js';

describe('pickLanguage', () => {
  it('prefers the reader’s stored choice', () => {
    expect(pickLanguage('en', ['es-MX', 'es'])).toBe('en');
    expect(pickLanguage('es', ['en-US'])).toBe('es');
  });

  it('else takes the first browser language it speaks, by primary subtag', () => {
    expect(pickLanguage(null, ['es-MX', 'en'])).toBe('es');
    expect(pickLanguage(null, ['fr-FR', 'EN-gb', 'es'])).toBe('en');
    expect(pickLanguage('klingon', ['ES'])).toBe('es');
  });

  it('falls back to English', () => {
    expect(pickLanguage(null, ['de-DE', 'fr'])).toBe('en');
    expect(pickLanguage(null, [])).toBe('en');
  });
});
