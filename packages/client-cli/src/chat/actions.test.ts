import { ChatError } from '@charla/sdk';
import { describe, expect, it, vi } from 'vitest';
import { en, es } from '../i18n/index.js';
import { explain, perform } from './actions.js';
import type { ActionTarget } from './actions.js';
import { parseInput } from './input.js';
import type { Line } from './lines.js';

function target(client: Partial<ActionTarget['client']> = {}) {
  const lines: Line[] = [];
  let settle: () => void = () => undefined;
  const settled = new Promise<void>((resolve) => (settle = resolve));
  const t = {
    client: {
      send: vi.fn(async () => 1),
      sendPrivate: vi.fn(async () => 2),
      users: vi.fn(async () => []),
      history: vi.fn(),
      getSnapshot: () => ({ nombre: 'ana' }),
      ...client,
    } as unknown as ActionTarget['client'],
    transcript: {
      add: (line: Line) => {
        lines.push(line);
        settle();
      },
      showHistory: vi.fn(),
    },
    clearScreen: vi.fn(),
    quit: vi.fn(),
    t: en,
  };
  return { t, lines, settled };
}

const act = (text: string, t: ActionTarget) => perform(parseInput(text) ?? { kind: 'invalid', message: 'blank' }, t);

describe('perform', () => {
  it('sends messages, actions and private messages through the client', () => {
    const { t } = target();
    act('hola', t);
    act('/me waves', t);
    act('/msg bea psst', t);
    expect(t.client.send).toHaveBeenNthCalledWith(1, 'hola');
    expect(t.client.send).toHaveBeenNthCalledWith(2, '/me waves');
    expect(t.client.sendPrivate).toHaveBeenCalledWith('bea', 'psst');
  });

  it('answers /users with who is online, marking us', async () => {
    const { t, lines, settled } = target({ users: async () => [{ nombre: 'ana', desde: '' }, { nombre: 'bea', desde: '' }] });
    act('/users', t);
    await settled;
    expect(lines).toEqual([{ kind: 'info', text: '2 online: ana (you), bea' }]);
  });

  it('puts a refused send in the transcript, explained', async () => {
    const { t, lines, settled } = target({ sendPrivate: async () => Promise.reject(new ChatError('destinatario_desconocido', 'no existe')) });
    act('/msg nadie hola', t);
    await settled;
    expect(lines).toEqual([{ kind: 'error', text: 'nobody by that name is online (/users lists who is)', detail: 'no existe' }]);
  });

  it('shows help and usage errors locally, and clears and quits through the UI', () => {
    const { t, lines } = target();
    act('/help', t);
    act('/msg', t);
    act('/clear', t);
    act('/quit', t);
    expect(lines[0]).toMatchObject({ kind: 'info', text: expect.stringContaining('/msg NAME TEXT') });
    expect(lines[1]).toEqual({ kind: 'error', text: 'usage: /msg NAME TEXT' });
    expect(t.clearScreen).toHaveBeenCalledOnce();
    expect(t.quit).toHaveBeenCalledOnce();
    expect(t.client.send).not.toHaveBeenCalled();
  });
});

describe('explain', () => {
  it("falls back to the server's own words for an unforeseen code", () => {
    expect(explain(new ChatError('otro_codigo' as 'no_soportado', 'eso no'))).toEqual({ text: 'otro_codigo', detail: 'eso no' });
  });

  it("says the code in the user's language, the server's words as the detail", () => {
    const error = new ChatError('limite_de_frecuencia', 'demasiados mensajes');
    expect(explain(error, en)).toEqual({ text: 'too fast, not sent: wait a few seconds and send it again', detail: 'demasiados mensajes' });
    expect(explain(error, es)).toEqual({ text: 'demasiado rápido, no se envió: espera unos segundos y vuelve a enviarlo', detail: 'demasiados mensajes' });
  });
});
