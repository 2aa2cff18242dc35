import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { AdminClient } from '@charla/sdk/admin';
import type { Role } from '@charla/sdk/admin';
import { EventsConnection } from '../api/events';
import type { Session } from '../api/session';
import { SessionProvider } from '../app/SessionProvider';
import type { Language } from '../i18n/dictionary';
import { I18nProvider } from '../i18n/I18nProvider';
import { storeLanguage } from '@charla/web-i18n';
import { ADMIN, fakeServer, FakeEventSockets, VIEWER } from './fakeServer';
import type { FakeServer } from './fakeServer';

export const ORIGIN = 'http://console.test';

/** A signed-in session wired to the fakes: no network, events pushed by the test. */
export function fakeSession(role: Role = 'admin', server: FakeServer = fakeServer()) {
  const sockets = new FakeEventSockets();
  const token = role === 'admin' ? ADMIN : VIEWER;
  const api = new AdminClient({ baseUrl: ORIGIN, token, fetch: server.fetch });
  const session: Session = {
    role,
    api,
    // Published at once: tests wait for the DOM, not for a flush timer.
    events: new EventsConnection({ url: `ws://console.test/api/events`, token, WebSocket: sockets.Socket, flushMs: 0, loadHistory: (minutes) => api.statsHistory(minutes) }),
  };
  return { session, server, sockets };
}

/** Renders inside the app's providers, in the language given (stored as the reader's choice). */
export function renderInSession(ui: ReactElement, { session, language = 'en' }: { session: Session; language?: Language }) {
  storeLanguage(language);
  return render(
    <I18nProvider>
      <SessionProvider session={session}>{ui}</SessionProvider>
    </I18nProvider>,
  );
}

export function renderI18n(ui: ReactElement, language: Language = 'en') {
  storeLanguage(language);
  return render(<I18nProvider>{ui}</I18nProvider>);
}
