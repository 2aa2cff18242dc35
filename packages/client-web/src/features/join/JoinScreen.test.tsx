import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeServer } from '../../test/fakeServer';
import type { FakeServerOptions } from '../../test/fakeServer';
import { renderApp } from '../../test/render';
import { JoinScreen } from './JoinScreen';

function setup(options: FakeServerOptions = {}, language: 'en' | 'es' = 'en') {
  const server = fakeServer(options);
  const onJoined = vi.fn();
  renderApp(<JoinScreen onJoined={onJoined} />, { client: server.client, language });
  return { server, onJoined };
}

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const connect = () => fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
const errorOf = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-describedby')?.split(' ').find((id) => id.endsWith('-error')) ?? '');

describe('JoinScreen', () => {
  it('prefills the page’s own server and joins with the trimmed name', async () => {
    const { server, onJoined } = setup();
    expect(screen.getByLabelText<HTMLInputElement>('Server address').value).toBe(`ws://${location.host}/ws`);
    type('Your name', '  ana ');
    connect();
    await waitFor(() => expect(onJoined).toHaveBeenCalledOnce());
    expect(server.received[0]).toMatchObject({ tipo: 'identificacion', nombre: 'ana', protocolo: 1 });
    expect(server.received[0]).not.toHaveProperty('clave');
  });

  it('shows a taken name by the name field, with the server’s own words, and puts the cursor there', async () => {
    const { onJoined } = setup({ refuse: { motivo: 'nombre_duplicado', detalle: 'el nombre «ana» ya está en uso' } });
    type('Your name', 'ana');
    connect();
    const name = screen.getByLabelText('Your name');
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(name)?.textContent).toBe('That name is already taken. Pick another one.The server says: “el nombre «ana» ya está en uso”');
    expect(errorOf(name)?.getAttribute('role')).toBe('alert');
    expect(document.activeElement).toBe(name);
    expect(onJoined).not.toHaveBeenCalled();
  });

  it('asks for the access key after a clave_incorrecta refusal and sends it on the next try', async () => {
    const { server } = setup({ refuse: { motivo: 'clave_incorrecta', detalle: 'la clave de acceso no es correcta' } });
    expect(screen.queryByLabelText('Access key')).toBeNull();
    type('Your name', 'ana');
    connect();
    const key = await screen.findByLabelText('Access key');
    expect(errorOf(key)?.textContent).toContain('This server needs an access key: it is missing or wrong.');
    expect(document.activeElement).toBe(key);
    type('Access key', 'ábrete');
    connect();
    await waitFor(() => expect(server.received).toHaveLength(2));
    expect(server.received[1]).toMatchObject({ tipo: 'identificacion', nombre: 'ana', clave: 'ábrete' });
  });

  it('offers the access key field before any refusal too', () => {
    setup();
    fireEvent.click(screen.getByRole('button', { name: 'Access key (if the server asks for one)' }));
    expect(screen.getByLabelText('Access key')).toBeDefined();
  });

  it('says so by the address when the server cannot be reached', async () => {
    setup({ unreachable: true });
    type('Your name', 'ana');
    connect();
    const address = screen.getByLabelText('Server address');
    await waitFor(() => expect(errorOf(address)?.textContent).toBe('Could not reach the server. Check the address or try again in a moment.'));
  });

  it('checks the name and the address before trying', () => {
    const { server } = setup();
    connect();
    expect(errorOf(screen.getByLabelText('Your name'))?.textContent).toBe('Type a name to join.');
    type('Your name', 'ana');
    type('Server address', 'http://example.org');
    connect();
    expect(errorOf(screen.getByLabelText('Server address'))?.textContent).toBe('The address must start with ws:// or wss://.');
    expect(server.received).toEqual([]);
  });

  it('speaks Spanish, and the refusal follows a language switch', async () => {
    setup({ refuse: { motivo: 'nombre_invalido', detalle: 'caracteres no permitidos' } }, 'es');
    type('Tu nombre', 'a b');
    fireEvent.click(screen.getByRole('button', { name: 'Conectar' }));
    await screen.findByText('Ese nombre no es válido. Usa letras de un solo alfabeto, números, «_», «-» o «.».');
    const language = screen.getByLabelText('Idioma');
    language.focus();
    fireEvent.change(language, { target: { value: 'en' } });
    // Switching the language is not a new refusal: the focus stays on the switch.
    expect(document.activeElement).toBe(language);
    expect(screen.getByText('That name is not valid. Use letters from one alphabet, digits, “_”, “-” or “.”.')).toBeDefined();
    expect(screen.getByLabelText('Your name')).toBeDefined();
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('charla.language')).toBe('en');
  });

  it.each([
    ['en', 'Connect', 'Server address', /^You are not allowed to join this chat until .*2026.*\.The server says: “spam”$/],
    ['es', 'Conectar', 'Dirección del servidor', /^No tienes permitido entrar en este chat hasta el .*2026.*\.El servidor dice: «spam»$/],
  ] as const)('in %s, says a ban and its end in the interface’s language, never the raw time', async (language, connectLabel, serverLabel, expected) => {
    setup({ refuse: { motivo: 'vetado', detalle: 'vetado hasta 2026-12-02T18:30:00.000Z: spam' } }, language);
    fireEvent.change(screen.getByLabelText(language === 'en' ? 'Your name' : 'Tu nombre'), { target: { value: 'ana' } });
    fireEvent.click(screen.getByRole('button', { name: connectLabel }));
    const server = screen.getByLabelText(serverLabel);
    await waitFor(() => expect(server.getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(server)?.textContent).toMatch(expected);
    expect(errorOf(server)?.textContent).not.toContain('2026-12-02T');
  });

  it.each([
    ['en', 'Connect', 'Server address', 'Could not reach the server. Check the address or try again in a moment.'],
    ['es', 'Conectar', 'Dirección del servidor', 'No se pudo conectar con el servidor. Comprueba la dirección o inténtalo de nuevo en un momento.'],
  ] as const)('in %s, says an unreachable server (close 1006) as a sentence, not the SDK’s text', async (language, connectLabel, serverLabel, expected) => {
    setup({ unreachable: true }, language);
    fireEvent.change(screen.getByLabelText(language === 'en' ? 'Your name' : 'Tu nombre'), { target: { value: 'ana' } });
    fireEvent.click(screen.getByRole('button', { name: connectLabel }));
    const server = screen.getByLabelText(serverLabel);
    await waitFor(() => expect(errorOf(server)?.textContent).toBe(expected));
    expect(document.body.textContent).not.toContain('código 1006');
  });
});
