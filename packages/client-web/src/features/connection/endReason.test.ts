import { describe, expect, it } from 'vitest';
import { DICTIONARIES } from '../../i18n/dictionary';
import { banOf, closeSentence, endText } from './endReason';

const { en, es } = DICTIONARIES;

describe('end reasons in the interface’s language', () => {
  it('says each close as a sentence, never the bare SDK text', () => {
    expect(endText({ kind: 'red', detalle: 'no se pudo conectar (código 1006)', codigo: 1006 }, en, 'en')).toEqual({ message: en.closed.unreachable, detail: null });
    expect(endText({ kind: 'red', detalle: 'conexión cerrada (código 4006)', codigo: 4006 }, en, 'en')?.message).toBe('Your session was ended (for example, by a password change). Join again.');
    expect(endText({ kind: 'red', detalle: 'conexión cerrada (código 4006)', codigo: 4006 }, es, 'es')?.message).toMatch(/^Tu sesión se ha cerrado/);
    expect(closeSentence(4999, en)).toBe('The server closed the connection (code 4999).');
    expect(closeSentence(4999, es)).toBe('El servidor cerró la conexión (código 4999).');
  });

  it('keeps the operator’s words as secondary detail', () => {
    expect(endText({ kind: 'expulsado', motivo: 'spam' }, es, 'es')).toEqual({ message: 'Un operador te ha expulsado del chat.', detail: 'El servidor dice: «spam»' });
    expect(endText({ kind: 'reemplazado' }, en, 'en')).toEqual({ message: en.status.replaced, detail: null });
    expect(endText({ kind: 'desconexion' }, en, 'en')).toBeNull();
  });

  it('parses a ban’s end, with or without a reason', () => {
    expect(banOf('vetado hasta 2026-12-02T18:30:00.000Z')).toEqual({ until: new Date('2026-12-02T18:30:00.000Z'), reason: '' });
    expect(banOf('vetado hasta 2026-12-02T18:30:00.000Z: a: b')).toEqual({ until: new Date('2026-12-02T18:30:00.000Z'), reason: 'a: b' });
    expect(banOf('no way')).toEqual({ until: null, reason: 'no way' });
  });
});
