import { REJECTION_REASONS } from '@charla/protocol';
import { describe, expect, it } from 'vitest';
import { DICTIONARIES } from '../../i18n/dictionary';
import { joinProblem, REFUSAL_FIELD } from './refusal';

const { en, es } = DICTIONARIES;

describe('joinProblem', () => {
  it('puts a name refusal by the name field, with the server’s detail', () => {
    expect(joinProblem({ kind: 'rechazado', motivo: 'nombre_duplicado', detalle: 'el nombre «ana» ya está en uso' }, en, 'en')).toEqual({
      field: 'name',
      message: 'That name is already taken. Pick another one.',
      detail: 'The server says: “el nombre «ana» ya está en uso”',
    });
  });

  it('puts a wrong key by the key field and the rest by the address', () => {
    expect(REFUSAL_FIELD).toEqual({
      nombre_duplicado: 'name',
      nombre_invalido: 'name',
      clave_incorrecta: 'secret',
      vetado: 'server',
      servidor_lleno: 'server',
      no_aceptando: 'server',
      version_no_soportada: 'server',
    });
  });

  it('dates a ban’s end in the reader’s language and time zone, the operator’s reason apart', () => {
    const ended = { kind: 'rechazado', motivo: 'vetado', detalle: 'vetado hasta 2026-12-02T18:30:00.000Z: spam' } as const;
    expect(joinProblem(ended, en, 'en', 'Europe/Madrid')).toEqual({
      field: 'server',
      message: 'You are not allowed to join this chat until December 2, 2026 at 7:30 PM.',
      detail: 'The server says: “spam”',
    });
    const spanish = joinProblem(ended, es, 'es', 'America/Mexico_City');
    expect(spanish?.message).toBe('No tienes permitido entrar en este chat hasta el 2 de diciembre de 2026 a las 12:30.');
    expect(spanish?.message).not.toContain('2026-12-02T');
  });

  it.each(REJECTION_REASONS)('maps %s to its own sentence in each language', (motivo) => {
    const ended = { kind: 'rechazado', motivo, detalle: '' } as const;
    // A vetado without a readable end time is the plain sentence.
    expect(joinProblem(ended, es, 'es')).toEqual({ field: REFUSAL_FIELD[motivo], message: es.refusal[motivo], detail: null });
    expect(joinProblem(ended, en, 'en')?.message).toBe(en.refusal[motivo]);
  });

  it('explains an unreachable server by the address, and nothing for other endings', () => {
    expect(joinProblem({ kind: 'red', detalle: 'no se pudo conectar (código 1006)', codigo: 1006 }, es, 'es')).toEqual({ field: 'server', message: es.closed.unreachable, detail: null });
    expect(joinProblem({ kind: 'red', detalle: 'no se pudo conectar (código 1006)', codigo: 1006 }, en, 'en')?.message).toBe('Could not reach the server. Check the address or try again in a moment.');
    expect(joinProblem({ kind: 'desconexion' }, es, 'es')).toBeNull();
    expect(joinProblem(null, es, 'es')).toBeNull();
  });
});
