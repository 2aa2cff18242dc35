/**
 * Two (and three) people chatting through the built app on the built server, in Chromium.
 */
import { describe, expect, it } from 'vitest';
import { browserAvailable } from '@charla/browser-testing';
import { chatInChromium, join, line, messageBox, messageLog, seen, send } from './harness';

describe.skipIf(!browserAvailable())('chatting in the browser', () => {
  const { person } = chatInChromium();

  it('two people join and chat both ways; Enter sends, Shift+Enter breaks the line, own messages are marked', async () => {
    const ana = await person();
    const bea = await person();
    await join(ana, 'ana');
    await join(bea, 'bea');
    await seen(ana, 'bea joined.');
    await ana.getByRole('region', { name: 'Online (2)' }).getByRole('button', { name: /^bea/ }).waitFor();

    await send(ana, 'hola bea, ¿qué tal?');
    const atBea = await seen(bea, 'hola bea, ¿qué tal?');
    expect(await atBea.locator('.author').innerText()).toBe('ana');
    expect(await atBea.getAttribute('class')).toBe('message');
    expect(await (await seen(ana, 'hola bea, ¿qué tal?')).getAttribute('class')).toBe('message own');

    const box = messageBox(bea);
    await box.pressSequentially('muy bien');
    await ana.getByText('bea is typing…').first().waitFor();
    await box.press('Shift+Enter');
    await box.pressSequentially('¿y tú?');
    expect(await box.inputValue()).toBe('muy bien\n¿y tú?');
    await box.press('Enter');
    const reply = await seen(ana, '¿y tú?');
    expect(await reply.locator('.text').innerText()).toBe('muy bien\n¿y tú?');
    expect(await box.inputValue()).toBe('');
  });

  it('refuses a name already in use and says why by the name field, in the server’s words too', async () => {
    const first = await person();
    await join(first, 'dora');
    const second = await person();
    await second.getByLabel('Your name').fill('DORA');
    await second.getByRole('button', { name: 'Connect' }).click();
    const error = second.locator('#join-name-error');
    await error.getByText('That name is already taken. Pick another one.').waitFor();
    expect(await error.innerText()).toContain('The server says: “el nombre «DORA» ya está en uso”');
    expect(await second.getByLabel('Your name').getAttribute('aria-invalid')).toBe('true');
  });

  it('delivers a private message to its target only, with an unread count until it is read', async () => {
    const ana = await person();
    const bea = await person();
    const carla = await person();
    await join(ana, 'ana2');
    await join(bea, 'bea2');
    await join(carla, 'carla2');

    await ana.getByRole('button', { name: /^bea2\W+send a private message$/ }).click();
    await ana.getByRole('heading', { name: 'Private with bea2' }).waitFor();
    await send(ana, 'un secreto para bea');
    await seen(ana, 'un secreto para bea');

    const unread = bea.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: 'ana2 1 unread' });
    await unread.waitFor();
    expect(await line(bea, 'un secreto para bea').count()).toBe(0);
    await unread.click();
    await seen(bea, 'un secreto para bea');
    await bea.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: 'ana2', exact: true }).waitFor();

    // Messages arrive in order: once carla has the public one sent after the secret, the secret would have come before it.
    await ana.getByRole('button', { name: 'Everyone' }).click();
    await send(ana, 'y esto es para todos');
    await seen(carla, 'y esto es para todos');
    expect(await carla.getByText('un secreto para bea').count()).toBe(0);
    expect(await carla.getByRole('navigation', { name: 'Conversations' }).getByRole('button').allInnerTexts()).toEqual(['Everyone']);
  });

  it('shows markup as text and runs none of it; only http(s) URLs become safe links', async () => {
    const ana = await person();
    const bea = await person();
    await join(ana, 'ana3');
    await join(bea, 'bea3');
    const attack = `<img src=x onerror="document.title='pwned'"> <script>document.title='pwned'</script> javascript:alert(1) https://example.org/charla?a=1`;
    await send(ana, attack);
    const received = await seen(bea, 'javascript:alert(1)');
    expect(await received.locator('.text').innerText()).toBe(attack);
    expect(await messageLog(bea).locator('img, script').count()).toBe(0);
    expect(await bea.title()).toBe('charla');
    const links = received.getByRole('link');
    expect(await links.count()).toBe(1);
    expect(await links.getAttribute('href')).toBe('https://example.org/charla?a=1');
    expect(await links.getAttribute('target')).toBe('_blank');
    expect(await links.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('counts content in code points near the server’s limit and will not send past it', async () => {
    const ana = await person();
    await join(ana, 'ana4');
    // The server allows 300 code points; 280 emoji are 560 UTF-16 units.
    await messageBox(ana).fill('😀'.repeat(280));
    await ana.getByText('20 left').waitFor();
    await messageBox(ana).fill('😀'.repeat(301));
    await ana.getByText('1 over the limit').waitFor();
    expect(await ana.getByRole('button', { name: 'Send', exact: true }).isDisabled()).toBe(true);
    await messageBox(ana).fill('😀'.repeat(300));
    await messageBox(ana).press('Enter');
    await seen(ana, '😀'.repeat(300));
  });

  it('keeps the reader’s place when they scrolled up, with a "new messages" pill that brings them down', async () => {
    const ana = await person();
    const bea = await person();
    await join(ana, 'ana5');
    await join(bea, 'bea5');
    for (let i = 1; i <= 8; i++) await send(bea, `relleno ${i}\n·\n·\n·\n·`);
    await seen(ana, 'relleno 8');
    const log = messageLog(ana);
    const distanceFromBottom = () => log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
    expect(await distanceFromBottom()).toBeLessThan(48);

    // Scroll events fire with the next frame: after two, the app has seen the reader leave the bottom.
    await log.evaluate(async (el) => {
      el.scrollTo({ top: 0 });
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    });
    await send(bea, 'algo nuevo abajo');
    await seen(ana, 'algo nuevo abajo');
    const pill = ana.getByRole('button', { name: '1 new message' });
    await pill.waitFor();
    expect(await log.evaluate((el) => el.scrollTop)).toBe(0);
    await pill.click();
    await pill.waitFor({ state: 'detached' });
    expect(await distanceFromBottom()).toBeLessThan(48);
  });

  it('one leaves with Disconnect and the other sees it', async () => {
    const ana = await person();
    const bea = await person();
    await join(ana, 'ana6');
    await join(bea, 'bea6');
    await ana.getByRole('region', { name: /^Online/ }).getByRole('button', { name: /^bea6/ }).waitFor();
    await bea.getByRole('button', { name: 'Disconnect' }).click();
    await bea.getByText('You left the chat.').waitFor();
    await bea.getByRole('button', { name: 'Connect' }).waitFor();
    await seen(ana, 'bea6 left.');
    await ana.getByRole('region', { name: /^Online/ }).getByRole('button', { name: /^bea6/ }).waitFor({ state: 'detached' });
  });
});
