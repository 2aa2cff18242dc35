import { CONTENT_MAX } from '@charla/protocol';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeSession, renderInSession } from '../../test/render';
import { AnnouncePage } from './AnnouncePage';

const box = () => screen.getByLabelText('Announcement to everyone');
const send = () => screen.getByRole('button', { name: 'Send announcement' }) as HTMLButtonElement;

describe('the announce page', () => {
  it('sends the text, says when, and clears the box', async () => {
    const { session, server } = fakeSession();
    renderInSession(<AnnouncePage />, { session });
    expect(send().disabled).toBe(true);
    fireEvent.change(box(), { target: { value: '  Mantenimiento a las 22:00 ' } });
    fireEvent.click(send());
    await screen.findByText(/^Announcement sent at /);
    expect(server.calls('POST', '/announcements')[0]?.body).toEqual({ content: 'Mantenimiento a las 22:00' });
    expect((box() as HTMLTextAreaElement).value).toBe('');
  });

  it('counts code points near the limit and refuses to send past it', () => {
    const { session } = fakeSession();
    renderInSession(<AnnouncePage />, { session });
    fireEvent.change(box(), { target: { value: '🎉'.repeat(CONTENT_MAX - 5) } });
    expect(screen.getByText('5 left')).toBeDefined();
    fireEvent.change(box(), { target: { value: '🎉'.repeat(CONTENT_MAX + 2) } });
    expect(screen.getByText('-2 left')).toBeDefined();
    expect(send().disabled).toBe(true);
  });

  it('for a viewer: send is disabled, with the reason', () => {
    const { session } = fakeSession('viewer');
    renderInSession(<AnnouncePage />, { session });
    fireEvent.change(box(), { target: { value: 'hola' } });
    expect(send().disabled).toBe(true);
    expect(send().getAttribute('aria-describedby')).toBe('viewer-note');
  });
});
