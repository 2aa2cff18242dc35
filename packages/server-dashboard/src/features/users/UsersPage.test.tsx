import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../i18n/dictionary';
import { formatTime } from '../../lib/format';
import { fakeServer, names, stats, user } from '../../test/fakeServer';
import { fakeSession, renderInSession } from '../../test/render';
import { UsersPage } from './UsersPage';

function renderUsers(role: 'admin' | 'viewer' = 'admin', users = names(1000), language: Language = 'en') {
  const env = fakeSession(role, fakeServer({ users }));
  renderInSession(<UsersPage />, { session: env.session, language });
  return env;
}

const table = () => screen.getByRole('table');
const search = (text: string) => fireEvent.change(screen.getByLabelText('Search by name'), { target: { value: text } });

describe('the users page', () => {
  // happy-dom lays nothing out: give the table's scroller the height a browser would, so the
  // virtualizer has rows to show (it reads clientHeight).
  const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('users-scroll') ? 600 : 0;
      },
    });
  });
  afterAll(() => {
    if (clientHeight !== undefined) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
  });

  it('shows how many are connected and renders only the first rows of a long list, fetched as one page', async () => {
    const { server } = renderUsers();
    await screen.findByText('1,000 users connected');
    await within(table()).findByRole('button', { name: 'Details of u0000' });
    expect(table().getAttribute('aria-rowcount')).toBe('1001');
    const rows = within(table()).getAllByRole('row').length;
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(60);
    expect(server.calls('GET', '/users').map((r) => r.query.toString())).toEqual(['offset=0&limit=200']);
  });

  it('searches on the server as you type, says how many match, and says so when nobody does', async () => {
    const { server } = renderUsers();
    await screen.findByText('1,000 users connected');
    search('u001');
    await screen.findByText('10 users match “u001”');
    expect(within(table()).getAllByRole('button', { name: /^Details of/ }).map((b) => b.textContent)).toEqual(Array.from({ length: 10 }, (_, i) => `u001${i}`));
    expect(server.calls('GET', '/users').at(-1)?.query.get('q')).toBe('u001');
    search('zz');
    await screen.findByText('Nobody matches that search.');
    search('u0420');
    await screen.findByText('1 user matches “u0420”');
  });

  it('kicks with a reason and an optional ban, says so, and reloads the rows', async () => {
    const { server } = renderUsers('admin', [user('ana'), user('bea')]);
    fireEvent.click(await screen.findByRole('button', { name: 'Kick ana' }));
    const dialog = screen.getByRole('dialog', { name: 'Kick ana' });
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'spam' } });
    fireEvent.change(within(dialog).getByLabelText('Also ban for'), { target: { value: '3600' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Kick' }));
    await screen.findByText('ana was kicked.');
    expect(server.calls('POST', '/users/ana/kick')[0]?.body).toEqual({ reason: 'spam', banSeconds: 3600 });
    await screen.findByText('1 user connected');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows a user’s details from GET /api/users/:name, and says when they are gone', async () => {
    const { server } = renderUsers('admin', [user('ana', { address: '10.0.0.7', messagesSent: 12, node: 'n1' })]);
    fireEvent.click(await screen.findByRole('button', { name: 'Details of ana' }));
    const dialog = screen.getByRole('dialog', { name: 'Details of ana' });
    await within(dialog).findByText('10.0.0.7');
    expect(within(dialog).getByText('12')).toBeDefined();
    expect(within(dialog).getByText('n1')).toBeDefined();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));

    server.state.users = [];
    fireEvent.click(screen.getByRole('button', { name: 'Details of ana' }));
    await screen.findByText('ana is no longer connected.');
  });

  it('shows in the details what the row does not: transport, address, since (local, and for how long), messages, last activity, node', async () => {
    const since = new Date(Date.now() - 12 * 60_000).toISOString();
    const last = new Date(Date.now() - 60_000).toISOString();
    renderUsers('admin', [user('ana', { address: '10.0.0.7', transport: 'tcp', since, lastActivity: last, messagesSent: 1234 })]);
    fireEvent.click(await screen.findByRole('button', { name: 'Details of ana' }));
    const dialog = screen.getByRole('dialog', { name: 'Details of ana' });
    await within(dialog).findByText('10.0.0.7');
    const value = (label: string) => within(dialog).getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(value('Transport')).toBe('TCP (text lines)');
    expect(value('Since')).toBe(`${formatTime(since, 'en')} (12 min ago)`);
    expect(value('Messages')).toBe('1,234');
    expect(value('Last activity')).toBe(formatTime(last, 'en'));
    expect(value('Node')).toBe('this server (no cluster)');
    // Never the raw ISO time.
    expect(dialog.textContent).not.toContain(since);
  });

  it('says it all in Spanish too', async () => {
    renderUsers('admin', [user('ana', { transport: 'ws', node: 'n2' })], 'es');
    fireEvent.click(await screen.findByRole('button', { name: 'Detalles de ana' }));
    const dialog = screen.getByRole('dialog', { name: 'Detalles de ana' });
    await within(dialog).findByText('WebSocket');
    expect(within(dialog).getByText('n2')).toBeDefined();
    expect(within(dialog).getByText(/\(hace \d.*\)$/)).toBeDefined();
    expect(within(dialog).getByText('Transporte', { selector: 'dt' })).toBeDefined();
  });

  it('reloads the rows in view when the event stream reports a join', async () => {
    const { server, session, sockets } = renderUsers('admin', [user('ana')]);
    session.events.start();
    sockets.latest.open();
    sockets.latest.push({ type: 'stats', ...stats(server.state) });
    await screen.findByText('1 user connected');
    server.state.users.push(user('bea'));
    sockets.latest.push({ type: 'join', name: 'bea', address: '::1' });
    await screen.findByRole('button', { name: 'Details of bea' });
    await screen.findByText('2 users connected');
    session.events.stop();
  });

  it('for a viewer: the kick buttons are disabled and point at the reason', async () => {
    renderUsers('viewer', [user('ana')]);
    const kick = await screen.findByRole('button', { name: 'Kick ana' });
    expect((kick as HTMLButtonElement).disabled).toBe(true);
    expect(kick.getAttribute('aria-describedby')).toBe('viewer-note');
    expect(kick.getAttribute('title')).toMatch(/^Read-only token/);
  });

  it('shows “Loading…” rows where a page has not arrived yet', async () => {
    const env = fakeSession('admin', fakeServer({ users: names(10) }));
    const hold = env.server.holdUsers();
    renderInSession(<UsersPage />, { session: env.session });
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    hold.release();
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('10 users connected'));
  });
});
