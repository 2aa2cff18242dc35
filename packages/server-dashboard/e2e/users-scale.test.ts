/**
 * The users table with 1,200 real chat connections (raw WebSockets from a child process,
 * each identified like any client): only the rows in view are in the DOM, pages are
 * fetched as the reader scrolls to them, and a search answers within 300 ms in the browser.
 * (10,000 users: scripts/users-at-scale.ts, run by hand; see the README.)
 */
import type { RunningServer } from '@charla/server/testing';
import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchChromium } from '@charla/browser-testing';
import { startCrowd } from './crowd';
import type { Crowd } from './crowd';
import { ADMIN_TOKEN, consoleUrl, cspViolations, goTo, openConsole, signIn, startConsoleServer } from './harness';
import type { Operator } from './harness';
import { timeSearch } from './search-timing';

const USERS = 1200;

describe.skipIf(!browserAvailable())(`the users table with ${USERS} connected users`, () => {
  let server: RunningServer;
  let browser: Browser;
  let crowd: Crowd;
  let operator: Operator;
  const usersRequests: URL[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer({ maxConnections: USERS + 100, maxPerAddress: USERS + 100, identificationMs: 60_000 }), launchChromium()]);
    crowd = await startCrowd(server.url, USERS);
    console.log(`${USERS} users connected in ${crowd.seconds} s`);
    operator = await openConsole(browser, consoleUrl(server));
    operator.page.on('request', (request: Request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/users') usersRequests.push(url);
    });
    await signIn(operator.page, ADMIN_TOKEN);
  });

  afterAll(async () => {
    expect(operator?.pageErrors).toEqual([]);
    expect(await cspViolations(operator.page)).toEqual([]);
    await operator?.context.close();
    await browser?.close();
    await crowd?.close();
    await server?.close();
  });

  it('loads one page, renders only the rows in view, and fetches the pages further down as the table scrolls', async () => {
    const { page } = operator;
    await goTo(page, 'Users');
    await page.getByText('1,200 users connected').waitFor();
    await page.getByRole('button', { name: 'Details of u0000' }).waitFor();
    const table = page.getByRole('table');
    expect(await table.getAttribute('aria-rowcount')).toBe(String(USERS + 1));
    expect(await table.locator('tbody tr').count()).toBeLessThan(60);
    expect(usersRequests.map((url) => url.searchParams.get('offset'))).toEqual(['0']);
    expect(Math.max(...usersRequests.map((url) => Number(url.searchParams.get('limit'))))).toBeLessThanOrEqual(500);

    // To the middle, then the end: each time, the pages there are fetched and shown.
    const scroller = page.getByRole('region', { name: 'Connected users' });
    await scroller.evaluate((element) => element.scrollTo(0, element.scrollHeight / 2));
    await page.getByRole('button', { name: 'Details of u0600' }).waitFor();
    await scroller.evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await page.getByRole('button', { name: 'Details of u1199' }).waitFor();
    const offsets = new Set(usersRequests.map((url) => Number(url.searchParams.get('offset'))));
    expect(offsets.has(600)).toBe(true);
    expect(offsets.has(1000)).toBe(true);
    // Pages in between that were never in view were never fetched.
    expect(offsets.has(200)).toBe(false);
    expect(await table.locator('tbody tr').count()).toBeLessThan(60);
    expect(await page.getByRole('button', { name: 'Details of u0000' }).count()).toBe(0);
  });

  it('searches on the server: each search shows its matches within 300 ms in the browser', async () => {
    const { page } = operator;
    const timings: number[] = [];
    for (const [query, expected] of [
      ['u11', '100 users match “u11”'],
      ['u0042', '1 user matches “u0042”'],
      ['u1', '200 users match “u1”'],
      ['nadie', '0 users match “nadie”'],
      ['', '1,200 users connected'],
    ] as const) {
      timings.push(await timeSearch(page, query, expected));
    }
    console.log(`users search with ${USERS} users: ${timings.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`);
    expect(Math.max(...timings)).toBeLessThan(300);

    await timeSearch(page, 'u0042', '1 user matches “u0042”');
    await page.getByRole('button', { name: 'Details of u0042' }).waitFor();
    expect(await page.getByRole('table').locator('tbody tr').count()).toBe(1);
    // A new search starts at the top of the table.
    expect(await page.getByRole('region', { name: 'Connected users' }).evaluate((element) => element.scrollTop)).toBe(0);
  });
});
