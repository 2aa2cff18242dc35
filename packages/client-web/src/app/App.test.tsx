import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeServer } from '../test/fakeServer';
import type { FakeServerOptions } from '../test/fakeServer';
import { renderApp } from '../test/render';
import { App } from './App';

const at = '2025-01-01T10:00:00.000Z';

// The chat screen asks the server what operators can read: never the real network here.
beforeEach(() => {
  chatInfo(null);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

/** The server's /chat-info.json as `fetch` answers it: saying `readable`, or unreachable (null). */
function chatInfo(readable: boolean | null) {
  const fetch = vi.fn(async (_url: string) => {
    if (readable === null) throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify({ privateMessagesReadableByOperators: readable }), { headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

/** Renders the app and joins as ana; resolves once the chat screen is up. */
async function joinAs(options: FakeServerOptions = {}) {
  const server = fakeServer({ users: ['bea'], ...options });
  renderApp(<App />, { client: server.client });
  fireEvent.change(screen.getByLabelText('Your name'), { target: { value: 'ana' } });
  fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
  await screen.findByRole('log');
  return server;
}

const box = () => screen.getByRole<HTMLTextAreaElement>('textbox', { name: /^(Message to everyone|Private message to)/ });
const write = (text: string) => fireEvent.change(box(), { target: { value: text } });
const pressEnter = (shiftKey = false) => fireEvent.keyDown(box(), { key: 'Enter', shiftKey });
const log = () => screen.getByRole('log');
const status = () => screen.getAllByRole('status')[0]?.textContent;

describe('the help', () => {
  const openHelp = () => {
    fireEvent.click(screen.getByText('Help'));
    return screen.getByRole('group', { name: 'Help' });
  };

  it('tells users that operators of this server cannot read their private messages', async () => {
    const fetch = chatInfo(false);
    await joinAs();
    const help = openHelp();
    await within(help).findByText(/^Operators of this server cannot read your private messages/);
    expect(fetch).toHaveBeenCalledWith(`http://${window.location.host}/chat-info.json`, expect.anything());
    // Nothing to warn about in a private conversation.
    fireEvent.click(screen.getByRole('button', { name: /^bea\W+send a private message$/ }));
    expect(screen.queryByText(/can read your private messages/, { selector: 'main *' })).toBeNull();
  });

  it('tells them when operators of this server can, in the help and in every private conversation', async () => {
    chatInfo(true);
    await joinAs();
    const help = openHelp();
    await within(help).findByText(/^Operators of this server can read your private messages\./);
    fireEvent.click(screen.getByRole('button', { name: /^bea\W+send a private message$/ }));
    expect(within(screen.getByRole('main')).getByText(/^Operators of this server can read your private messages\./)).toBeDefined();
  });

  it('says the general rule when the server does not say (unreachable, as behind some proxies)', async () => {
    chatInfo(null);
    await joinAs();
    const help = openHelp();
    await within(help).findByText(/^Whether operators can read private messages depends on the server/);
  });

  it('says it in Spanish too', async () => {
    chatInfo(false);
    await joinAs();
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'es' } });
    fireEvent.click(screen.getByText('Ayuda'));
    await within(screen.getByRole('group', { name: 'Ayuda' })).findByText(/^Los operadores de este servidor no pueden leer tus mensajes privados/);
  });
});

describe('the chat screen', () => {
  it('sends on Enter, keeps Shift+Enter as a new line, and marks our own message', async () => {
    const server = await joinAs();
    expect(status()).toBe('Connected as ana');
    expect(document.activeElement).toBe(box());
    write('primera línea');
    pressEnter(true);
    expect(server.received.filter((f) => f.tipo === 'mensaje')).toEqual([]);
    write('primera línea\nsegunda');
    pressEnter();
    const line = await within(log()).findByText('primera línea segunda', { normalizer: (text) => text.replace(/\s+/g, ' ') });
    expect(line.closest('li')?.className).toBe('message own');
    expect(within(line.closest('li') as HTMLElement).getByText('(you)')).toBeDefined();
    expect(server.received.find((f) => f.tipo === 'mensaje')).toMatchObject({ contenido: 'primera línea\nsegunda' });
    expect(box().value).toBe('');
  });

  it('shows other people’s messages as text with safe links, and who is online and typing', async () => {
    const server = await joinAs();
    server.say('bea', '<img src=x onerror=alert(1)> mira https://example.org');
    const text = await within(log()).findByText(/<img src=x onerror=alert\(1\)> mira/);
    expect(text.closest('li')?.className).toBe('message');
    expect(log().querySelector('img')).toBeNull();
    expect(within(log()).getByRole('link', { name: 'https://example.org' }).getAttribute('rel')).toBe('noopener noreferrer');
    const people = screen.getByRole('region', { name: 'Online (2)' });
    expect(within(people).getByRole('button', { name: /^bea\W+send a private message$/ })).toBeDefined();
    expect(within(people).getByText('ana')).toBeDefined();
    server.push({ tipo: 'escribiendo', nombre: 'bea', activo: true });
    await screen.findByText('bea is typing…');
    expect(within(people).getByRole('button', { name: /^bea\W+typing…\W+send a private message$/ })).toBeDefined();
  });

  it('writes system lines for joins, leaves with their reason, announcements, deletions and shutdown', async () => {
    const server = await joinAs();
    server.push({ tipo: 'usuario_conectado', nombre: 'carla', marca_tiempo: at });
    server.push({ tipo: 'usuario_desconectado', nombre: 'carla', motivo: 'lento', marca_tiempo: at });
    server.push({ tipo: 'sistema', contenido: 'Mantenimiento a las 22:00', marca_tiempo: at });
    server.say('bea', 'algo que se borrará');
    await within(log()).findByText('algo que se borrará');
    server.push({ tipo: 'mensaje_borrado', id: 1 });
    server.push({ tipo: 'servidor_cerrando', motivo: 'actualización' });
    await within(log()).findByText('The server is shutting down.');
    // Times read "10:00 AM" or "10:00", depending on the time zone and language.
    const lines = [...log().querySelectorAll('li')].map((li) => li.textContent?.replace(/ \d\d:\d\d( [AP]M)?$/, ' <time>'));
    expect(lines).toEqual([
      'carla joined. <time>',
      'carla was disconnected: their connection was too slow. <time>',
      'Server announcement: Mantenimiento a las 22:00 <time>',
      'An operator deleted this message.',
      'The server is shutting down. The server says: “actualización”',
    ]);
  });

  it('opens a private conversation from the people list, sends there, and counts unread ones', async () => {
    const server = await joinAs();
    fireEvent.click(screen.getByRole('button', { name: /^bea\W+send a private message$/ }));
    expect(screen.getByRole('heading', { name: 'Private with bea' })).toBeDefined();
    write('solo para ti');
    pressEnter();
    await within(log()).findByText('solo para ti');
    expect(server.received.find((f) => f.tipo === 'privado')).toMatchObject({ para: 'bea', contenido: 'solo para ti' });

    fireEvent.click(screen.getByRole('button', { name: 'Everyone' }));
    expect(within(log()).queryByText('solo para ti')).toBeNull();
    server.say('bea', 'psst', 'ana');
    const conversations = screen.getByRole('navigation', { name: 'Conversations' });
    const bea = await within(conversations).findByRole('button', { name: 'bea 1 unread' });
    expect(within(log()).queryByText('psst')).toBeNull();
    fireEvent.click(bea);
    await within(log()).findByText('psst');
    await waitFor(() => expect(within(conversations).getByRole('button', { name: 'bea' })).toBeDefined());
  });

  it('counts content in code points near the limit and refuses to send past it', async () => {
    const server = await joinAs({ limits: { contenido_max: 10 } });
    write('😀'.repeat(9));
    expect(screen.getByText('1 left')).toBeDefined();
    write('😀'.repeat(11));
    expect(screen.getByText('1 over the limit')).toBeDefined();
    expect(box().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Send' }).disabled).toBe(true);
    pressEnter();
    expect(server.received.filter((f) => f.tipo === 'mensaje')).toEqual([]);
    write('corto');
    expect(screen.queryByText(/left|over the limit/)).toBeNull();
  });

  it('explains a refused send and gives the text back', async () => {
    await joinAs({ refuseSends: 'limite_de_frecuencia' });
    write('otra vez');
    pressEnter();
    expect((await screen.findByRole('alert')).textContent).toBe('You are going too fast: wait a moment and send it again.');
    expect(box().value).toBe('otra vez');
  });

  it('shows a pause, holds sends meanwhile, and sends them when the chat resumes', async () => {
    const server = await joinAs();
    server.push({ tipo: 'estado', disponible: false, motivo: 'redis' });
    await waitFor(() => expect(status()).toBe('Chat paused: the server is not taking messages right now. What you send goes out when it resumes.'));
    write('en pausa');
    pressEnter();
    await screen.findByText('1 message waits to be sent…');
    expect(server.received.filter((f) => f.tipo === 'mensaje')).toEqual([]);
    server.push({ tipo: 'estado', disponible: true });
    await within(log()).findByText('en pausa');
    expect(status()).toBe('Connected as ana');
  });

  it('reconnects by itself with a countdown and says how many messages the resume caught up', async () => {
    const server = await joinAs({ reconnect: true });
    server.down();
    await waitFor(() => expect(status()).toBe('Connection lost. Reconnecting… (next try in 1 s)'));
    server.sayWhileAway('bea', 'mientras no estabas');
    server.sayWhileAway('bea', 'y esto también');
    server.up();
    await screen.findByText('Reconnected, 2 messages caught up.');
    expect(status()).toBe('Connected as ana');
    expect(within(log()).getByText('mientras no estabas')).toBeDefined();
    expect(within(log()).getByText('y esto también')).toBeDefined();
  });

  it('shows each person with their initials on their own colour, the same in the list and the log', async () => {
    const server = await joinAs();
    server.say('bea', 'hola');
    await within(log()).findByText('hola');
    const inList = screen.getByRole('button', { name: /^bea\W+send a private message$/ }).querySelector('.avatar');
    const inLog = log().querySelector('.message .avatar');
    expect(inList?.textContent).toBe('B');
    expect(inList?.getAttribute('aria-hidden')).toBe('true');
    expect(inLog?.textContent).toBe('B');
    expect((inLog as HTMLElement).style.backgroundColor).toBe((inList as HTMLElement).style.backgroundColor);
    expect((inList as HTMLElement).style.backgroundColor).not.toBe('');
  });

  describe('while away from the server', () => {
    const people = () => screen.getByRole('region', { name: /^(Online|En línea)/ });
    const textarea = () => document.getElementById('composer-text') as HTMLTextAreaElement;
    const dots = () => [...people().querySelectorAll('.presence-dot')];

    it.each([
      ['en', 'Last known list: not connected, it may be out of date.', 'Not connected: what you write now will be sent when the connection is back.'],
      ['es', 'Última lista conocida: sin conexión, puede no estar al día.', 'Sin conexión: lo que escribas ahora se enviará cuando vuelva la conexión.'],
    ] as const)('in %s, marks the people list as last known and says a message will wait', async (language, staleText, queuedText) => {
      const server = await joinAs({ reconnect: true });
      if (language === 'es') fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'es' } });
      expect(dots().every((dot) => !dot.classList.contains('presence-stale'))).toBe(true);
      expect(screen.queryByText(staleText)).toBeNull();
      server.down();
      await within(people()).findByText(staleText);
      expect(dots().length).toBe(2);
      expect(dots().every((dot) => dot.classList.contains('presence-stale'))).toBe(true);
      expect(people().getAttribute('aria-describedby')).toBe('users-stale');
      expect(screen.getByText(queuedText)).toBeDefined();
      expect(textarea().disabled).toBe(false);
      expect(textarea().getAttribute('aria-describedby')).toContain('composer-away');
      // A message written now waits in the SDK's outbox and goes out after the reconnect.
      fireEvent.change(textarea(), { target: { value: 'hola' } });
      fireEvent.keyDown(textarea(), { key: 'Enter' });
      server.up();
      await waitFor(() => expect(server.received.filter((f) => f.tipo === 'mensaje')).toMatchObject([{ contenido: 'hola' }]));
      await waitFor(() => expect(screen.queryByText(staleText)).toBeNull());
      expect(screen.queryByText(queuedText)).toBeNull();
      expect(dots().every((dot) => !dot.classList.contains('presence-stale'))).toBe(true);
    });

    it('turns the message box off, with the reason, once the session is over', async () => {
      const server = await joinAs();
      server.kick('spam');
      await screen.findByText('You are disconnected: join again to send messages.');
      expect(box().disabled).toBe(true);
      expect(screen.getByText('Last known list: not connected, it may be out of date.')).toBeDefined();
    });
  });

  it('tells a shutdown apart from a lost connection', async () => {
    const server = await joinAs({ reconnect: true });
    server.push({ tipo: 'servidor_cerrando', motivo: 'reinicio' });
    server.down();
    await waitFor(() => expect(status()).toMatch(/^The server shut down\. Reconnecting…/));
  });

  it('after a kick, says so, stops the message box, and offers to join again', async () => {
    const server = await joinAs();
    server.kick('spam');
    await waitFor(() => expect(status()).toBe('An operator removed you from the chat. The server says: “spam”'));
    expect(box().disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Join again' }));
    expect(screen.getByRole('status').textContent).toBe('An operator removed you from the chat. The server says: “spam”');
    expect(screen.getByLabelText<HTMLInputElement>('Your name').value).toBe('ana');
  });

  it('says a kick in Spanish too, the operator’s words apart', async () => {
    const server = await joinAs();
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'es' } });
    server.kick('spam');
    await waitFor(() => expect(status()).toBe('Un operador te ha expulsado del chat. El servidor dice: «spam»'));
    expect(within(log()).getByText('Un operador te ha expulsado del chat.')).toBeDefined();
  });

  it('leaves with Disconnect and returns to the join screen', async () => {
    const server = await joinAs();
    fireEvent.click(screen.getByRole('button', { name: 'Disconnect' }));
    expect(screen.getByRole('status').textContent).toBe('You left the chat.');
    expect(server.received.at(-1)).toEqual({ tipo: 'desconexion' });
    expect(screen.getByRole('button', { name: 'Connect' })).toBeDefined();
  });

  it('switches the whole interface between English and Spanish', async () => {
    await joinAs();
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'es' } });
    expect(status()).toBe('Conectado como ana');
    expect(screen.getByRole('button', { name: 'Desconectar' })).toBeDefined();
    expect(screen.getByRole('textbox', { name: 'Mensaje para todos' })).toBeDefined();
  });
});
