/**
 * The connection's states in the browser: unreachable, refused for a key, dropped and
 * resumed, paused, told of announcements and deletions, kicked, and a server restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { ChatClient } from '@charla/sdk';
import { startServer } from '@charla/server/testing';
import WebSocket from 'ws';
import type { Page, WebSocketRoute } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable } from '@charla/browser-testing';
import { chatInChromium, connected, join, line, messageBox, openApp, seen, send, SERVER_OPTIONS, startChat, statusText } from './harness';
import { startProxy } from '@charla/browser-testing';

describe.skipIf(!browserAvailable())('the connection, as the browser shows it', () => {
  const world = chatInChromium();
  const { person } = world;

  it('explains an unreachable server by the address field', async () => {
    const page = await person();
    await page.getByLabel('Server address').fill('ws://127.0.0.1:9/ws');
    await page.getByLabel('Your name').fill('nadie');
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.locator('#join-server-error').getByText('Could not reach the server. Check the address or try again in a moment.').waitFor();
  });

  it('asks for the access key when the server refuses without it, and joins with it', async () => {
    const guarded = await startServer({ joinSecret: 'ábrete sésamo' });
    try {
      const page = await person();
      await page.getByLabel('Server address').fill(guarded.url);
      await page.getByLabel('Your name').fill('ali');
      await page.getByLabel('Your name').press('Enter');
      await page.locator('#join-secret-error').getByText('This server needs an access key: it is missing or wrong.').waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('join-secret');
      await page.getByLabel('Access key').fill('ábrete sésamo');
      await page.getByLabel('Access key').press('Enter');
      await connected(page, 'ali');
    } finally {
      await guarded.close();
    }
  });

  it('resumes after a dropped connection: a countdown meanwhile, then the messages it missed', async () => {
    const proxy = await startProxy(world.server.port);
    try {
      const ana = await person();
      const bea = await person();
      await join(ana, 'ana', `ws://127.0.0.1:${proxy.port}/ws`);
      await join(bea, 'bea');
      await seen(ana, 'bea joined.');

      proxy.hold();
      proxy.cut();
      await ana.getByText('Connection lost. Reconnecting…').waitFor();
      // Retries fail while the proxy holds, and the backoff grows until a countdown shows.
      await ana.locator('.countdown').getByText(/next try in \d+ s/).waitFor();
      await send(bea, 'mientras no estabas');
      await send(bea, 'y esto también');
      await seen(bea, 'y esto también');

      proxy.release();
      await ana.getByText('Reconnected, 2 messages caught up.').waitFor({ timeout: 40_000 });
      await connected(ana, 'ana');
      expect(await line(ana, 'mientras no estabas').count()).toBe(1);
      expect(await line(ana, 'y esto también').count()).toBe(1);
      // A resume is invisible to the others: no leave, no join.
      expect(await line(bea, 'ana lost the connection.').count()).toBe(0);
      await send(ana, 'ya volví');
      await seen(bea, 'ya volví');
    } finally {
      await proxy.close();
    }
  });

  it('shows announcements, deleted messages and a paused chat as the server reports them', async () => {
    // No operator API exists yet to make the server send these: the test injects the real
    // frames into the real connection (Playwright's WebSocket routing) and reads the ids.
    const fromServer: { tipo: string; id?: number; contenido?: string }[] = [];
    let route: WebSocketRoute | undefined;
    const dani = await person({
      prepare: (context) =>
        context.routeWebSocket(/\/ws$/, (ws) => {
          route = ws;
          const upstream = ws.connectToServer();
          upstream.onMessage((message) => {
            fromServer.push(JSON.parse(String(message)) as (typeof fromServer)[number]);
            ws.send(message);
          });
        }),
    });
    const erin = await person();
    await join(dani, 'dani');
    await join(erin, 'erin');
    const inject = (frame: object) => route?.send(JSON.stringify(frame));

    await send(erin, 'esto se borrará');
    await seen(dani, 'esto se borrará');
    const doomed = fromServer.find((frame) => frame.contenido === 'esto se borrará');
    inject({ tipo: 'mensaje_borrado', id: doomed?.id });
    await seen(dani, 'An operator deleted this message.');
    expect(await line(dani, 'esto se borrará').count()).toBe(0);

    inject({ tipo: 'sistema', contenido: 'Mantenimiento a las 22:00', marca_tiempo: new Date().toISOString() });
    await seen(dani, 'Server announcement: Mantenimiento a las 22:00');

    inject({ tipo: 'estado', disponible: false, motivo: 'redis caído' });
    await dani.getByText('Chat paused: the server is not taking messages right now. What you send goes out when it resumes.').waitFor();
    await send(dani, 'cuando vuelva');
    await dani.getByText('1 message waits to be sent…').waitFor();
    inject({ tipo: 'estado', disponible: true });
    await seen(erin, 'cuando vuelva');
    await connected(dani, 'dani');
  });

  it('shows a kick clearly, to the one kicked and to the others', async () => {
    const fede = await person();
    const gala = await person();
    await join(fede, 'fede');
    await join(gala, 'gala');
    expect(world.server.app.hub.kick('fede', 'spam')).toBe(true);
    await fede.getByText('An operator removed you from the chat.').first().waitFor();
    expect(await messageBox(fede).isDisabled()).toBe(true);
    await seen(gala, 'An operator removed fede.');
    await fede.getByRole('button', { name: 'Join again' }).click();
    expect(await fede.getByLabel('Your name').inputValue()).toBe('fede');
  });

  it('survives a server restart: both come back by themselves and chat again', async () => {
    const ana = await person();
    const bea = await person();
    await join(ana, 'ana7');
    await join(bea, 'bea7');
    const { port } = world.server;

    await world.server.close();
    for (const page of [ana, bea]) {
      await seen(page, 'The server is shutting down.');
      await page.getByText('The server shut down. Reconnecting…').waitFor();
    }
    expect(await statusText(ana)).toMatch(/^The server shut down\. Reconnecting…/);

    world.server = await startChat(port);
    for (const [page, name] of [[ana, 'ana7'], [bea, 'bea7']] as const) {
      await connected(page, name);
      // The restarted server kept no sessions (history in memory): a fresh session, said so.
      await page.getByText('Reconnected with a new session: the server had not kept the old one.').waitFor();
    }
    await send(ana, 'de vuelta');
    await seen(bea, 'de vuelta');
    await send(bea, 'yo también');
    await seen(ana, 'yo también');
  });

  it('with history on disk, both resume across a restart and show every message once, also those posted meanwhile', async () => {
    const dataDir = mkdtempSync(joinPath(tmpdir(), 'charla-web-restart-'));
    const durable = { ...SERVER_OPTIONS, persist: true, dataDir, graceMs: 60_000 };
    let disk = await startServer(durable);
    const carla = new ChatClient({ WebSocket, reconnect: false });
    try {
      const url = `http://127.0.0.1:${disk.port}/`;
      const opened = await Promise.all([openApp(world.browser, url), openApp(world.browser, url)]);
      world.people.push(...opened);
      const [ana, bea] = opened.map((p) => p.page) as [Page, Page];
      await join(ana, 'ana8');
      await join(bea, 'bea8');
      await send(ana, 'antes del reinicio');
      await seen(bea, 'antes del reinicio');

      const { port } = disk;
      await disk.close();
      disk = await startServer({ ...durable, port });
      // A third user posts while the two browsers are still finding their way back.
      await carla.connect({ url: disk.url, nombre: 'carla8' });
      await carla.send('mientras volvían');
      await carla.send('y otro más');

      for (const [page, name] of [[ana, 'ana8'], [bea, 'bea8']] as const) {
        await connected(page, name);
        await seen(page, 'y otro más');
        for (const text of ['antes del reinicio', 'mientras volvían', 'y otro más']) {
          expect(await line(page, text).count(), `${name}: ${text}`).toBe(1);
        }
        // Resumed (not a new session): the old token still worked after the restart.
        expect(await page.getByText('Reconnected with a new session').count()).toBe(0);
      }
    } finally {
      carla.disconnect();
      await disk.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
