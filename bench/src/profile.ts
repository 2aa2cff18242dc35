/**
 * A CPU profile of the built charla server (as `pnpm bench` runs it) at a given load: the
 * server starts with the inspector on loopback, N clients connect and identify, and the
 * profiler runs only while S senders send `rate` messages/s for `seconds` (and, separately,
 * during the connection ramp). Prints where the time goes; the raw profiles are kept.
 * Usage: pnpm --filter @charla/bench cpu-profile [rate] [seconds] [clients] [main.js]
 *        (200 8 1000, this checkout's build; another build's main.js profiles that one)
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { ConnectResult, LoadRequest, LoadResult } from './loadgen.js';
import { ask, cpuMicros, root, round2, startLoadgen, startServer, stopLoadgen } from './processes.js';
import { summarize } from './profile-summary.js';

const rate = Number(process.argv[2] ?? 200);
const seconds = Number(process.argv[3] ?? 8);
const clients = Number(process.argv[4] ?? 1000);
const main = process.argv[5];

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A minimal Chrome DevTools Protocol client: one request at a time, each bounded. */
async function inspector(port: number) {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const socket = new WebSocket(targets[0]?.webSocketDebuggerUrl ?? '', { maxPayload: 1 << 30 });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let nextId = 1;
  const call = <T>(method: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => reject(new Error(`${method}: no answer within 60 s`)), 60_000);
      const onMessage = (data: WebSocket.RawData) => {
        const reply = JSON.parse(String(data)) as { id?: number; result: T };
        if (reply.id !== id) return;
        clearTimeout(timer);
        socket.off('message', onMessage);
        resolve(reply.result);
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method }));
    });
  return { call, close: () => socket.close() };
}

const inspectPort = await freePort();
const server = await startServer('charla', { nodeArgs: [`--inspect=127.0.0.1:${inspectPort}`], ...(main !== undefined && { main }) });
const loadgen = startLoadgen();
try {
  const cdp = await inspector(inspectPort);
  await cdp.call('Profiler.enable');
  const report = async (label: string, work: () => Promise<string>) => {
    await cdp.call('Profiler.start');
    const cpuBefore = cpuMicros(server.pid);
    const what = await work();
    const cpu = (cpuMicros(server.pid) - cpuBefore) / 1000;
    const { profile } = await cdp.call<{ profile: Parameters<typeof summarize>[0] }>('Profiler.stop');
    const file = join(root, 'bench/results', `profile-${label}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    const { busyMs, functions, areas } = summarize(profile, 20);
    console.log(`\n== ${label}: ${what}; server CPU ${Math.round(cpu)} ms, profiled busy ${busyMs} ms (${file})`);
    console.table(areas.slice(0, 12));
    console.table(functions);
  };
  await report('connect', async () => {
    const c = await ask<ConnectResult>(loadgen, { type: 'connect', kind: 'charla', port: server.port, clients }, 'ready');
    return `${clients} clients connected and identified in ${c.seconds} s (${c.perSecond}/s)`;
  });
  await report('load', async () => {
    const request: LoadRequest = { rate, senders: 20, seconds };
    const cpuBefore = cpuMicros(server.pid);
    const r = await ask<LoadResult>(loadgen, { type: 'load', request }, 'result');
    const perDelivery = round2((cpuMicros(server.pid) - cpuBefore) / Math.max(1, r.delivered));
    return `${rate} msg/s x ${clients} clients for ${seconds} s: ${r.delivered}/${r.expected} delivered, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, ${perDelivery} µs CPU/delivery`;
  });
  cdp.close();
} finally {
  await stopLoadgen(loadgen);
  await server.stop();
}
