/**
 * The console of one node of a two-node cluster (a private redis-server), in Chromium: it
 * shows both nodes, lists a user connected to the other node with that node's id, and kicks
 * them from here.
 */
import { redisAvailable, startRedis } from '@charla/server/testing-redis';
import type { TestRedis } from '@charla/server/testing-redis';
import type { RunningServer } from '@charla/server/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchChromium } from '@charla/browser-testing';
import { ADMIN_TOKEN, card, ChatUsers, consoleUrl, cspViolations, goTo, kickFromDetails, openConsole, signIn, startConsoleServer, until } from './harness';

const haveRedis = redisAvailable();
if (!haveRedis) {
  if (process.env.CI === 'true') throw new Error('redis-server is required in CI (apt-get install -y redis-server)');
  console.warn('\n*** redis-server not found: SKIPPING the console cluster test (apt-get install -y redis-server) ***\n');
}

describe.skipIf(!browserAvailable() || !haveRedis)('the operator console of a cluster', () => {
  let redis: TestRedis;
  let here: RunningServer;
  let there: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    redis = await startRedis();
    [here, there, browser] = await Promise.all([
      startConsoleServer({ redisUrl: redis.url }),
      startConsoleServer({ redisUrl: redis.url }),
      launchChromium(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await here?.close();
    await there?.close();
    await redis?.close();
  });

  it('shows both nodes and kicks a user held by the other node', async () => {
    const users = new ChatUsers(() => there);
    const { page, context, pageErrors } = await openConsole(browser, consoleUrl(here));
    try {
      await signIn(page, ADMIN_TOKEN);
      await page.getByText('Cluster nodes (2)').waitFor();
      const answer = await fetch(`http://127.0.0.1:${there.port}/api/stats`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      const { nodes } = (await answer.json()) as { nodes: { id: string; address: string }[] };
      const remoteNode = nodes.find((n) => n.address.endsWith(`:${there.port}`));
      expect(remoteNode).toBeDefined();

      const ana = await users.join('ana');
      await card(page, 'Users').getByText('1', { exact: true }).waitFor();
      await goTo(page, 'Users');
      await page.getByRole('button', { name: 'Details of ana' }).click();
      const details = page.getByRole('dialog', { name: 'Details of ana' });
      await details.getByText(remoteNode?.id ?? '?', { exact: true }).waitFor();
      await kickFromDetails(page, details, 'ana', 'spam');
      const ended = await until(ana, (s) => s.ended !== null);
      expect(ended.ended).toEqual({ kind: 'expulsado', motivo: 'spam' });

      expect(pageErrors).toEqual([]);
      expect(await cspViolations(page)).toEqual([]);
    } finally {
      users.closeAll();
      await context.close();
    }
  });
});
