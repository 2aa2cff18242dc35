/**
 * An operator's day in Chromium, against the built console on the built server: sign in,
 * watch a user arrive, kick them, announce, stop and start accepting, delete a message,
 * lift a ban, read the audit log; and the event stream coming back by itself after the
 * network fails.
 */
import type { RunningServer } from '@charla/server/testing';
import { ChatError } from '@charla/sdk';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchChromium } from '@charla/browser-testing';
import { ADMIN_TOKEN, card, ChatUsers, consoleUrl, cspViolations, goTo, kickFromDetails, live, openConsole, signIn, startConsoleServer, until } from './harness';
import type { Operator } from './harness';
import { startProxy } from '@charla/browser-testing';

describe.skipIf(!browserAvailable())('the operator console', () => {
  let server: RunningServer;
  let browser: Browser;
  let operators: Operator[] = [];
  const users = new ChatUsers(() => server);

  const open = async (url = consoleUrl(server)) => {
    const opened = await openConsole(browser, url);
    operators.push(opened);
    return opened.page;
  };
  const operator = async () => {
    const page = await open();
    await signIn(page, ADMIN_TOKEN);
    return page;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchChromium()]);
  });

  afterEach(async () => {
    users.closeAll();
    // Whatever happened, no page crashed and the CSP blocked nothing the console needs.
    for (const { page, pageErrors } of operators) {
      expect(pageErrors).toEqual([]);
      expect(await cspViolations(page)).toEqual([]);
    }
    await Promise.all(operators.map(({ context }) => context.close()));
    operators = [];
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in with the token, kept in session storage and never in the URL; a wrong token is refused by the field', async () => {
    const page = await open();
    await page.getByLabel('Admin token').fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#login-token-error').getByText('The server does not know this token.').waitFor();
    expect(await page.getByLabel('Admin token').getAttribute('aria-invalid')).toBe('true');

    await signIn(page, ADMIN_TOKEN);
    expect(page.url()).not.toContain(ADMIN_TOKEN);
    expect(await page.evaluate(() => Object.values(sessionStorage))).toContain(ADMIN_TOKEN);
    expect(await page.evaluate(() => Object.values(localStorage))).not.toContain(ADMIN_TOKEN);
    // A reload keeps the session (same tab); signing out forgets the token.
    await page.reload();
    await live(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You signed out.').waitFor();
    expect(await page.evaluate(() => Object.values(sessionStorage))).not.toContain(ADMIN_TOKEN);
  });

  it('shows a user connected by the SDK live (overview, users, activity), kicks them with a reason, and they get expulsado', async () => {
    const page = await operator();
    await card(page, 'Users').getByText('0', { exact: true }).waitFor();
    const ana = await users.join('ana');
    await card(page, 'Users').getByText('1', { exact: true }).waitFor();

    await goTo(page, 'Users');
    const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: 'Details of ana' }) });
    await row.waitFor();
    await page.getByText('1 user connected').waitFor();
    const bea = await users.join('bea');
    await page.getByText('2 users connected').waitFor();

    // Details come from GET /api/users/:name.
    await page.getByRole('button', { name: 'Details of ana' }).click();
    const details = page.getByRole('dialog', { name: 'Details of ana' });
    await details.getByText('WebSocket', { exact: true }).waitFor();
    await kickFromDetails(page, details, 'ana', 'spam');
    const ended = await until(ana, (s) => s.ended !== null);
    expect(ended.ended).toEqual({ kind: 'expulsado', motivo: 'spam' });
    await page.getByText('1 user connected').waitFor();
    expect(await page.getByRole('button', { name: 'Details of ana' }).count()).toBe(0);

    await goTo(page, 'Activity');
    const log = page.getByRole('list', { name: 'Events, newest first' });
    await log.getByText('ana left (kicked)').waitFor();
    await log.getByText('bea joined from 127.0.0.1').waitFor();
    await log.getByText('admin kicked ana (reason: spam)').waitFor();
    expect(bea.state).toBe('conectado');
  });

  it('kicks with a ban; the name is refused while banned, and lifting the ban on the Bans page lets them back', async () => {
    const page = await operator();
    const carla = await users.join('carla');
    await goTo(page, 'Users');
    await page.getByRole('button', { name: 'Kick carla' }).click();
    const kick = page.getByRole('dialog', { name: 'Kick carla' });
    await kick.getByLabel('Reason').fill('flood');
    await kick.getByLabel('Also ban for').selectOption({ label: '1 hour' });
    await kick.getByRole('button', { name: 'Kick', exact: true }).click();
    await until(carla, (s) => s.ended?.kind === 'expulsado');
    await expect(users.join('carla')).rejects.toMatchObject({ code: 'vetado' });

    await goTo(page, 'Bans');
    const ban = page.getByRole('row').filter({ hasText: 'carla' });
    await ban.getByText('flood').waitFor();
    await ban.getByRole('button', { name: 'Lift: carla' }).click();
    await page.getByRole('dialog', { name: 'Lift the ban on carla?' }).getByRole('button', { name: 'Lift', exact: true }).click();
    await page.getByText('The ban on carla was lifted.').waitFor();
    await page.getByText('Nobody is banned.').waitFor();
    await users.join('carla');
  });

  it('announces to everyone: the SDK client gets sistema', async () => {
    const page = await operator();
    const dora = await users.join('dora');
    await goTo(page, 'Announce');
    await page.getByLabel('Announcement to everyone').fill('Mantenimiento a las 22:00');
    await page.getByRole('button', { name: 'Send announcement' }).click();
    await page.getByText(/^Announcement sent at /).waitFor();
    const snapshot = await until(dora, (s) => s.log.some((entry) => entry.frame.tipo === 'sistema'));
    expect(snapshot.log.find((entry) => entry.frame.tipo === 'sistema')?.frame).toMatchObject({ tipo: 'sistema', contenido: 'Mantenimiento a las 22:00' });
  });

  it('stops accepting after a confirmation (a new SDK client is refused no_aceptando) and starts again', async () => {
    const page = await operator();
    const stayer = await users.join('eva');
    await page.getByRole('button', { name: 'Stop accepting…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Stop accepting connections?' });
    await confirm.getByRole('button', { name: 'Stop accepting' }).click();
    await card(page, 'New connections').getByText('Not accepted').waitFor();

    const refused = await users.join('fede').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ChatError);
    expect(refused).toMatchObject({ code: 'no_aceptando' });
    expect(stayer.state).toBe('conectado');
    // The refusal shows in the refusals chart's legend.
    await page.locator('.chart-legend').getByText('no_aceptando: 1').waitFor();

    await page.getByRole('button', { name: 'Start accepting…' }).click();
    await page.getByRole('dialog', { name: 'Accept connections again?' }).getByRole('button', { name: 'Start accepting' }).click();
    await card(page, 'New connections').getByText('Accepted').waitFor();
    await users.join('fede');
  });

  it('stops accepting and disconnects everyone with a reason (servidor_cerrando), then starts again', async () => {
    const page = await operator();
    const gala = await users.join('gala');
    await page.getByRole('button', { name: 'Stop accepting…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Stop accepting connections?' });
    await confirm.getByLabel('Also disconnect everyone now').check();
    await confirm.getByLabel('Reason they will see').fill('mantenimiento');
    await confirm.getByRole('button', { name: 'Stop accepting' }).click();
    const closing = await until(gala, (s) => s.log.some((entry) => entry.frame.tipo === 'servidor_cerrando'));
    expect(closing.log.find((entry) => entry.frame.tipo === 'servidor_cerrando')?.frame).toMatchObject({ motivo: 'mantenimiento' });
    await card(page, 'Users').getByText('0', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Start accepting…' }).click();
    await page.getByRole('dialog', { name: 'Accept connections again?' }).getByRole('button', { name: 'Start accepting' }).click();
    await card(page, 'New connections').getByText('Accepted').waitFor();
  });

  it('searches the history and deletes a message: clients get mensaje_borrado; the audit log lists every action', async () => {
    const page = await operator();
    const hugo = await users.join('hugo');
    const irene = await users.join('irene');
    await hugo.send('hola a todos');
    const doomedId = await hugo.send('esto sobra');
    await goTo(page, 'Messages');
    await page.getByLabel('Search the text').fill('sobra');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const list = page.getByRole('list', { name: 'Messages, newest first' });
    await list.getByText('esto sobra').waitFor();
    expect(await list.getByText('hola a todos').count()).toBe(0);

    await list.getByRole('button', { name: `Delete #${doomedId}` }).click();
    await page.getByRole('dialog', { name: `Delete message #${doomedId}?` }).getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByText(`Message #${doomedId} deleted.`).waitFor();
    await until(irene, (s) => s.log.some((entry) => entry.frame.tipo === 'mensaje_borrado' && entry.frame.id === doomedId));

    await goTo(page, 'Audit');
    const audit = page.getByRole('region', { name: 'Operators’ actions, newest first' });
    await audit.getByRole('row').filter({ hasText: 'message deleted' }).filter({ hasText: String(doomedId) }).waitFor();
    for (const action of ['kick', 'ban lifted', 'announcement', 'new connections']) {
      expect(await audit.getByRole('cell', { name: action, exact: true }).count()).toBeGreaterThan(0);
    }
  });

  it('keeps the connection state in view and reconnects the event stream by itself after the network fails', async () => {
    // The console reaches the server through a TCP proxy the test can cut, as a network failure does.
    const proxy = await startProxy(server.port);
    try {
      const page = await open(`http://127.0.0.1:${proxy.port}/dashboard/`);
      await signIn(page, ADMIN_TOKEN);
      proxy.hold();
      proxy.cut();
      await page.locator('.connection').getByText('Lost the server. Reconnecting…').waitFor();
      // Retries fail while the proxy holds, and the backoff grows until a countdown shows.
      await page.locator('.countdown').getByText(/next try in \d+ s/).waitFor();
      proxy.release();
      await live(page);
      // The figures flow again.
      await users.join('vuelta');
      await card(page, 'Users').getByText('1', { exact: true }).waitFor();
    } finally {
      await proxy.close();
    }
  });
});
