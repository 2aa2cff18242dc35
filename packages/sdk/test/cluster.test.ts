/**
 * The SDK across a cluster outage: two servers on one Redis (its own redis-server, with
 * `appendonly yes`), one client on each. While Redis is away the clients hold what their
 * users send; when it returns each held message is delivered once, to both, and nothing
 * acked before the outage is lost.
 */
import { startServer } from '@charla/server/testing';
import type { RunningServer } from '@charla/server/testing';
import { redisAvailable, startRedis } from '@charla/server/testing-redis';
import type { TestRedis } from '@charla/server/testing-redis';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ChatClient } from '../src/index.js';
import { until } from './until.js';

const haveRedis = redisAvailable();
if (!haveRedis) {
  if (process.env.CI === 'true') throw new Error('redis-server is required in CI (apt-get install -y redis-server)');
  console.warn('\n*** redis-server not found: SKIPPING the SDK cluster test (apt-get install -y redis-server) ***\n');
}

const opened: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close();
});

const messageIds = (client: ChatClient) =>
  client.getSnapshot().log.flatMap((entry) => (entry.frame.tipo === 'mensaje' ? [entry.frame.id] : []));

describe.skipIf(!haveRedis)('ChatClient in a cluster', () => {
  it('holds sends while Redis is away and delivers each once when it is back', { timeout: 30_000 }, async () => {
    const redis: TestRedis = await startRedis({ appendonly: true });
    opened.push(redis);
    const servers: RunningServer[] = [];
    for (let i = 0; i < 2; i++) {
      const server = await startServer({ redisUrl: redis.url });
      opened.push(server);
      servers.push(server);
    }
    const [ana, beto] = servers.map(() => new ChatClient({ WebSocket, reconnect: { baseMs: 10, maxMs: 100 } })) as [ChatClient, ChatClient];
    opened.push({ close: () => ana.disconnect() }, { close: () => beto.disconnect() });
    await ana.connect({ url: (servers[0] as RunningServer).url, nombre: 'ana' });
    await beto.connect({ url: (servers[1] as RunningServer).url, nombre: 'beto' });
    const before = await ana.send('antes');

    await redis.stop();
    await until(ana, (s) => !s.available);
    const held = [ana.send('uno'), ana.send('dos'), beto.send('tres')];
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ana.getSnapshot().state).toBe('conectado');

    await redis.start();
    const ids = await Promise.all(held);
    expect(new Set(ids).size).toBe(3);
    for (const client of [ana, beto]) {
      await until(client, () => ids.every((id) => messageIds(client).includes(id)));
      const seen = messageIds(client);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toContain(before);
    }
    expect(messageIds(ana)).toEqual(messageIds(beto));
  });
});
