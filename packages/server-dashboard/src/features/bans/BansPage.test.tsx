import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AdminError } from '@charla/sdk/admin';
import { fakeServer } from '../../test/fakeServer';
import { fakeSession, renderInSession } from '../../test/render';
import { BansPage } from './BansPage';

const UNTIL = '2030-01-01T10:00:00.000Z';

describe('the bans page', () => {
  it('lists the bans and lifts one after a confirmation', async () => {
    const bans = [
      { id: 1, name: 'ana', until: UNTIL, reason: 'spam', by: 'ops' },
      { id: 2, address: '10.0.0.9', until: UNTIL, reason: 'flood', by: 'ops' },
    ];
    const { session, server } = fakeSession('admin', fakeServer({ bans }));
    renderInSession(<BansPage />, { session });
    const row = (await screen.findByText('10.0.0.9')).closest('tr') as HTMLElement;
    expect(within(row).getByText('flood')).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Lift: ana' }));
    fireEvent.click(within(screen.getByRole('dialog', { name: 'Lift the ban on ana?' })).getByRole('button', { name: 'Lift' }));
    await screen.findByText('The ban on ana was lifted.');
    expect(server.calls('DELETE', '/bans/1')).toHaveLength(1);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Lift: ana' })).toBeNull());
  });

  it('bans a name or an address for a while, with a reason', async () => {
    const { session, server } = fakeSession('admin', fakeServer());
    renderInSession(<BansPage />, { session });
    await screen.findByText('Nobody is banned.');
    fireEvent.change(screen.getByLabelText('Ban by'), { target: { value: 'address' } });
    fireEvent.change(screen.getByLabelText('Name or address'), { target: { value: ' 10.0.0.7 ' } });
    fireEvent.change(screen.getByLabelText('Duration'), { target: { value: '86400' } });
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'bots' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ban' }));
    await screen.findByText('10.0.0.7 banned.');
    expect(server.calls('POST', '/bans')[0]?.body).toEqual({ address: '10.0.0.7', seconds: 86400, reason: 'bots' });
    await screen.findByRole('button', { name: 'Lift: 10.0.0.7' });
  });

  it('explains a refusal from the server', async () => {
    const { session } = fakeSession('admin', fakeServer());
    renderInSession(<BansPage />, { session });
    await screen.findByText('Nobody is banned.');
    session.api.ban = () => Promise.reject(new AdminError('invalid_request', 'not a valid name: x', { status: 400, answer: { code: 'invalid_request', message: 'not a valid name: x' } }));
    fireEvent.change(screen.getByLabelText('Name or address'), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ban' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The server did not accept the data. The server says: “not a valid name: x”');
  });
});
