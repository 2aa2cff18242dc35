/**
 * The interactive chat's component against the real server, rendered by ink-testing-library:
 * input stays intact while messages arrive, a taken name is asked again, a dropped
 * connection resumes with "reconnected, N messages caught up", a kick ends with exit 2.
 * (test/interactive.test.ts drives the real binary in a real terminal.)
 */
import { ChatClient } from '@charla/sdk';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Transcript } from '../src/chat/transcript.js';
import type { CliFailure } from '../src/exit-codes.js';
import { createStyle } from '../src/format.js';
import { en, es } from '../src/i18n/index.js';
import type { Messages } from '../src/i18n/index.js';
import { ChatApp } from '../src/ui/chat-app.js';
import { cleanUp, joined, member, next, onCleanUp, server } from './helpers.js';

afterEach(cleanUp);

/** While true, the app's client cannot connect: a way to hold a reconnect back. */
let offline = false;
const sockets: WebSocket[] = [];
class ControlledWebSocket extends WebSocket {
  constructor(url: string) {
    if (offline) throw new Error('offline');
    super(url);
    sockets.push(this);
  }
}

function start(url: string, name: string | undefined, t: Messages = en) {
  const client = new ChatClient({ WebSocket: ControlledWebSocket, reconnect: { baseMs: 10, maxMs: 50 } });
  let exit: (failure: CliFailure | null) => void = () => undefined;
  const exited = new Promise<CliFailure | null>((resolve) => (exit = resolve));
  const ui = render(
    <ChatApp
      client={client}
      transcript={new Transcript(client)}
      style={createStyle(false)}
      url={url}
      name={name}
      join={(nombre) => client.connect({ url, nombre })}
      onExit={exit}
      t={t}
    />,
  );
  onCleanUp(() => {
    ui.unmount();
    client.disconnect();
  });

  /** Resolves with the first frame (the screen, scrollback included) that shows `text`. */
  const shows = (text: string): Promise<string> =>
    new Promise((resolve) => {
      const seen = ui.lastFrame() ?? '';
      if (seen.includes(text)) return resolve(seen);
      const write = ui.stdout.write;
      ui.stdout.write = (frame: string) => {
        write(frame);
        if (!frame.includes(text)) return;
        ui.stdout.write = write;
        resolve(frame);
      };
    });
  return { client, ui, exited, shows, type: (keys: string) => ui.stdin.write(keys) };
}

/** The last line of the screen: the input line. */
const inputLine = (frame: string) => frame.trimEnd().split('\n').at(-1);

describe('ChatApp', () => {
  it('keeps what is being typed intact while messages arrive, then sends it', async () => {
    const srv = await server();
    const bea = await member(srv.url, 'bea');
    const app = start(srv.url, 'ana');
    await app.shows('joined as ana');
    app.type('hola que');
    await app.shows('ana › hola que');
    for (const text of ['uno', 'dos', 'tres']) await bea.send(text);
    const frame = await app.shows('bea: tres');
    expect(frame).toMatch(/bea: uno\n.*bea: dos\n.*bea: tres\n/u);
    expect(inputLine(frame)).toBe('ana › hola que');
    const received = next(bea, 'mensaje', (m) => m.remitente === 'ana');
    app.type(' tal\r');
    expect((await received).contenido).toBe('hola que tal');
    await app.shows('» ana: hola que tal');
  });

  it("keeps a line longer than the server's limit in the editor, saying the limit", async () => {
    const srv = await server({ contentMax: 10 });
    const bea = await member(srv.url, 'bea');
    const app = start(srv.url, 'ana');
    await app.shows('joined as ana');
    app.type('demasiado largo');
    await app.shows('ana › demasiado largo');
    app.type('\r');
    const frame = await app.shows('too long: 15 characters, this server takes at most 10');
    expect(inputLine(frame)).toBe('ana › demasiado largo');
    // Shortened, it goes; the long one never reached the server.
    const received = next(bea, 'mensaje', (m) => m.remitente === 'ana');
    app.type('\u0017'); // Ctrl+W: the last word goes, "demasiado " (10) is left
    await app.shows('ana › demasiado ');
    app.type('ok\r'); // "demasiado ok" (12): still too long
    await app.shows('too long: 12 characters');
    app.type('\u0015corto\r'); // Ctrl+U, then a short line
    expect((await received).contenido).toBe('corto');
  });

  it('completes a name with Tab and sends /msg privately', async () => {
    const srv = await server();
    const bea = await member(srv.url, 'bea');
    const app = start(srv.url, 'ana');
    await app.shows('joined as ana');
    app.type('/msg b');
    app.type('\t');
    await app.shows('ana › /msg bea');
    const privado = next(bea, 'privado');
    app.type('psst\r');
    expect(await privado).toMatchObject({ remitente: 'ana', para: 'bea', contenido: 'psst' });
    await app.shows('» [private] ana → bea: psst');
  });

  it("asks again for a taken name, with the server's reason", async () => {
    const srv = await server();
    const bea = await member(srv.url, 'bea');
    const app = start(srv.url, 'bea');
    const frame = await app.shows('Try another name:');
    expect(frame).toContain('that name is taken (el nombre «bea» ya está en uso)');
    app.type('ana\r');
    await app.shows('joined as ana');
    await joined(bea, 'ana');
  });

  it('speaks Spanish when the locale does: the refusal from its code, the server detail after', async () => {
    const srv = await server({ contentMax: 5 });
    await member(srv.url, 'bea');
    const app = start(srv.url, 'bea', es);
    const frame = await app.shows('Prueba con otro nombre:');
    expect(frame).toContain('ese nombre ya está en uso (el nombre «bea» ya está en uso)');
    app.type('ana\r');
    await app.shows('● conectado · 2 en línea');
    app.type('demasiado\r');
    await app.shows('demasiado largo: 9 caracteres, este servidor admite como mucho 5');
  });

  it('asks for a name when none was given', async () => {
    const srv = await server();
    const app = start(srv.url, undefined);
    await app.shows('Your name:');
    app.type('ana\r');
    await app.shows('joined as ana; 1 online');
  });

  it('after a dropped connection resumes and says how many messages it caught up', async () => {
    const srv = await server();
    const bea = await member(srv.url, 'bea');
    const app = start(srv.url, 'ana');
    await app.shows('joined as ana');
    offline = true;
    onCleanUp(() => (offline = false));
    // Cut like a pulled cable: no close frame, so the server keeps the session for a resume.
    (sockets.at(-1) as unknown as { _socket: { destroy(): void } })._socket.destroy();
    await app.shows('reconnecting');
    await bea.send('while you were away 1');
    await bea.send('while you were away 2');
    offline = false;
    const frame = await app.shows('reconnected, 2 messages caught up');
    await app.shows('while you were away 2');
    expect(frame).not.toContain('new session');
  });

  it('ends with exit 2 and the reason when kicked', async () => {
    const srv = await server();
    const app = start(srv.url, 'ana');
    await app.shows('joined as ana');
    srv.app.hub.kick('ana', 'spam');
    const failure = await app.exited;
    expect(failure).toMatchObject({ exitCode: 2, message: 'kicked: spam' });
    expect(app.ui.lastFrame()).toContain('[kicked] spam');
  });

  it('leaves on Ctrl+C', async () => {
    const srv = await server();
    const app = start(srv.url, 'ana');
    await app.shows('joined as ana');
    app.type('\u0003');
    expect(await app.exited).toBeNull();
  });
});
