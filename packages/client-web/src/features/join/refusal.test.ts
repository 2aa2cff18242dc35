import { REJECTION_REASONS } from '@charla/protocol';
import { describe, expect, it } from 'vitest';
import { DICTIONARIES } from '../../i18n/dictionary';
import { joinProblem, REFUSAL_FIELD } from './refusal';

const { en, es } = DICTIONARIES;

describe('joinProblem', () => {
  it('puts a name refusal by the name field, with the server’s detail', () => {
    expect(joinProblem({ kind: 'rechazado', motivo: 'nombre_duplicado', detalle: 'el nombre «ana» ya está en uso' }, en)).toEqual({
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

  it.each(REJECTION_REASONS)('maps %s to its own sentence in each language', (motivo) => {
    const ended = { kind: 'rechazado', motivo, detalle: '' } as const;
    expect(joinProblem(ended, es)).toEqual({ field: REFUSAL_FIELD[motivo], message: es.refusal[motivo], detail: null });
    expect(joinProblem(ended, en)?.message).toBe(en.refusal[motivo]);
  });

  it('explains an unreachable server by the address, and nothing for other endings', () => {
    expect(joinProblem({ kind: 'red', detalle: 'no se pudo conectar (código 1006)' }, es)).toEqual({ field: 'server', message: es.join.unreachable, detail: null });
    expect(joinProblem({ kind: 'desconexion' }, es)).toBeNull();
    expect(joinProblem(null, es)).toBeNull();
  });
});
