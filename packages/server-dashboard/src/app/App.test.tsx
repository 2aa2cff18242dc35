import { AdminCloseCode, CloseCode } from '@charla/protocol';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Environment } from '../api/session';
import { ADMIN, FakeEventSockets, fakeServer, stats, VIEWER } from '../test/fakeServer';
import type { FakeServer } from '../test/fakeServer';
import { ORIGIN, renderI18n } from '../test/render';
import { App } from './App';

function start(server: FakeServer = fakeServer(), language: 'en' | 'es' = 'en') {
  const sockets = new FakeEventSockets();
  const env: Environment = { origin: ORIGIN, fetch: server.fetch, WebSocket: sockets.Socket };
  renderI18n(<App env={env} />, language);
  return { server, sockets };
}

async function signInWith(token: string) {
  fireEvent.change(screen.getByLabelText('Admin token'), { target: { value: token } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

const badge = () => document.querySelector('.connection')?.textContent;

describe('signing in', () => {
  it('refuses a wrong token by the field, then opens the console with the right one and keeps it in sessionStorage only', async () => {
    const { sockets } = start();
    expect(document.activeElement).toBe(screen.getByLabelText('Admin token'));
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('alert').textContent).toBe('Type the token.');

    await signInWith('wrong');
    expect((await screen.findByRole('alert')).textContent).toBe('The server does not know this token.');
    expect(screen.getByLabelText('Admin token').getAttribute('aria-invalid')).toBe('true');

    await signInWith(`  ${ADMIN}  `);
    await screen.findByRole('navigation', { name: 'Sections' });
    expect(Object.values(sessionStorage)).toEqual([ADMIN]);
    expect(Object.values(localStorage)).not.toContain(ADMIN);
    expect(window.location.href).not.toContain(ADMIN);
    await waitFor(() => expect(sockets.sockets).toHaveLength(1));
    expect(sockets.latest.url).toBe('ws://console.test/api/events');
    sockets.latest.open();
    expect(sockets.latest.sent).toEqual([{ type: 'auth', token: ADMIN }]);
  });

  it('explains an unreachable server', async () => {
    const server = fakeServer();
    server.unreachable = true;
    start(server);
    await signInWith(ADMIN);
    expect((await screen.findByRole('alert')).textContent).toBe('Could not reach the server.');
  });

  it('comes back signed in after a reload (the token kept in this tab), and signs out', async () => {
    sessionStorage.setItem('charla.console.token', ADMIN);
    start();
    await screen.findByRole('navigation', { name: 'Sections' });
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByText('You signed out.');
    expect(sessionStorage.length).toBe(0);
  });

  it('ends the session when the event stream refuses the token (4401), and says why', async () => {
    const { sockets } = start();
    await signInWith(ADMIN);
    // The stream opens in an effect, after the console's first render.
    await waitFor(() => expect(sockets.sockets).toHaveLength(1));
    sockets.latest.drop(AdminCloseCode.unauthorized);
    await screen.findByText('Your session ended: the server no longer accepts this token. Sign in again.');
    expect(sessionStorage.length).toBe(0);
  });

  it('ends the session on any 401 from a request', async () => {
    const { server } = start();
    await signInWith(ADMIN);
    await screen.findByRole('navigation', { name: 'Sections' });
    server.revoked.add(ADMIN);
    window.location.hash = '#/users';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await screen.findByText('Your session ended: the server no longer accepts this token. Sign in again.');
  });
});

describe('the console', () => {
  it('shows the connection state at all times: connecting, live, reconnecting with a countdown', async () => {
    const { sockets, server } = start();
    await signInWith(ADMIN);
    await waitFor(() => expect(sockets.sockets).toHaveLength(1));
    expect(badge()).toBe('Connecting to the server…');
    sockets.latest.open();
    sockets.latest.push({ type: 'stats', ...stats(server.state) });
    await waitFor(() => expect(badge()).toBe('Live'));
    sockets.latest.drop(CloseCode.abnormal);
    await waitFor(() => expect(badge()).toMatch(/^Lost the server\. Reconnecting…/));
  });

  it('navigates by hash between the sections, marking the current one', async () => {
    start();
    await signInWith(ADMIN);
    const nav = await screen.findByRole('navigation', { name: 'Sections' });
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(['Overview', 'Users', 'Activity', 'Messages', 'Announce', 'Bans', 'Audit']);
    expect(within(nav).getByRole('link', { name: 'Overview' }).getAttribute('aria-current')).toBe('page');
    window.location.hash = '#/activity';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await screen.findByRole('heading', { level: 2, name: 'Activity' });
    expect(within(nav).getByRole('link', { name: 'Activity' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).getByRole('link', { name: 'Activity' }).getAttribute('href')).toBe('#/activity');
  });

  it('tells a viewer what their token may do, in the shell: the role comes from GET /api/me, with no write to probe it', async () => {
    const { server } = start();
    await signInWith(VIEWER);
    await screen.findByText('Read-only token: you see everything, but the controls that change things are disabled.');
    expect(server.calls('GET', '/me')).toHaveLength(1);
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('gives an admin token the controls, learning that from GET /api/me too', async () => {
    const { server } = start();
    await signInWith(ADMIN);
    await screen.findByRole('navigation', { name: 'Sections' });
    expect(screen.queryByText(/^Read-only token/)).toBeNull();
    expect(server.calls('GET', '/me')).toHaveLength(1);
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('speaks Spanish too, and can be switched', async () => {
    start(fakeServer(), 'es');
    expect(screen.getByLabelText('Token de administración')).toBeDefined();
    fireEvent.change(screen.getByLabelText('Idioma'), { target: { value: 'en' } });
    await screen.findByLabelText('Admin token');
    expect(document.documentElement.lang).toBe('en');
  });
});
