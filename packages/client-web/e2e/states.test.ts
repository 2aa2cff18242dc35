/**
 * The states a finished client must get right, in Chromium, light and dark, desktop and a
 * 375 px phone: avatars in a live chat, the reconnecting state with the people list marked
 * last known, and a ban's refusal in English and in Spanish. Each is axe-checked and kept
 * as a screenshot in artifacts/ to look at.
 */
import { mkdirSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, seriousViolations } from '@charla/browser-testing';
import { chatInChromium, join, send, seen, startChat } from './harness';
import type { OpenOptions } from './harness';
import { ARTIFACTS_DIR } from './paths';

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true } as const;
const DESKTOP = { viewport: { width: 1100, height: 720 } } as const;

describe.skipIf(!browserAvailable())('states worth a look', () => {
  const world = chatInChromium();
  const { person } = world;
  const screenshot = (page: Page, name: string) => page.screenshot({ path: joinPath(ARTIFACTS_DIR, `${name}.png`) });

  beforeAll(() => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
  });

  const cases = [
    ['light', 'desktop', { colorScheme: 'light', ...DESKTOP }],
    ['dark', 'desktop', { colorScheme: 'dark', ...DESKTOP }],
    ['light', 'phone', { colorScheme: 'light', ...PHONE }],
    ['dark', 'phone', { colorScheme: 'dark', ...PHONE }],
  ] as const;

  it.each(cases)('avatars, then reconnecting with a last-known list (%s, %s)', async (scheme, size, options: OpenOptions) => {
    const tag = `${scheme}-${size}`;
    // Its own server, so stopping it leaves the one serving the app up.
    const server = await startChat();
    const address = `ws://127.0.0.1:${server.port}/ws`;
    const page = await person(options);
    const others = [await person(), await person()];
    await join(page, `ana_${scheme[0]}${size[0]}`, address);
    await join(others[0] as Page, `Bea.${size}`, address);
    await join(others[1] as Page, `carla${scheme}`, address);
    await send(others[0] as Page, '¡Hola! ¿Qué tal?');
    await send(page, 'Muy bien, ¿y tú?');
    await seen(page, '¡Hola! ¿Qué tal?');
    const people = page.getByRole('region', { name: /^Online/ });
    if (size === 'phone') await page.getByRole('button', { name: /^People/ }).click();
    await people.waitFor();
    expect(await page.locator('.users .avatar').count()).toBe(3);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `states-avatars-${tag}`);
    if (size === 'phone') await page.getByRole('button', { name: /^People/ }).click();

    await server.close();
    await page.getByText('Last known list: not connected, it may be out of date.').waitFor({ state: 'attached' });
    await page.getByText('Not connected: what you write now will be sent when the connection is back.').waitFor();
    expect(await page.locator('.presence-dot:not(.presence-stale)').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `states-reconnecting-${tag}`);
    if (size === 'phone') {
      await page.getByRole('button', { name: /^People/ }).click();
      await people.waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `states-reconnecting-people-${tag}`);
    }
  });

  it.each(cases)('a ban’s refusal in English and in Spanish, its end in local time (%s, %s)', async (scheme, size, options: OpenOptions) => {
    const tag = `${scheme}-${size}`;
    const name = `vetada_${scheme}_${size}`;
    const ban = world.server.app.hub.operator.banName(name, { seconds: 3 * 3600, reason: 'spam', by: 'test' });
    expect(ban).not.toHaveProperty('invalid');
    for (const [language, locale, label, expected] of [
      ['en', 'en-US', 'Your name', /^You are not allowed to join this chat until .+\.$/],
      ['es', 'es-ES', 'Tu nombre', /^No tienes permitido entrar en este chat hasta el .+\.$/],
    ] as const) {
      const page = await person({ ...options, locale, timezoneId: 'Europe/Madrid' });
      await page.getByLabel(label).fill(name);
      await page.getByLabel(label).press('Enter');
      const error = page.locator('#join-server-error');
      await error.waitFor();
      const text = await error.innerText();
      expect(text.split('\n')[0]).toMatch(expected);
      expect(text).not.toMatch(/\d{4}-\d\d-\d\dT/);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `states-refusal-${language}-${tag}`);
    }
  });
});
