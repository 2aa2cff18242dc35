import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeServer, historyPoints, stats, user } from '../../test/fakeServer';
import { fakeSession, renderInSession } from '../../test/render';
import { OverviewPage } from './OverviewPage';

function renderOverview(role: 'admin' | 'viewer' = 'admin') {
  const env = fakeSession(role, fakeServer({ users: [user('ana'), user('bea')] }));
  renderInSession(<OverviewPage />, { session: env.session });
  env.session.events.start();
  env.sockets.latest.open();
  const push = (extra: Parameters<typeof stats>[1] = {}) => env.sockets.latest.push({ type: 'stats', ...stats(env.server.state, extra) });
  return { ...env, push };
}

const card = (label: string) => screen.getByText(label, { selector: 'dt' }).closest('.card') as HTMLElement;

describe('the overview', () => {
  it('waits for the first stats frame, then shows every figure as a card', async () => {
    const { push } = renderOverview();
    expect(screen.getByText('Waiting for the server’s first figures…')).toBeDefined();
    push({ messagesPerSecond: { last1s: 12, last60s: 3.25 }, eventLoopDelayMs: { p50: 1.5, p99: 12 } });
    await screen.findByText('Connections', { selector: 'dt' });
    expect(within(card('Users')).getByText('2')).toBeDefined();
    expect(within(card('Messages/s')).getByText('12')).toBeDefined();
    expect(within(card('Messages/s')).getByText('last minute’s average: 3.25')).toBeDefined();
    expect(within(card('Memory (RSS)')).getByText('50 MiB')).toBeDefined();
    expect(within(card('Memory (RSS)')).getByText('heap: 20 MiB')).toBeDefined();
    expect(within(card('Event-loop delay')).getByText('1.5 ms')).toBeDefined();
    expect(within(card('Event-loop delay')).getByText('p99: 12 ms')).toBeDefined();
    expect(within(card('Uptime')).getByText('1 h 2 min')).toBeDefined();
    expect(within(card('New connections')).getByText('Accepted')).toBeDefined();
    expect(screen.queryByText(/^Cluster nodes/)).toBeNull();
  });

  it('shows memory in one unit, MiB, however far apart RSS and heap are', async () => {
    const { push } = renderOverview();
    push({ memory: { rss: Math.round(1.2 * 1024 ** 3), heapUsed: 900 * 1024 } });
    await screen.findByText('Connections', { selector: 'dt' });
    expect(within(card('Memory (RSS)')).getByText('1,229 MiB')).toBeDefined();
    expect(within(card('Memory (RSS)')).getByText('heap: 0.9 MiB')).toBeDefined();
  });

  it('lists the cluster’s nodes when there are some', async () => {
    const { push } = renderOverview();
    push({ nodes: [{ id: 'n1', address: '10.0.0.1:55555', connections: 1200, uptimeSeconds: 60 }, { id: 'n2', address: '10.0.0.2:55555', connections: 1, uptimeSeconds: 60 }] });
    await screen.findByText('Cluster nodes (2)');
    expect(screen.getByText('n1 · 10.0.0.1:55555 · 1,200 connections')).toBeDefined();
    expect(screen.getByText('n2 · 10.0.0.2:55555 · 1 connection')).toBeDefined();
  });

  it('charts the last minutes, a point per five frames: a line per series and refusals per code with their totals', async () => {
    const { push } = renderOverview();
    // The first frame is the baseline: the server's refusal counts are totals.
    for (let i = 0; i < 5; i++) push({ connections: 2, refusedByCode: { vetado: 1 } });
    await screen.findByText('No refusals in these minutes.');
    push({ connections: 4, refusedByCode: { vetado: 3, no_aceptando: 1 } });
    await screen.findByText('vetado: 2');
    expect(screen.getByText('no_aceptando: 1')).toBeDefined();
    const chart = screen.getByRole('img', { name: /^Connections over the last minute: now 4, peak 4\.$/ });
    expect(chart.querySelector('path')?.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L300,/);
  });

  it('opens with full charts: the server\'s last 15 minutes of history, continued by the live stats', async () => {
    const server = fakeServer({ users: [user('ana'), user('bea')], history: historyPoints(180, (i) => (i === 10 ? { refused: { vetado: 4 } } : {})) });
    const env = fakeSession('admin', server);
    renderInSession(<OverviewPage />, { session: env.session });
    env.session.events.start();
    env.sockets.latest.open();
    env.sockets.latest.push({ type: 'ready' });
    await waitFor(() => expect(server.calls('GET', '/stats/history')).toHaveLength(1));
    expect(server.calls('GET', '/stats/history')[0]?.query.get('minutes')).toBe('15');
    env.sockets.latest.push({ type: 'stats', at: new Date().toISOString(), ...stats(server.state, { connections: 200 }) });
    await screen.findByRole('img', { name: /^Connections over the last 15 minutes: now 200, peak 200\.$/ });
    expect(screen.getByText('vetado: 4')).toBeDefined();
    // The line starts at the left edge: the window is full.
    const chart = screen.getByRole('img', { name: /^Connections over/ });
    expect(chart.querySelector('path')?.getAttribute('d')).toMatch(/^M0,/);
  });

  it('stops accepting after a confirmation, optionally disconnecting everyone with a reason, and starts again', async () => {
    const { push, server } = renderOverview();
    push();
    fireEvent.click(await screen.findByRole('button', { name: 'Stop accepting…' }));
    const dialog = screen.getByRole('dialog', { name: 'Stop accepting connections?' });
    fireEvent.click(within(dialog).getByLabelText('Also disconnect everyone now'));
    fireEvent.change(within(dialog).getByLabelText('Reason they will see'), { target: { value: 'mantenimiento' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Stop accepting' }));
    // Shown from the PUT's answer, before the next stats frame.
    await waitFor(() => expect(within(card('New connections')).getByText('Not accepted')).toBeDefined());
    expect(server.calls('PUT', '/server/accepting')[0]?.body).toEqual({ accepting: false, disconnectAll: true, reason: 'mantenimiento' });
    expect(screen.queryByRole('dialog')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Start accepting…' }));
    fireEvent.click(within(screen.getByRole('dialog', { name: 'Accept connections again?' })).getByRole('button', { name: 'Start accepting' }));
    await waitFor(() => expect(within(card('New connections')).getByText('Accepted')).toBeDefined());
    expect(server.calls('PUT', '/server/accepting')[1]?.body).toEqual({ accepting: true });
  });

  it('a cancelled confirmation changes nothing', async () => {
    const { push, server } = renderOverview();
    push();
    fireEvent.click(await screen.findByRole('button', { name: 'Stop accepting…' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(server.calls('PUT', '/server/accepting')).toEqual([]);
  });

  it('for a viewer: the accepting control is disabled, with the reason', async () => {
    const { push } = renderOverview('viewer');
    push();
    const button = await screen.findByRole('button', { name: 'Stop accepting…' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(button.getAttribute('aria-describedby')).toBe('viewer-note');
  });
});
