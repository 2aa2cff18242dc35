/**
 * The claim "nothing acked is ever lost, nothing is shown twice", as a property: random
 * interleavings of sends, dropped sockets and server restarts (real server, real SQLite
 * file) for three clients. Afterwards every client's log holds exactly the server's
 * messages, once each, and every acked send is stored exactly once under its id.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '@charla/server/testing';
import type { RunningServer } from '@charla/server/testing';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import WebSocket from 'ws';
import { ChatClient } from '../src/index.js';
import { until } from './until.js';

type Step = { kind: 'send'; who: number } | { kind: 'drop'; who: number } | { kind: 'restart' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('send' as const), who: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), who: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
);

async function scenario(steps: Step[]): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'charla-noloss-'));
  const sockets = new Map<number, WebSocket>();
  let server: RunningServer = await startServer({ persist: true, dataDir, graceMs: 60_000 });
  const clients = [0, 1, 2].map((who) => {
    class Tracked extends WebSocket {
      constructor(url: string) {
        super(url);
        sockets.set(who, this);
      }
    }
    return new ChatClient({ WebSocket: Tracked, reconnect: { baseMs: 5, maxMs: 50 } });
  });
  try {
    for (const [who, client] of clients.entries()) await client.connect({ url: server.url, nombre: `user${who}` });
    const acked: Promise<number>[] = [];
    const sent: string[] = [];
    for (const [n, s] of steps.entries()) {
      if (s.kind === 'send') {
        const text = `#${n} from ${s.who}`;
        sent.push(text);
        acked.push((clients[s.who] as ChatClient).send(text));
      } else if (s.kind === 'drop') {
        (sockets.get(s.who) as unknown as { _socket?: { destroy(): void } })._socket?.destroy();
      } else {
        const port = server.port;
        await server.close();
        server = await startServer({ persist: true, dataDir, graceMs: 60_000, port });
      }
    }
    const ids = await Promise.all(acked);
    const final = server;
    await Promise.all(clients.map((c) => until(c, (s) => s.state === 'conectado')));
    // Everyone has caught up once the newest message reached every log.
    const newest = Math.max(0, ...ids);
    await Promise.all(clients.map((c) => until(c, (s) => newest === 0 || s.log.some((e) => e.key === `m${newest}`))));

    const reader = new ChatClient({ WebSocket, reconnect: false });
    await reader.connect({ url: final.url, nombre: 'auditor' });
    const stored = (await reader.history({ limite: 200 })).mensajes;
    reader.disconnect();
    // Every acked send is stored exactly once, under the id it was acked with.
    expect(new Set(ids).size).toBe(ids.length);
    expect(stored.map((m) => m.contenido).sort()).toEqual([...sent].sort());
    for (const [i, id] of ids.entries()) expect(stored.find((m) => m.id === id)?.contenido).toBe(sent[i]);
    // Every client shows exactly the stored messages, once, in id order.
    for (const client of clients) {
      const shown = client.getSnapshot().log.flatMap((e) => (e.frame.tipo === 'mensaje' ? [e.frame.id] : []));
      expect(shown).toEqual(stored.map((m) => m.id));
    }
  } finally {
    for (const client of clients) client.disconnect();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

it('never loses or duplicates an acked message across drops and restarts', async () => {
  await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), scenario), { numRuns: 12 });
}, 120_000);
