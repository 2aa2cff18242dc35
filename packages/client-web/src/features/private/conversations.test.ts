import type { LogEntry, LogFrame } from '@charla/sdk';
import { describe, expect, it } from 'vitest';
import { conversationEntries, privatePartners } from './conversations';

const at = '2025-01-01T10:00:00.000Z';
let id = 0;
const entry = (frame: LogFrame, own = false): LogEntry => ({ key: `k${++id}`, frame, own });
const pub = (remitente: string, contenido: string) => entry({ tipo: 'mensaje', id: ++id, remitente, contenido, marca_tiempo: at }, remitente === 'ana');
const priv = (remitente: string, para: string, contenido: string) => entry({ tipo: 'privado', id: ++id, remitente, para, contenido, marca_tiempo: at }, remitente === 'ana');

const log = [
  entry({ tipo: 'usuario_conectado', nombre: 'bea', marca_tiempo: at }),
  pub('bea', 'hola a todos'),
  priv('bea', 'ana', 'hola ana'),
  priv('ana', 'bea', 'hola bea'),
  priv('carla', 'ana', 'psst'),
  entry({ tipo: 'usuario_desconectado', nombre: 'carla', motivo: 'salida', marca_tiempo: at }),
  entry({ tipo: 'sistema', contenido: 'aviso', marca_tiempo: at }),
];
const contents = (entries: readonly LogEntry[]) => entries.map(({ frame }) => ('contenido' in frame ? frame.contenido : frame.tipo));

describe('conversationEntries', () => {
  it('shows everyone’s conversation without private messages', () => {
    expect(contents(conversationEntries(log, null, 'ana'))).toEqual(['usuario_conectado', 'hola a todos', 'usuario_desconectado', 'aviso']);
  });

  it('shows a private conversation: both directions with that partner and their comings and goings', () => {
    expect(contents(conversationEntries(log, 'bea', 'ana'))).toEqual(['usuario_conectado', 'hola ana', 'hola bea']);
    expect(contents(conversationEntries(log, 'carla', 'ana'))).toEqual(['psst', 'usuario_desconectado']);
  });
});

describe('privatePartners', () => {
  it('lists partners in the order their conversations started, plus unread ones no longer in the log', () => {
    expect(privatePartners(log, 'ana', {})).toEqual(['bea', 'carla']);
    expect(privatePartners(log, 'ana', { dani: 2, bea: 1 })).toEqual(['bea', 'carla', 'dani']);
  });
});
