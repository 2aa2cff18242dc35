import type { admin } from '@charla/protocol';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeServer } from '../../test/fakeServer';
import { fakeSession, renderInSession } from '../../test/render';
import { AuditPage } from './AuditPage';

const entry = (id: number): admin.AuditEntry => ({ id, at: '2025-01-01T10:00:00.000Z', actor: 'ops', action: id % 2 === 0 ? 'kick' : 'announce', target: `t${id}`, details: id % 2 === 0 ? { reason: 'spam' } : {}, address: '::1' });

describe('the audit page', () => {
  it('lists the newest actions first, loads older ones, and reloads when an operator acts', async () => {
    // The server keeps them newest first.
    const server = fakeServer({ audit: Array.from({ length: 60 }, (_, i) => entry(60 - i)) });
    const { session, sockets } = fakeSession('admin', server);
    renderInSession(<AuditPage />, { session });
    const table = await screen.findByRole('region', { name: 'Operators’ actions, newest first' });
    await within(table).findByText('t60');
    // Details as words, not JSON; the action by its name in the reader's language.
    expect(within(table).getAllByText('reason: spam', { selector: '.details-cell' })).toHaveLength(25);
    // Narrow screens hide the Details column: the details follow the target there.
    expect(within(table).getAllByText('reason: spam', { selector: '.details-inline' })).toHaveLength(25);
    expect(within(table).queryByText('{"reason":"spam"}')).toBeNull();
    expect(within(table).getAllByText('announcement')).toHaveLength(25);
    fireEvent.click(screen.getByRole('button', { name: 'Load older' }));
    await within(table).findByText('t1');
    expect(server.calls('GET', '/audit').at(-1)?.query.get('before')).toBe('11');
    await screen.findByText('That is all.');

    server.state.audit.unshift(entry(61));
    session.events.start();
    sockets.latest.open();
    sockets.latest.push({ type: 'admin', ...entry(61) });
    await within(table).findByText('t61');
    session.events.stop();
  });
});
