/**
 * The console with 10,000 connected users, measured in Chromium: how long the users page
 * takes to show them, how long a search takes to update it, how long a jump to the end of
 * the table takes. Run by hand (the ramp alone takes many minutes on 2 cores: every join is
 * announced to everyone already there, O(n²) deliveries):
 *
 *   pnpm --filter @charla/server-dashboard users-at-scale [users]
 *
 * The server runs in this process (serving the freshly built console); the users are real
 * WebSocket connections from a child process (e2e/crowd-process.mjs).
 */
import type { RunningServer } from '@charla/server/testing';
import buildConsole from '../e2e/global-setup';
import { browserAvailable, launchChromium } from '@charla/browser-testing';
import { startCrowd } from '../e2e/crowd';
import { ADMIN_TOKEN, consoleUrl, openConsole, signIn, startConsoleServer } from '../e2e/harness';
import { timeSearch, timeUsersPage } from '../e2e/search-timing';

const users = Number(process.argv[2] ?? 10_000);
const width = String(users - 1).length;
const name = (i: number) => `u${String(i).padStart(width, '0')}`;
const count = (n: number) => new Intl.NumberFormat('en-GB').format(n);

if (!browserAvailable()) process.exit(1);
console.log(`building the console…`);
await buildConsole();
// Generous deadlines: while thousands join, the server's event loop is busy announcing them,
// and a 10 s identification deadline can pass before a new connection's frame is read.
const server: RunningServer = await startConsoleServer({
  maxConnections: users + 100,
  maxPerAddress: users + 100,
  pingMs: 600_000,
  identificationMs: 300_000,
});
console.log(`server on port ${server.port}; connecting ${users} users (be patient)…`);
const crowd = await startCrowd(server.url, users);
console.log(`${users} users identified in ${crowd.seconds} s`);
const browser = await launchChromium();
try {
  const { page, context } = await openConsole(browser, consoleUrl(server));
  await signIn(page, ADMIN_TOKEN);
  const open = await timeUsersPage(page, `${count(users)} users connected`);

  const queries: [string, string][] = [
    [name(1234).slice(0, 4), ''],
    [name(4242), ''],
    ['u9', ''],
    ['nadie', ''],
    ['', `${count(users)} users connected`],
  ];
  const searches: number[] = [];
  for (const [query, given] of queries) {
    const matches = query === '' ? users : Array.from({ length: users }, (_, i) => name(i)).filter((n) => n.includes(query)).length;
    const expected = given !== '' ? given : `${count(matches)} ${matches === 1 ? 'user matches' : 'users match'} “${query}”`;
    searches.push(await timeSearch(page, query, expected));
  }

  const scroller = page.getByRole('region', { name: 'Connected users' });
  const started = Date.now();
  await scroller.evaluate((element) => element.scrollTo(0, element.scrollHeight));
  await page.getByRole('button', { name: `Details of ${name(users - 1)}` }).waitFor();
  const toEnd = Date.now() - started;
  const rowsInDom = await page.getByRole('table').locator('tbody tr').count();
  await context.close();

  const sorted = [...searches].sort((a, b) => a - b);
  console.log(
    JSON.stringify(
      {
        users,
        rampSeconds: crowd.seconds,
        usersPageMs: Math.round(open),
        searchMs: searches.map(Math.round),
        searchMedianMs: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
        searchMaxMs: Math.round(sorted.at(-1) ?? 0),
        scrollToEndMs: toEnd,
        rowsInDom,
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  await crowd.close();
  await server.close();
}
