import { describe, expect, it } from 'vitest';
import { frameToLine } from './lines.js';

const AT = '2026-03-14T18:30:00.000Z';

describe('frameToLine', () => {
  it('marks our own messages and private messages as own', () => {
    const mensaje = { tipo: 'mensaje', id: 1, remitente: 'ana', contenido: 'hola', marca_tiempo: AT } as const;
    expect(frameToLine(mensaje, 'ana', AT)).toMatchObject({ kind: 'message', own: true, author: 'ana', text: 'hola' });
    expect(frameToLine(mensaje, 'bea', AT)).toMatchObject({ kind: 'message', own: false });
    const privado = { tipo: 'privado', id: 2, remitente: 'bea', para: 'ana', contenido: 'psst', marca_tiempo: AT } as const;
    expect(frameToLine(privado, 'ana', AT)).toMatchObject({ kind: 'private', own: false, from: 'bea', to: 'ana' });
  });

  it('reads "/me waves" as an action', () => {
    const line = frameToLine({ tipo: 'mensaje', id: 1, remitente: 'ana', contenido: '/me waves', marca_tiempo: AT }, null, AT);
    expect(line).toMatchObject({ kind: 'action', author: 'ana', text: 'waves' });
  });

  it('stamps frames without a time of their own with the time they arrived', () => {
    expect(frameToLine({ tipo: 'mensaje_borrado', id: 9 }, null, AT)).toEqual({ kind: 'deleted', at: AT, id: 9 });
    expect(frameToLine({ tipo: 'estado', disponible: false, motivo: 'redis' }, null, AT)).toEqual({ kind: 'paused', at: AT, reason: 'redis' });
    expect(frameToLine({ tipo: 'estado', disponible: true }, null, AT)).toEqual({ kind: 'available', at: AT });
  });
});
