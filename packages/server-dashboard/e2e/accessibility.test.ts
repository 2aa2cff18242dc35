/**
 * Accessibility and layout in Chromium: axe-core on every page (light, dark, a 375 px
 * phone), a dialog, a user's details, the login screen; the phone's tab bar; keyboard use;
 * Spanish; and screenshots of each page (Audit and Activity among them), the details and
 * the phone's tab bar, light and dark, kept in artifacts/ to look at.
 */
import { mkdirSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import type { RunningServer } from '@charla/server/testing';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '@charla/browser-testing';
import { browserAvailable, launchChromium } from '@charla/browser-testing';
import { ADMIN_TOKEN, ChatUsers, consoleUrl, cspViolations, goTo, openConsole, signIn, startConsoleServer } from './harness';
import type { Operator } from './harness';
import { ARTIFACTS_DIR } from './paths';

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true } as const;
const SECTIONS = ['Overview', 'Users', 'Activity', 'Messages', 'Announce', 'Bans', 'Audit'] as const;

describe.skipIf(!browserAvailable())('accessibility and layout', () => {
  let server: RunningServer;
  let browser: Browser;
  let operators: Operator[] = [];
  const users = new ChatUsers(() => server);

  const open = async (options: BrowserContextOptions = {}) => {
    const opened = await openConsole(browser, consoleUrl(server), options);
    operators.push(opened);
    return opened.page;
  };
  const screenshot = (page: Page, name: string) => page.screenshot({ path: joinPath(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const api = (path: string, body: unknown, method = 'POST') =>
    fetch(`http://127.0.0.1:${server.port}/api${path}`, { method, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  /** Signs in and waits until the charts have two five-second points (or history) and a refusal to show. */
  const signedIn = async (options: BrowserContextOptions = {}) => {
    const page = await open(options);
    await signIn(page, ADMIN_TOKEN);
    await users.join('ana').catch((error: unknown) => error); // taken: a nombre_duplicado refusal for the chart
    await page.locator('.chart-legend').first().waitFor();
    await page.waitForFunction(() => (document.querySelector('.chart path')?.getAttribute('d')?.split('L').length ?? 0) >= 2);
    return page;
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    [server, browser] = await Promise.all([startConsoleServer(), launchChromium()]);
    // Something to look at: people, messages (one private), a ban, an announcement; and for
    // the Audit and Activity pages, a kick with a ban and a stop and start of accepting.
    const [ana, bea] = [await users.join('ana'), await users.join('bea')];
    await users.join('carla_con_un_nombre_largo');
    await ana.send('¡Hola a todos! ¿Alguien sabe a qué hora es la reunión?');
    await bea.send('A las 22:00, en la sala grande.');
    await ana.sendPrivate('bea', 'Gracias 🙂');
    await api('/bans', { name: 'troll', seconds: 3600, reason: 'mensajes repetidos' });
    await api('/announcements', { content: 'Mantenimiento a las 23:00' });
    await users.join('dora');
    await api('/users/dora/kick', { reason: 'spam', banSeconds: 600 });
    await api('/server/accepting', { accepting: false, disconnectAll: false }, 'PUT');
    await api('/server/accepting', { accepting: true }, 'PUT');
  });

  afterEach(async () => {
    for (const { page, pageErrors } of operators) {
      expect(pageErrors).toEqual([]);
      expect(await cspViolations(page)).toEqual([]);
    }
    await Promise.all(operators.map(({ context }) => context.close()));
    operators = [];
  });

  afterAll(async () => {
    users.closeAll();
    await browser?.close();
    await server?.close();
  });

  it.each([
    ['light', { colorScheme: 'light' }],
    ['dark', { colorScheme: 'dark' }],
  ] as const)('every page passes axe with no serious or critical violation (%s)', async (scheme, options) => {
    const login = await open(options);
    await login.getByLabel('Admin token').waitFor();
    expect(await seriousViolations(login)).toEqual([]);
    await screenshot(login, `login-${scheme}`);

    const page = await signedIn(options);
    for (const section of SECTIONS) {
      await goTo(page, section);
      await page.locator('.page p.muted', { hasText: 'Loading…' }).waitFor({ state: 'detached' });
      expect(await seriousViolations(page), section).toEqual([]);
      await screenshot(page, `${section.toLowerCase()}-${scheme}`);
    }

    await goTo(page, 'Users');
    await page.getByRole('button', { name: 'Kick bea' }).click();
    await page.getByRole('dialog', { name: 'Kick bea' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `kick-dialog-${scheme}`);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Details of ana' }).click();
    const details = page.getByRole('dialog', { name: 'Details of ana' });
    await details.getByText('WebSocket', { exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `user-details-${scheme}`);
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'detached' });
  });

  it.each([
    ['light', { colorScheme: 'light' }],
    ['dark', { colorScheme: 'dark' }],
  ] as const)('the tab bar fits a 375 px phone: every section in view, finger-sized, none off to the side (%s)', async (scheme, options) => {
    const page = await signedIn({ ...PHONE, ...options });
    const nav = page.getByRole('navigation', { name: 'Sections' });
    const layout = await nav.evaluate((element) => {
      const links = [...element.querySelectorAll('a')].map((link) => link.getBoundingClientRect());
      return {
        links: links.length,
        scrollsSideways: element.scrollWidth > element.clientWidth || (element.querySelector('ul')?.scrollWidth ?? 0) > (element.querySelector('ul')?.clientWidth ?? 0),
        outside: links.filter((r) => r.left < 0 || r.right > window.innerWidth).length,
        small: links.filter((r) => r.height < 44).length,
      };
    });
    expect(layout).toEqual({ links: SECTIONS.length, scrollsSideways: false, outside: 0, small: 0 });
    expect(await overflow(page)).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await nav.screenshot({ path: joinPath(ARTIFACTS_DIR, `phone-tabs-${scheme}.png`) });
  });

  it('fits a 375 px phone: no sideways scrolling on any page, axe clean', async () => {
    const login = await open(PHONE);
    await login.getByLabel('Admin token').waitFor();
    expect(await overflow(login)).toBe(0);
    await screenshot(login, 'phone-login');

    const page = await signedIn(PHONE);
    for (const section of SECTIONS) {
      await goTo(page, section);
      await page.locator('.page p.muted', { hasText: 'Loading…' }).waitFor({ state: 'detached' });
      expect(await overflow(page), section).toBe(0);
      expect(await seriousViolations(page), section).toEqual([]);
      await screenshot(page, `phone-${section.toLowerCase()}`);
    }
  });

  it('works from the keyboard: sign in, move between sections, open and close a dialog', async () => {
    const page = await open();
    await page.waitForFunction(() => document.activeElement?.id === 'login-token');
    await page.keyboard.type(ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    // Tab to the Users link and follow it: the new page's title takes the focus.
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    for (let presses = 0; presses < 15 && (await focused()) !== 'Users'; presses++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('Users');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Users' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H2');
    for (let presses = 0; presses < 30 && (await focused()) !== 'Kick…'; presses++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('kick-reason');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('speaks the browser’s language (Spanish here), and the labels still fit a phone', async () => {
    const page = await open({ ...PHONE, locale: 'es-ES' });
    await page.getByLabel('Token de administración').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('navigation', { name: 'Secciones' }).waitFor();
    await page.locator('.connection').getByText('En vivo').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await page.getByRole('link', { name: 'Usuarios' }).click();
    await page.getByText('3 usuarios conectados').waitFor();
    expect(await overflow(page)).toBe(0);
    await screenshot(page, 'phone-users-es');
  });
});
