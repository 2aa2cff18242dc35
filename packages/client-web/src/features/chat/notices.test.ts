import { describe, expect, it } from 'vitest';
import { DICTIONARIES } from '../../i18n/dictionary';
import { noticeDetail, noticeText } from './notices';

const { en, es } = DICTIONARIES;
const at = '2025-01-01T10:00:00.000Z';

describe('noticeText', () => {
  it('announces joins and each kind of leave', () => {
    expect(noticeText({ tipo: 'usuario_conectado', nombre: 'bea', marca_tiempo: at }, en)).toBe('bea joined.');
    const left = (motivo: 'salida' | 'conexion_perdida' | 'expulsado' | 'lento') => noticeText({ tipo: 'usuario_desconectado', nombre: 'bea', motivo, marca_tiempo: at }, en);
    expect(left('salida')).toBe('bea left.');
    expect(left('conexion_perdida')).toBe('bea lost the connection.');
    expect(left('expulsado')).toBe('An operator removed bea.');
    expect(left('lento')).toBe('bea was disconnected: their connection was too slow.');
    expect(noticeText({ tipo: 'usuario_desconectado', nombre: 'bea', motivo: 'salida', marca_tiempo: at }, es)).toBe('bea ha salido.');
  });

  it('shows announcements as written, and explains deletions, shutdowns and kicks', () => {
    expect(noticeText({ tipo: 'sistema', contenido: 'Mantenimiento a las 22:00', marca_tiempo: at }, en)).toBe('Mantenimiento a las 22:00');
    expect(noticeText({ tipo: 'mensaje_borrado', id: 3 }, en)).toBe('An operator deleted this message.');
    expect(noticeText({ tipo: 'servidor_cerrando', motivo: 'actualización' }, es)).toBe('El servidor se está cerrando.');
    expect(noticeText({ tipo: 'servidor_cerrando', motivo: 'actualización' }, en)).toBe('The server is shutting down.');
    expect(noticeDetail({ tipo: 'servidor_cerrando', motivo: 'actualización' }, en)).toBe('The server says: “actualización”');
    expect(noticeText({ tipo: 'expulsado', motivo: 'spam' }, en)).toBe('An operator removed you from the chat.');
    expect(noticeDetail({ tipo: 'expulsado', motivo: 'spam' }, es)).toBe('El servidor dice: «spam»');
    expect(noticeDetail({ tipo: 'expulsado', motivo: '' }, en)).toBeNull();
  });
});
