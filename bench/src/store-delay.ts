/**
 * Does the SQLite store block the event loop? Runs the server in this process with the
 * SQLite store in a temporary data dir, a load generator in another process sending
 * 1,000 messages/s, and reports the event-loop delay (p50/p99/max) per synchronous mode.
 * Usage: pnpm --filter @charla/bench store-delay [seconds]
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startServer } from '@charla/server/testing';

const seconds = Number(process.argv[2] ?? 10);
const rate = 1000;

for (const synchronous of ['normal', 'full'] as const) {
  const dataDir = mkdtempSync(join(tmpdir(), 'charla-bench-'));
  const server = await startServer({ persist: true, dataDir, synchronous, messagesPer10s: 100_000, maxPerAddress: 1000 });
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const load = fork(fileURLToPath(new URL('./senders.ts', import.meta.url)), [server.url, '20', String(rate), String(seconds)], {
    execArgv: ['--import', 'tsx', '--conditions=@charla/source'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  let report = '';
  load.stdout?.on('data', (chunk: Buffer) => (report += String(chunk)));
  await once(load, 'exit');
  histogram.disable();
  const { sent } = JSON.parse(report) as { sent: number };
  const stored = server.app.hub.stats().messagesTotal;
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  const ms = (ns: number) => (ns / 1e6).toFixed(2);
  console.log(
    `synchronous=${synchronous}: ${sent} messages sent at ${rate}/s, ${stored} accepted; ` +
      `event-loop delay p50 ${ms(histogram.percentile(50))} ms, p99 ${ms(histogram.percentile(99))} ms, max ${ms(histogram.max)} ms`,
  );
}
