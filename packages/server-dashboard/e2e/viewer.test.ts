/**
 * A viewer token in Chromium: it sees everything, every write control is disabled and says
 * why, and the API itself refuses its writes (403), so the disabled buttons are not the
 * only guard.
 */
import type { RunningServer } from '@charla/server/testing';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchChromium } from '@charla/browser-testing';
import { ChatUsers, consoleUrl, cspViolations, goTo, openConsole, signIn, startConsoleServer, VIEWER_TOKEN } from './harness';
import type { Operator } from './harness';

const REASON = 'Read-only token: you see everything, but the controls that change things are disabled.';

describe.skipIf(!browserAvailable())('a viewer token', () => {
  let server: RunningServer;
  let browser: Browser;
  let viewer: Operator;
  const users = new ChatUsers(() => server);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchChromium()]);
  });

  afterEach(() => users.closeAll());

  afterAll(async () => {
    expect(viewer.pageErrors).toEqual([]);
    expect(await cspViolations(viewer.page)).toEqual([]);
    await viewer?.context.close();
    await browser?.close();
    await server?.close();
  });

  it('sees the users but cannot kick: the button is disabled, described by the reason; the API answers 403', async () => {
    await users.join('mira');
    viewer = await openConsole(browser, consoleUrl(server));
    const { page } = viewer;
    await signIn(page, VIEWER_TOKEN);
    await page.getByText(REASON).waitFor();

    await goTo(page, 'Users');
    const kick = page.getByRole('button', { name: 'Kick mira' });
    await kick.waitFor();
    expect(await kick.isDisabled()).toBe(true);
    const describedBy = await kick.getAttribute('aria-describedby');
    expect(await page.locator(`#${describedBy}`).innerText()).toBe(REASON);
    expect(await kick.getAttribute('title')).toBe(REASON);

    // The same request the button would make, with the viewer's token.
    const answer = await fetch(`http://127.0.0.1:${server.port}/api/users/mira/kick`, {
      method: 'POST',
      headers: { authorization: `Bearer ${VIEWER_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'no' }),
    });
    expect(answer.status).toBe(403);
    expect(await answer.json()).toMatchObject({ code: 'forbidden' });
  });

  it('has every other write control disabled too, on every page', async () => {
    const { page } = viewer;
    await goTo(page, 'Overview');
    expect(await page.getByRole('button', { name: 'Stop accepting…' }).isDisabled()).toBe(true);
    await goTo(page, 'Announce');
    await page.getByLabel('Announcement to everyone').fill('hola');
    expect(await page.getByRole('button', { name: 'Send announcement' }).isDisabled()).toBe(true);
    await goTo(page, 'Bans');
    await page.getByLabel('Name or address').fill('alguien');
    expect(await page.getByRole('button', { name: 'Ban', exact: true }).isDisabled()).toBe(true);
    // Reading is allowed: the history and the audit log load.
    await goTo(page, 'Messages');
    await page.getByText('No messages.').waitFor();
    await goTo(page, 'Audit');
    await page.getByText('No actions yet.').waitFor();
  });
});
