/**
 * `pnpm bench`: charla against raw `ws` (idiomatic and frame-once) and Socket.IO, side by
 * side, in one run. Each server is its own process pinned to CPU 0; the load generator is
 * another pinned to CPU 1. Repetitions alternate between servers; medians and ratios are
 * reported, so a noisy machine still compares fairly.
 *
 *   pnpm bench            N = 1,000, rate search for p99 < 100 ms, 3 repetitions
 *   pnpm bench --quick    N = 200, a shorter search, 1 repetition (under 2 minutes)
 *
 * Needs the built server (`pnpm build`). Loopback only; every loop is bounded.
 */
import { execFileSync, fork, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadRequest, LoadResult, ServerKind } from './loadgen.js';

const quick = process.argv.includes('--quick');
const CLIENTS = quick ? 200 : 1000;
const REPETITIONS = quick ? 1 : 3;
const SENDERS = 20;
const PROBE_SECONDS = quick ? 2 : 4;
const P99_BUDGET_MS = 100;
const KINDS: ServerKind[] = ['charla', 'ws-idiomatic', 'ws-frame-once', 'socketio'];

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));
const hasTaskset = (() => {
  try {
    execFileSync('taskset', ['-c', '0', 'true']);
    return cpus().length > 1;
  } catch {
    return false;
  }
})();
const pinned = (cpu: number, command: string, args: string[]) => (hasTaskset ? ['taskset', ['-c', String(cpu), command, ...args]] : [command, args]) as [string, string[]];

interface Server {
  readonly process: ChildProcess;
  readonly port: number;
  stop(): Promise<void>;
}

async function startServer(kind: ServerKind): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'charla-bench-'));
  const [command, args] =
    kind === 'charla'
      ? pinned(0, process.execPath, [
          join(root, 'packages/server/dist/main.js'),
          '--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir, '--admin-token', 'bench', '--no-tcp',
          '--messages-per-10s', '100000', '--max-connections', '100000', '--max-per-address', '100000',
          // info: the line that names the port; connection events only, never per message.
          '--outbound-queue-bytes', String(64 * 1024 * 1024), '--log-level', 'info',
        ])
      : pinned(0, process.execPath, ['--import', 'tsx', join(here, 'servers', `${kind}.ts`), '0']);
  const child = spawn(command, args, { cwd: join(root, 'bench'), stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      if (out.length > 100_000) return;
      out += String(chunk);
      const match = /READY (\d+)|listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (match) resolve(Number(match[1] ?? match[2]));
    });
    child.once('exit', (code) => reject(new Error(`${kind} exited ${code}`)));
    setTimeout(() => reject(new Error(`${kind} did not start within 30 s`)), 30_000).unref();
  });
  return {
    process: child,
    port,
    stop: async () => {
      child.kill('SIGKILL');
      await once(child, 'exit');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The load generator's child (the loadgen's own pid for taskset is its fork). */
function startLoadgen(): ChildProcess {
  const child = fork(join(here, 'loadgen.ts'), [], { execArgv: ['--import', 'tsx', '--conditions=@charla/source'] });
  if (hasTaskset && child.pid !== undefined) execFileSync('taskset', ['-cp', '1', String(child.pid)]);
  return child;
}

function ask<T>(child: ChildProcess, message: object, answer: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: { type: string; result?: T; message?: string }) => {
      if (reply.type === 'error') reject(new Error(reply.message));
      if (reply.type !== answer) return;
      child.off('message', onMessage);
      resolve(reply.result as T);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

/** CPU time (µs) used so far by a process and its threads, from /proc. */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks / 100) * 1e6;
}

function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) * 1024;
}

/** The server's own pid (under taskset, the child is the server itself: taskset execs). */
const pidOf = (server: Server) => server.process.pid as number;

interface Probe {
  readonly rate: number;
  readonly result: LoadResult;
  readonly cpuMicrosPerDelivery: number;
}

async function probe(server: Server, loadgen: ChildProcess, rate: number): Promise<Probe> {
  const before = cpuMicros(pidOf(server));
  const request: LoadRequest = { rate, senders: SENDERS, seconds: PROBE_SECONDS };
  const result = await ask<LoadResult>(loadgen, { type: 'load', request }, 'result');
  const used = cpuMicros(pidOf(server)) - before;
  return { rate, result, cpuMicrosPerDelivery: Math.round((used / Math.max(1, result.delivered)) * 100) / 100 };
}

const sustainable = (p: Probe) => p.result.latencyMs.p99 < P99_BUDGET_MS && p.result.delivered >= 0.999 * p.result.expected;

