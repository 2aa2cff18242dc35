import type { admin } from '@charla/protocol';
import { describe, expect, it } from 'vitest';
import { createStyle } from '../../format.js';
import { renderMessages } from './messages.js';

const plain = createStyle(false);
// vitest.config.ts runs the tests in UTC.
const at = '2026-03-14T18:30:05.000Z';
const NOW = new Date(at);

describe('renderMessages', () => {
  it('marks a private message whose text the server withholds, instead of printing it blank', () => {
    const page: admin.MessagesPage = {
      items: [
        { tipo: 'mensaje', id: 9, remitente: 'ana', contenido: 'hola', marca_tiempo: at },
        { tipo: 'privado', id: 10, remitente: 'ana', para: 'bea', contenido: null, marca_tiempo: at },
        { tipo: 'privado', id: 11, remitente: 'bea', para: 'ana', contenido: 'leído con --admin-reads-private', marca_tiempo: at },
      ],
      complete: true,
    };
    expect(renderMessages(page, plain, NOW)).toEqual([
      '#9  18:30 ana: hola',
      '#10 18:30 [private] ana → bea: [content hidden]',
      '#11 18:30 [private] bea → ana: leído con --admin-reads-private',
    ]);
  });
});
