import { act, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '@charla/sdk';
import { useTabTitle } from './useTabTitle';

const at = '2025-01-01T10:00:00.000Z';
let id = 0;
const message = (remitente: string, own = false): LogEntry => {
  id++;
  return { key: `m${id}`, own, frame: { tipo: 'mensaje', id, remitente, contenido: 'hola', marca_tiempo: at } };
};
const joined: LogEntry = { key: 'n1', own: false, frame: { tipo: 'usuario_conectado', nombre: 'bea', marca_tiempo: at } };

let hidden = false;
function setHidden(value: boolean) {
  hidden = value;
  act(() => void document.dispatchEvent(new Event('visibilitychange')));
}

function Title({ log }: { log: readonly LogEntry[] }) {
  useTabTitle(log);
  return null;
}

beforeEach(() => {
  hidden = false;
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  document.title = 'charla';
});
afterEach(() => {
  Reflect.deleteProperty(document, 'hidden');
});

describe('the tab title', () => {
  it('counts messages from others that arrive while the tab is hidden, and resets when it is shown', () => {
    let log: LogEntry[] = [message('bea')];
    const { rerender } = render(<Title log={log} />);
    expect(document.title).toBe('charla');
    // Visible: nothing counted.
    log = [...log, message('bea')];
    rerender(<Title log={log} />);
    expect(document.title).toBe('charla');

    setHidden(true);
    log = [...log, message('bea'), message('ana', true), joined, message('carla'), message('bea')];
    rerender(<Title log={log} />);
    expect(document.title).toBe('(3) charla');

    setHidden(false);
    expect(document.title).toBe('charla');
    log = [...log, message('bea')];
    rerender(<Title log={log} />);
    expect(document.title).toBe('charla');
  });
});
