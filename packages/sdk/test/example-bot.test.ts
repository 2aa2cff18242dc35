/** The README's ten-line bot, run as its own process against a real server. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { startServer } from '@charla/server/testing';
import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ChatClient } from '../src/index.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('the dice bot answers /dado with a roll', async () => {
  const server = await startServer();
  cleanups.push(() => server.close());
  // tsx as a loader in the bot's own process, so killing it leaves nothing behind.
  const bot = spawn(process.execPath, ['--import', 'tsx', '--conditions=@charla/source', fileURLToPath(new URL('../examples/dice-bot.ts', import.meta.url))], {
    env: { ...process.env, CHARLA_URL: server.url },
    stdio: 'inherit',
  });
  cleanups.push(async () => {
    bot.kill();
    if (bot.exitCode === null) await once(bot, 'exit');
  });

  const ana = new ChatClient({ WebSocket });
  cleanups.push(() => ana.disconnect());
  await ana.connect({ url: server.url, nombre: 'ana' });
  const botJoined = new Promise<void>((resolve) => {
    if (ana.getSnapshot().users.includes('dados')) resolve();
    ana.on('usuario_conectado', (f) => f.nombre === 'dados' && resolve());
  });
  await botJoined;
  const answer = new Promise<string>((resolve) => ana.on('mensaje', (m) => m.remitente === 'dados' && resolve(m.contenido)));
  await ana.send('/dado 20');
  expect(await answer).toMatch(/^🎲 ana saca (\d+) \(d20\)$/);
  const rolled = Number(/saca (\d+)/.exec(await answer)?.[1]);
  expect(rolled).toBeGreaterThanOrEqual(1);
  expect(rolled).toBeLessThanOrEqual(20);
}, 20_000);
