/**
 * `pnpm --filter @charla/bench redis-hop`: what cluster mode's Redis hop costs. The same load
 * (N identified clients, S senders at a fixed total rate) against one charla node alone, one
 * node with `--redis`, and two nodes on one Redis with the clients split between them.
 * Reports latency p50/p99 and CPU per message and per delivery (every charla process plus
 * redis-server), medians of alternating repetitions. Servers and Redis share CPU 0, the
 * load generator has CPU 1: on two cores this measures overhead, not scaling.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { startRedis } from '@charla/server/testing-redis';
import type { TestRedis } from '@charla/server/testing-redis';
import type { LoadResult } from './loadgen.js';
import type { Server } from './processes.js';
import { ask, cpuMicros, hasTaskset, median, root, round2, startLoadgen, startServer, stopLoadgen } from './processes.js';

const CLIENTS = 200;
const SENDERS = 20;
/** Messages per second in all: 250 x 200 clients = 50,000 deliveries/s. */
const RATE = 250;
const SECONDS = 4;
const REPETITIONS = 3;

interface Setup {
  readonly label: string;
  readonly nodes: number;
  readonly redis: boolean;
}
const SETUPS: Setup[] = [
  { label: '1 node', nodes: 1, redis: false },
  { label: '1 node + Redis', nodes: 1, redis: true },
  { label: '2 nodes + Redis', nodes: 2, redis: true },
];

interface Round {
  readonly setup: string;
  readonly result: LoadResult;
  readonly cpuMicrosPerMessage: number;
  readonly cpuMicrosPerDelivery: number;
  /** Of the CPU per message, what redis-server used. */
  readonly redisMicrosPerMessage: number;
}

async function measure(setup: Setup): Promise<Round> {
  let redis: TestRedis | undefined;
  const servers: Server[] = [];
  const loadgen = startLoadgen();
  try {
    if (setup.redis) {
      redis = await startRedis({ appendonly: true, fsync: 'everysec' });
      if (hasTaskset && redis.pid !== undefined) execFileSync('taskset', ['-cp', '0', String(redis.pid)]);
    }
    const args = redis === undefined ? [] : ['--redis', redis.url];
    for (let i = 0; i < setup.nodes; i++) servers.push(await startServer('charla', { args }));
    if (redis !== undefined) await clustered(servers);
    await ask(loadgen, { type: 'connect', kind: 'charla', port: servers[0]?.port, ports: servers.map((s) => s.port), clients: CLIENTS }, 'ready');
    await ask(loadgen, { type: 'load', request: { rate: RATE, senders: SENDERS, seconds: 1 } }, 'result');
    const redisPid = redis?.pid;
    const redisCpu = () => (redisPid === undefined ? 0 : cpuMicros(redisPid));
    const cpu = () => servers.reduce((sum, server) => sum + cpuMicros(server.pid), redisCpu());
    const [before, redisBefore] = [cpu(), redisCpu()];
    const result = await ask<LoadResult>(loadgen, { type: 'load', request: { rate: RATE, senders: SENDERS, seconds: SECONDS } }, 'result');
    const used = cpu() - before;
    const usedByRedis = redisCpu() - redisBefore;
    return {
      setup: setup.label,
      result,
      cpuMicrosPerMessage: round2(used / Math.max(1, result.offered)),
      cpuMicrosPerDelivery: round2(used / Math.max(1, result.delivered)),
      redisMicrosPerMessage: round2(usedByRedis / Math.max(1, result.offered)),
    };
  } finally {
    await stopLoadgen(loadgen);
    for (const server of servers) await server.stop();
    await redis?.close();
  }
}

/** Waits until every node has joined the cluster (its health names Redis ok). */
async function clustered(servers: Server[]): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (const server of servers) {
    for (;;) {
      const health = (await (await fetch(`http://127.0.0.1:${server.port}/api/health`)).json()) as { checks: { redis?: string } };
      if (health.checks.redis === 'ok') break;
      if (Date.now() > deadline) throw new Error('a node did not join the cluster within 15 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const rounds: Round[] = [];
for (let repetition = 0; repetition < REPETITIONS; repetition++) {
  for (const setup of SETUPS) {
    const round = await measure(setup);
    rounds.push(round);
    const { latencyMs, delivered, expected } = round.result;
    console.log(
      `[${repetition + 1}/${REPETITIONS}] ${setup.label}: p50 ${latencyMs.p50} ms, p99 ${latencyMs.p99} ms, ` +
        `${round.cpuMicrosPerMessage} µs CPU/message (Redis ${round.redisMicrosPerMessage}), ${round.cpuMicrosPerDelivery} µs CPU/delivery, ${delivered}/${expected} delivered`,
    );
  }
}

const summary = SETUPS.map((setup) => {
  const mine = rounds.filter((r) => r.setup === setup.label);
  return {
    setup: setup.label,
    p50: median(mine.map((r) => r.result.latencyMs.p50)),
    p99: median(mine.map((r) => r.result.latencyMs.p99)),
    cpuMicrosPerMessage: median(mine.map((r) => r.cpuMicrosPerMessage)),
    cpuMicrosPerDelivery: median(mine.map((r) => r.cpuMicrosPerDelivery)),
    redisMicrosPerMessage: median(mine.map((r) => r.redisMicrosPerMessage)),
    deliveredShare: round2(median(mine.map((r) => r.result.delivered / Math.max(1, r.result.expected)))),
  };
});
console.log(`\nRedis hop, N = ${CLIENTS}, ${RATE} messages/s, medians of ${REPETITIONS}:`);
console.table(summary);
const base = summary[0];
for (const row of summary.slice(1)) {
  console.log(`${row.setup} / 1 node: CPU per message ${round2(row.cpuMicrosPerMessage / Math.max(0.01, base?.cpuMicrosPerMessage ?? 1))}x, p50 +${round2(row.p50 - (base?.p50 ?? 0))} ms`);
}
mkdirSync(join(root, 'bench/results'), { recursive: true });
const file = join(root, 'bench/results', `redis-hop-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify({ machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version }, summary, rounds }, null, 2));
console.log(`written to ${file}`);
