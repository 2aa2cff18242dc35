import type { admin } from '@charla/protocol';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeServer } from '../../test/fakeServer';
import { fakeSession, renderInSession } from '../../test/render';
import { MessagesPage } from './MessagesPage';

const AT = '2025-01-01T10:00:00.000Z';
/** A history as a server with --admin-reads-private answers it: private text included. */
const history = (count: number): admin.MessageItem[] =>
  Array.from({ length: count }, (_, i) =>
    i % 10 === 9
      ? { tipo: 'privado', id: i + 1, remitente: 'ana', para: 'bea', contenido: `secreto ${i + 1}`, marca_tiempo: AT }
      : { tipo: 'mensaje', id: i + 1, remitente: i % 2 === 0 ? 'ana' : 'bea', contenido: `mensaje ${i + 1}`, marca_tiempo: AT },
  );

function renderMessages(role: 'admin' | 'viewer' = 'admin', count = 120, language: 'en' | 'es' = 'en', messages = history(count)) {
  const env = fakeSession(role, fakeServer({ messages }));
  renderInSession(<MessagesPage />, { session: env.session, language });
  return env;
}

/** As a server without --admin-reads-private answers: a private message's text is null. */
const withheld: admin.MessageItem[] = [
  { tipo: 'mensaje', id: 1, remitente: 'ana', contenido: 'hola', marca_tiempo: AT },
  { tipo: 'privado', id: 2, remitente: 'ana', para: 'bea', contenido: null, marca_tiempo: AT },
];

const shown = () => within(screen.getByRole('list', { name: 'Messages, newest first' })).getAllByRole('listitem');

describe('the messages page', () => {
  it('shows the newest page first and loads older pages before the oldest shown', async () => {
    const { server } = renderMessages();
    await screen.findByText('secreto 120');
    expect(shown()).toHaveLength(50);
    expect(shown()[0]?.textContent).toContain('#120');
    expect(within(shown()[0] as HTMLElement).getByText('to bea')).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Load older' }));
    await screen.findByText('mensaje 68');
    expect(server.calls('GET', '/messages').at(-1)?.query.get('before')).toBe('71');
    fireEvent.click(await screen.findByRole('button', { name: 'Load older' }));
    await screen.findByText('mensaje 1');
    expect(shown()).toHaveLength(120);
    expect(screen.getByText('That is all.')).toBeDefined();
  });

  it('searches the text on the server', async () => {
    const { server } = renderMessages();
    await screen.findByText('secreto 120');
    fireEvent.change(screen.getByLabelText('Search the text'), { target: { value: 'secreto' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(shown()).toHaveLength(12));
    expect(server.calls('GET', '/messages').at(-1)?.query.get('q')).toBe('secreto');
    fireEvent.change(screen.getByLabelText('Search the text'), { target: { value: 'nada de esto' } });
    fireEvent.submit(screen.getByRole('search'));
    await screen.findByText('No messages.');
  });

  it('deletes a message after a confirmation that quotes it', async () => {
    const { server } = renderMessages('admin', 3);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete #2' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete message #2?' });
    expect(within(dialog).getByText(': mensaje 2', { exact: false })).toBeDefined();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await screen.findByText('Message #2 deleted.');
    expect(server.calls('DELETE', '/messages/2')).toHaveLength(1);
    expect(screen.queryByText('mensaje 2')).toBeNull();
  });

  it('shows a private message whose text the server withholds as hidden, never as blank or "null"', async () => {
    renderMessages('admin', 0, 'en', withheld);
    const hidden = await screen.findByText('private — content hidden');
    const item = hidden.closest('li') as HTMLElement;
    expect(within(item).getByText('#2')).toBeDefined();
    expect(within(item).getByText('to bea')).toBeDefined();
    expect(screen.getByText('Private messages are listed without their text: this server does not let operators read them, and a search never finds them.')).toBeDefined();
    expect(document.body.textContent).not.toContain('null');
    // It can still be deleted, and the confirmation says what it cannot quote.
    fireEvent.click(within(item).getByRole('button', { name: 'Delete #2' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete message #2?' });
    expect(within(dialog).getByText('private — content hidden')).toBeDefined();
  });

  it('says it in Spanish too', async () => {
    renderMessages('admin', 0, 'es', withheld);
    await screen.findByText('privado — contenido oculto');
    expect(screen.queryByText('Mensajes privados', { exact: false })).not.toBeNull();
  });

  it('shows no such note when every text is readable', async () => {
    renderMessages('admin', 3);
    await screen.findByText('mensaje 3');
    expect(screen.queryByText(/listed without their text/)).toBeNull();
  });

  it('for a viewer: delete is disabled, and a refused write would be explained', async () => {
    renderMessages('viewer', 3);
    const remove = await screen.findByRole('button', { name: 'Delete #3' });
    expect((remove as HTMLButtonElement).disabled).toBe(true);
  });
});
