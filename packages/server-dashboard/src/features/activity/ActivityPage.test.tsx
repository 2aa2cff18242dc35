import { CloseCode } from '@charla/protocol';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DICTIONARIES } from '../../i18n/dictionary';
import { fakeSession, renderInSession } from '../../test/render';
import { ActivityPage } from './ActivityPage';
import { filterActivity } from './filter';

function renderActivity() {
  const env = fakeSession();
  renderInSession(<ActivityPage />, { session: env.session });
  env.session.events.start();
  env.sockets.latest.open();
  return env.sockets.latest;
}

const items = () => within(screen.getByRole('list', { name: 'Events, newest first' })).getAllByRole('listitem').map((li) => li.querySelector('.event-text')?.textContent);

describe('the activity log', () => {
  it('lists every event but stats, newest first, as sentences', async () => {
    const socket = renderActivity();
    expect(screen.getByText('No events yet.')).toBeDefined();
    socket.push({ type: 'connection', address: '10.0.0.1', transport: 'tcp' });
    socket.push({ type: 'join', name: 'ana', address: '10.0.0.1' });
    socket.push({ type: 'stats', connections: 1, users: 1, accepting: true, messagesTotal: 0, messagesPerSecond: { last1s: 0, last60s: 0 }, bytesIn: 0, bytesOut: 0, refusedByCode: {}, memory: { rss: 1, heapUsed: 1 }, eventLoopDelayMs: { p50: 0, p99: 0 }, uptimeSeconds: 1 });
    socket.push({ type: 'message', id: 7, sender: 'ana' });
    socket.push({ type: 'private', id: 8, sender: 'ana', recipient: 'bea' });
    socket.push({ type: 'leave', name: 'ana', reason: 'conexion_perdida' });
    socket.push({ type: 'refused', code: 'vetado', address: '10.0.0.9' });
    socket.push({ type: 'admin', id: 1, actor: 'ops', action: 'kick', target: 'ana', details: { reason: 'spam', banSeconds: 3600 }, address: '::1' });
    socket.push({ type: 'admin', id: 2, actor: 'ops', action: 'accepting', target: 'server', details: { accepting: false, disconnectAll: true }, address: '::1' });
    socket.push({ type: 'admin', id: 3, actor: 'ops', action: 'accepting', target: 'server', details: { accepting: true, disconnectAll: false }, address: '::1' });
    socket.push({ type: 'leave', name: 'bea', reason: 'expulsado' });
    socket.push({ type: 'node', id: 'n2', address: '10.0.0.2', connections: 0, uptimeSeconds: 0, state: 'down' });
    await waitFor(() => expect(items()).toHaveLength(11));
    expect(items()).toEqual([
      'Node n2 down (10.0.0.2)',
      'bea left (kicked)',
      'ops is accepting connections again',
      'ops stopped accepting connections (disconnect all)',
      'ops kicked ana (reason: spam, banned 1 h)',
      'Refused a join from 10.0.0.9: banned',
      'ana left (lost the connection)',
      'ana → bea: private message #8',
      'ana sent message #7',
      'ana joined from 10.0.0.1',
      'New connection from 10.0.0.1 (tcp)',
    ]);
  });

  it('filters by type and by text (case-insensitive, also the type’s name)', async () => {
    const socket = renderActivity();
    socket.push({ type: 'join', name: 'Ana', address: '10.0.0.1' });
    socket.push({ type: 'join', name: 'bea', address: '10.0.0.2' });
    socket.push({ type: 'leave', name: 'ana', reason: 'salida' });
    await waitFor(() => expect(items()).toHaveLength(3));
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'join' } });
    expect(items()).toEqual(['bea joined from 10.0.0.2', 'Ana joined from 10.0.0.1']);
    fireEvent.change(screen.getByLabelText('Filter by text'), { target: { value: 'ANA' } });
    expect(items()).toEqual(['Ana joined from 10.0.0.1']);
    expect(screen.getByText('1 of 3 events (the last 1000 are kept).')).toBeDefined();
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Filter by text'), { target: { value: 'leave' } });
    expect(items()).toEqual(['ana left (said goodbye)']);
  });

  it('opens with the recent past the server replays, and a reconnection adds only what it missed', async () => {
    const env = fakeSession();
    renderInSession(<ActivityPage />, { session: env.session });
    env.session.events.start();
    const replay = (events: Record<string, unknown>[]) => {
      env.sockets.latest.open();
      for (const event of events) env.sockets.latest.push({ ...event, type: event.type as string, replay: true });
      env.sockets.latest.push({ type: 'ready' });
    };
    const at = (second: number) => `2025-01-01T10:00:0${second}.000Z`;
    // Two connections from one address in the same millisecond are two events, not one.
    const same = { type: 'connection', at: at(1), address: '10.0.0.1', transport: 'ws' };
    const ana = { type: 'join', at: at(2), name: 'ana', address: '10.0.0.1' };
    replay([same, same, ana]);
    await waitFor(() => expect(items()).toEqual(['ana joined from 10.0.0.1', 'New connection from 10.0.0.1 (ws)', 'New connection from 10.0.0.1 (ws)']));
    const bea = { type: 'join', at: at(3), name: 'bea', address: '10.0.0.2' };
    env.sockets.latest.push(bea);
    await waitFor(() => expect(items()).toHaveLength(4));

    // Lost; meanwhile ana left. The new connection replays everything the node kept.
    env.sockets.latest.drop(CloseCode.abnormal);
    // The first retry comes within half a second (full-jitter backoff).
    await waitFor(() => expect(env.sockets.sockets).toHaveLength(2));
    replay([same, same, ana, bea, { type: 'leave', at: at(4), name: 'ana', reason: 'salida' }]);
    await waitFor(() => expect(items()).toEqual(['ana left (said goodbye)', 'bea joined from 10.0.0.2', 'ana joined from 10.0.0.1', 'New connection from 10.0.0.1 (ws)', 'New connection from 10.0.0.1 (ws)']));
  });

  it('pauses (the list holds still, new events are counted) and resumes with them', async () => {
    const socket = renderActivity();
    socket.push({ type: 'join', name: 'ana', address: '::1' });
    await waitFor(() => expect(items()).toHaveLength(1));
    const pause = screen.getByRole('button', { name: 'Pause' });
    fireEvent.click(pause);
    expect(pause.getAttribute('aria-pressed')).toBe('true');
    socket.push({ type: 'join', name: 'bea', address: '::1' });
    socket.push({ type: 'join', name: 'carla', address: '::1' });
    await screen.findByText(/Paused: 2 new events wait\./);
    expect(items()).toEqual(['ana joined from ::1']);
    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    expect(items()).toEqual(['carla joined from ::1', 'bea joined from ::1', 'ana joined from ::1']);
  });
});

describe('filterActivity', () => {
  it('translates reasons it knows and keeps the others as sent', () => {
    const log = [
      { seq: 1, event: { type: 'leave' as const, at: '', name: 'x', reason: 'expulsado' } },
      { seq: 2, event: { type: 'leave' as const, at: '', name: 'y', reason: 'algo_nuevo' } },
      { seq: 3, event: { type: 'refused' as const, at: '', address: '::1', code: 'no_aceptando' } },
      { seq: 4, event: { type: 'admin' as const, at: '', id: 1, actor: 'ops', action: 'accepting', target: 'server', details: { accepting: false }, address: '::1' } },
      { seq: 5, event: { type: 'node' as const, at: '', id: 'n2', address: '10.0.0.2', connections: 0, uptimeSeconds: 0, state: 'down' as const } },
    ];
    expect(filterActivity(log, { type: null, text: '' }, DICTIONARIES.es, 'es').map((row) => row.text)).toEqual([
      'Nodo n2 caído (10.0.0.2)',
      'ops dejó de aceptar conexiones',
      'Rechazada la entrada desde ::1: no se aceptan conexiones',
      'y se fue (algo_nuevo)',
      'x se fue (expulsado)',
    ]);
  });
});