/** Doubles the rate until p99 breaks the budget (or deliveries go missing), then bisects. */
async function searchRate(server: Server, loadgen: ChildProcess): Promise<{ best: Probe | undefined; probes: Probe[] }> {
  const probes: Probe[] = [];
  let low = 0;
  let high = 0;
  let rate = quick ? 200 : 50;
  for (let i = 0; i < (quick ? 4 : 8); i++) {
    const p = await probe(server, loadgen, rate);
    probes.push(p);
    if (!sustainable(p)) {
      high = rate;
      break;
    }
    low = rate;
    rate *= 2;
  }
  for (let i = 0; high > 0 && i < (quick ? 2 : 3); i++) {
    const mid = Math.round((low + high) / 2);
    const p = await probe(server, loadgen, mid);
    probes.push(p);
    if (sustainable(p)) low = mid;
    else high = mid;
  }
  const best = probes.filter(sustainable).sort((a, b) => b.rate - a.rate)[0];
  return { best, probes };
}

interface Round {
  readonly kind: ServerKind;
  readonly rssPerConnection: number;
  readonly best: Probe | undefined;
  readonly probes: Probe[];
}

async function measure(kind: ServerKind): Promise<Round> {
  const server = await startServer(kind);
  const loadgen = startLoadgen();
  try {
    const base = rssBytes(pidOf(server));
    await ask(loadgen, { type: 'connect', kind, port: server.port, clients: CLIENTS }, 'ready');
    const rssPerConnection = Math.round((rssBytes(pidOf(server)) - base) / CLIENTS);
    const { best, probes } = await searchRate(server, loadgen);
    return { kind, rssPerConnection, best, probes };
  } finally {
    loadgen.send({ type: 'stop' });
    await once(loadgen, 'exit');
    await server.stop();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  const started = Date.now();
  const rounds: Round[] = [];
  for (let repetition = 0; repetition < REPETITIONS; repetition++) {
    for (const kind of KINDS) {
      const round = await measure(kind);
      rounds.push(round);
      const b = round.best;
      console.log(
        `[${repetition + 1}/${REPETITIONS}] ${kind}: ${b ? `${b.rate} msg/s x ${CLIENTS} = ${b.rate * CLIENTS} deliveries/s, p99 ${b.result.latencyMs.p99} ms, ${b.cpuMicrosPerDelivery} µs CPU/delivery` : 'no sustainable rate'}, ${round.rssPerConnection} B RSS/connection`,
      );
    }
  }
  const summary = KINDS.map((kind) => {
    const mine = rounds.filter((r) => r.kind === kind);
    const bests = mine.map((r) => r.best).filter((b): b is Probe => b !== undefined);
    return {
      kind,
      deliveriesPerSecond: median(bests.map((b) => b.rate * CLIENTS)),
      p50: median(bests.map((b) => b.result.latencyMs.p50)),
      p99: median(bests.map((b) => b.result.latencyMs.p99)),
      p999: median(bests.map((b) => b.result.latencyMs.p999)),
      max: median(bests.map((b) => b.result.latencyMs.max)),
      deliveredShare: median(bests.map((b) => b.result.delivered / b.result.expected)),
      cpuMicrosPerDelivery: median(bests.map((b) => b.cpuMicrosPerDelivery)),
      rssPerConnection: median(mine.map((r) => r.rssPerConnection)),
    };
  });
  const of = (kind: ServerKind) => summary.find((s) => s.kind === kind) as (typeof summary)[number];
  const charla = of('charla');
  const ratios = Object.fromEntries(
    (['ws-idiomatic', 'ws-frame-once', 'socketio'] as const).map((peer) => [
      peer,
      {
        throughput: round2(charla.deliveriesPerSecond / Math.max(1, of(peer).deliveriesPerSecond)),
        cpuPerDelivery: round2(charla.cpuMicrosPerDelivery / Math.max(0.01, of(peer).cpuMicrosPerDelivery)),
        rssPerConnection: round2(charla.rssPerConnection / Math.max(1, of(peer).rssPerConnection)),
      },
    ]),
  );
  console.log(`\nN = ${CLIENTS} clients, ${SENDERS} senders, ${REPETITIONS} repetition(s), medians; p99 budget ${P99_BUDGET_MS} ms`);
  console.table(summary);
  console.log('charla / peer (throughput higher is better; CPU and RSS lower is better):');
  console.table(ratios);
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`took ${seconds} s`);
  const machine = { cpus: cpus().map((c) => c.model)[0], cores: cpus().length, node: process.version, pinned: hasTaskset };
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const file = join(root, 'bench/results', `${quick ? 'quick' : 'full'}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ machine, clients: CLIENTS, repetitions: REPETITIONS, seconds, summary, ratios, rounds }, null, 2));
  console.log(`results: ${file}`);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

await main();
