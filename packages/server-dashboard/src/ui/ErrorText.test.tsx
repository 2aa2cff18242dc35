import { ADMIN_ERROR_CODES } from '@charla/protocol/admin';
import { AdminError } from '@charla/sdk/admin';
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DICTIONARIES } from '../i18n/dictionary';
import type { Language } from '../i18n/dictionary';
import { renderI18n } from '../test/render';
import { ErrorText } from './ErrorText';

const refusal = (code: (typeof ADMIN_ERROR_CODES)[number], message: string) => new AdminError(code, message, { status: 400, answer: { code, message } });
const said = (error: unknown, language: Language = 'en') => {
  cleanup();
  renderI18n(<ErrorText error={error} />, language);
  return screen.getByRole('alert').textContent;
};

describe('an error', () => {
  afterEach(cleanup);

  it('is told from its code in the reader’s language, for every code the SDK gives', () => {
    for (const language of ['en', 'es'] as const) {
      for (const code of ADMIN_ERROR_CODES) {
        // The SDK's own message (English, for developers) is not shown: no answer from the server.
        expect(said(new AdminError(code, `sdk says ${code}`), language)).toBe(DICTIONARIES[language].errors[code]);
      }
    }
    expect(said(new AdminError('too_many_attempts', 'x'), 'es')).toBe('Demasiados intentos fallidos desde esta dirección: espera unos minutos.');
  });

  it('keeps the server’s message as secondary detail, after the sentence', () => {
    expect(said(refusal('conflict', 'accepting already off'))).toBe('It clashes with the server’s current state. The server says: “accepting already off”');
    expect(screen.getByText('The server says: “accepting already off”').className).toBe('error-detail');
    expect(said(refusal('not_found', 'nobody named ana is connected'), 'es')).toBe('Ya no existe. El servidor dice: «nobody named ana is connected»');
    // Nothing more when the server only repeats its code, or for a token it does not know.
    expect(said(refusal('forbidden', 'forbidden'))).toBe(DICTIONARIES.en.errors.forbidden);
    expect(said(refusal('unauthorized', 'bad token'))).toBe(DICTIONARIES.en.errors.unauthorized);
  });

  it('is a network failure when it is not the SDK’s (a fetch that threw)', () => {
    expect(said(new TypeError('Failed to fetch'))).toBe(DICTIONARIES.en.errors.network);
  });
});
