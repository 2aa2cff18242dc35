/**
 * Accessibility and layout in Chromium: axe-core on the join and chat screens (light, dark,
 * phone) and the chat's help, keyboard-only use, the language, and screenshots kept in
 * artifacts/ to look at.
 */
import { mkdirSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '@charla/browser-testing';
import { browserAvailable } from '@charla/browser-testing';
import { chatInChromium, join, messageBox, seen, send } from './harness';
import type { OpenOptions } from './harness';
import { ARTIFACTS_DIR } from './paths';

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true } as const;

describe.skipIf(!browserAvailable())('accessibility and layout', () => {
  const { person } = chatInChromium();
  const screenshot = (page: Page, name: string) => page.screenshot({ path: joinPath(ARTIFACTS_DIR, `${name}.png`) });

  /**
   * A chat worth looking at: messages both ways, a link, a private conversation with one
   * unread message, and a third person typing (one who has not typed in the last second:
   * the SDK sends at most one typing signal per second).
   */
  const busyChat = async (options: OpenOptions, [me, other, typist]: readonly [string, string, string]) => {
    const page = await person(options);
    const peer = await person();
    const third = await person();
    await join(page, me);
    await join(peer, other);
    await join(third, typist);
    await send(peer, `¡Hola ${me}! ¿Viste https://example.org/charla?`);
    await send(page, 'Sí, ¡qué bien se ve!\nY funciona con el teclado.');
    await peer.getByRole('button', { name: new RegExp(`^${me}\\W+send a private message$`) }).click();
    await send(peer, 'Esto es solo para ti.');
    // On a phone the conversation list is hidden behind a button: look for it there too.
    await page.locator('.conversation-button', { hasText: other }).locator('.badge').waitFor({ state: 'attached' });
    await messageBox(third).pressSequentially('escribiendo');
    await page.getByText(`${typist} is typing…`).first().waitFor();
    return page;
  };

  beforeAll(() => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
  });

  it.each([
    ['light', { colorScheme: 'light' }],
    ['dark', { colorScheme: 'dark' }],
  ] as const)('the join and chat screens pass axe with no serious or critical violations (%s)', async (scheme, options) => {
    const names = [`luz_${scheme}`, `par_${scheme}`, `otra_${scheme}`] as const;
    const join = await person(options);
    expect(await seriousViolations(join)).toEqual([]);
    await screenshot(join, `join-${scheme}`);

    const chat = await busyChat(options, names);
    expect(await seriousViolations(chat)).toEqual([]);
    await screenshot(chat, `chat-${scheme}`);

    // The help, open, saying what this server (without --admin-reads-private) told it.
    await chat.getByText('Help', { exact: true }).click();
    await chat.getByText(/^Operators of this server cannot read your private messages/).waitFor();
    expect(await seriousViolations(chat)).toEqual([]);
    await screenshot(chat, `chat-help-${scheme}`);
  });

  it('fits a 375 px phone: no sideways scrolling, people behind a button, axe clean', async () => {
    const phone = await person(PHONE);
    expect(await seriousViolations(phone)).toEqual([]);
    await screenshot(phone, 'phone-join');

    const chat = await busyChat(PHONE, ['movil', 'amiga', 'tercera']);
    const overflow = () => chat.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBe(0);
    expect(await chat.getByRole('region', { name: /^Online/ }).isVisible()).toBe(false);
    expect(await messageBox(chat).isVisible()).toBe(true);
    expect(await seriousViolations(chat)).toEqual([]);
    await screenshot(chat, 'phone-chat');

    const toggle = chat.getByRole('button', { name: /^People/ });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await chat.getByRole('region', { name: /^Online/ }).waitFor();
    expect(await overflow()).toBe(0);
    expect(await seriousViolations(chat)).toEqual([]);
    await screenshot(chat, 'phone-people');
    await chat.getByRole('button', { name: 'amiga 1 unread' }).click();
    await chat.getByRole('heading', { name: 'Private with amiga' }).waitFor();
    expect(await chat.getByRole('region', { name: /^Online/ }).isVisible()).toBe(false);

    // Spanish labels are longer: the top bar must still fit.
    await toggle.click();
    await chat.getByLabel('Language').selectOption('es');
    await chat.getByRole('button', { name: /^Personas/ }).click();
    await chat.getByRole('heading', { name: 'Privado con amiga' }).waitFor();
    expect(await overflow()).toBe(0);
    const [top, bottom] = await Promise.all(['.brand', '.topbar button:last-child'].map((selector) => chat.locator(selector).evaluate((el) => el.getBoundingClientRect().top)));
    expect(bottom).toBeLessThan((top ?? 0) + 20);
    await screenshot(chat, 'phone-chat-es');
  });

  it('works from the keyboard alone: join, send, open a private conversation, send there', async () => {
    const other = await person();
    await join(other, 'tecla2');
    const page = await person();
    // The name field has the focus once the app has rendered.
    await page.waitForFunction(() => document.activeElement?.id === 'join-name');
    await page.keyboard.type('tecla');
    await page.keyboard.press('Enter');
    await page.getByText('Connected as tecla').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('composer-text');
    await page.keyboard.type('sin ratón');
    await page.keyboard.press('Enter');
    await seen(other, 'sin ratón');

    // Tab through the page until the button for tecla2 in the people list has the focus.
    // The text a screen reader reads: without the decorative (aria-hidden) avatar initials.
    const focusedText = () =>
      page.evaluate(() => {
        const focused = document.activeElement?.cloneNode(true);
        if (!(focused instanceof Element)) return '';
        for (const hidden of focused.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
        return focused.textContent ?? '';
      });
    for (let presses = 0; presses < 30 && !/^tecla2\b/.test(await focusedText()); presses++) await page.keyboard.press('Tab');
    expect(await focusedText()).toMatch(/^tecla2\b/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Private with tecla2' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('composer-text');
    await page.keyboard.type('en privado');
    await page.keyboard.press('Enter');
    await other.getByRole('button', { name: 'tecla 1 unread' }).waitFor();
  });

  it('speaks the browser’s language (Spanish here) and can be switched, and the choice is kept', async () => {
    const page = await person({ locale: 'es-ES' });
    await page.getByLabel('Tu nombre').waitFor();
    await page.getByRole('button', { name: 'Conectar' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await page.getByLabel('Idioma').selectOption('en');
    await page.getByLabel('Your name').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await page.getByRole('button', { name: 'Connect' }).waitFor();
  });
});
