import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogEntry } from '@charla/sdk';
import { I18nProvider } from '../../i18n/I18nProvider';
import { storeLanguage } from '@charla/web-i18n';
import { NotifySetting } from './NotifySetting';
import { useNotifySetting, usePrivateNotifications } from './privateNotifications';

/** The browser's Notification API, as far as the chat uses it (happy-dom has none). */
class FakeNotification {
  static permission: NotificationPermission = 'default';
  static answer: NotificationPermission = 'granted';
  static shown: { title: string; body?: string; tag?: string }[] = [];
  static requestPermission = vi.fn(async () => (FakeNotification.permission = FakeNotification.answer));
  constructor(
    readonly title: string,
    readonly options: { body?: string; tag?: string } = {},
  ) {
    FakeNotification.shown.push({ title, ...options });
  }
}

const at = '2025-01-01T10:00:00.000Z';
let id = 0;
const privado = (remitente: string, para: string, own = false): LogEntry => {
  id++;
  return { key: `m${id}`, own, frame: { tipo: 'privado', id, remitente, para, contenido: `hola ${id}`, marca_tiempo: at } };
};
const mensaje = (remitente: string): LogEntry => {
  id++;
  return { key: `m${id}`, own: false, frame: { tipo: 'mensaje', id, remitente, contenido: 'a todos', marca_tiempo: at } };
};

let hidden = false;
function Chat({ log }: { log: readonly LogEntry[] }) {
  const notify = useNotifySetting();
  usePrivateNotifications(log, notify.state === 'on', (from) => `from ${from}`);
  return <NotifySetting {...notify} />;
}
const inApp = (log: readonly LogEntry[]) => (
  <I18nProvider>
    <Chat log={log} />
  </I18nProvider>
);

beforeEach(() => {
  storeLanguage('en');
  localStorage.clear();
  hidden = false;
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  FakeNotification.permission = 'default';
  FakeNotification.answer = 'granted';
  FakeNotification.shown = [];
  FakeNotification.requestPermission.mockClear();
  vi.stubGlobal('Notification', FakeNotification);
});
afterEach(() => {
  vi.unstubAllGlobals();
  Reflect.deleteProperty(document, 'hidden');
});

describe('notifications of private messages', () => {
  it('are off, and asked for only when the person turns them on', async () => {
    render(inApp([]));
    const box = screen.getByRole('checkbox', { name: 'Notify me of private messages while this tab is hidden' });
    expect((box as HTMLInputElement).checked).toBe(false);
    expect(FakeNotification.requestPermission).not.toHaveBeenCalled();
    await act(async () => void fireEvent.click(box));
    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);
    expect((box as HTMLInputElement).checked).toBe(true);
  });

  it('notify a private message from someone else while the tab is hidden, and nothing else', async () => {
    const history = [privado('bea', 'ana')];
    const { rerender } = render(inApp(history));
    await act(async () => void fireEvent.click(screen.getByRole('checkbox')));
    // Visible: no notification.
    let log = [...history, privado('bea', 'ana')];
    rerender(inApp(log));
    hidden = true;
    // Hidden: a public message, one's own private and another's private arrive.
    log = [...log, mensaje('carla'), privado('ana', 'bea', true), privado('carla', 'ana')];
    rerender(inApp(log));
    expect(FakeNotification.shown).toEqual([{ title: 'from carla', body: `hola ${id}`, tag: 'charla-private-carla' }]);
  });

  it('stay off when the browser says no, and say why', async () => {
    FakeNotification.answer = 'denied';
    const { rerender } = render(inApp([]));
    await act(async () => void fireEvent.click(screen.getByRole('checkbox')));
    expect((screen.getByRole('checkbox') as HTMLInputElement).checked).toBe(false);
    expect(screen.getByText(/does not allow notifications/).textContent).toMatch(/site’s permissions/);
    hidden = true;
    rerender(inApp([privado('bea', 'ana')]));
    expect(FakeNotification.shown).toEqual([]);
  });

  it('are remembered in this browser once allowed', async () => {
    FakeNotification.permission = 'granted';
    localStorage.setItem('charla.notifyPrivate', 'on');
    render(inApp([]));
    expect((screen.getByRole('checkbox') as HTMLInputElement).checked).toBe(true);
  });
});
