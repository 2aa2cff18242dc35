/**
 * `pnpm bench`: charla against raw `ws` (idiomatic and frame-once) and Socket.IO, side by
 * side, in one run. Each server is its own process pinned to CPU 0; the load generator is
 * another pinned to CPU 1. Repetitions alternate between servers; medians and ratios are
 * reported, so a noisy machine still compares fairly. (Over 300 lines because it is the
 * bench's one script: the step list reads top to bottom; each step's work is in its own file.)
 *
 *   pnpm bench            N = 1,000, rate search for p99 < 100 ms, 3 repetitions, then
 *                         RSS and set-up rate at N = 10,000 (once per server)
 *   pnpm bench --quick    N = 200, a shorter search, 1 repetition, no 10,000 step (~2 minutes)
 *   pnpm bench --rss-10k  only the N = 10,000 step
 *   --baseline MAIN_JS    also runs another build of charla (`charla-baseline`), e.g. the
 *                         previous commit's packages/server/dist/main.js, for before/after
 *
 * Needs the built server (`pnpm build`). Loopback only; every loop is bounded.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { ConnectResult, LoadRequest, LoadResult, ServerKind } from './loadgen.js';
import type { Server } from './processes.js';
import { ADMIN_TOKEN, ask, cpuMicros, hasTaskset, median, root, round2, rssBytes, startLoadgen, startServer, stopLoadgen } from './processes.js';

const quick = process.argv.includes('--quick');
const only10k = process.argv.includes('--rss-10k');
const CLIENTS = quick ? 200 : 1000;
const BIG = 10_000;
const REPETITIONS = quick ? 1 : 3;
const SENDERS = 20;
const PROBE_SECONDS = quick ? 2 : 4;
const P99_BUDGET_MS = 100;
/** Memory settles (GC, allocator) this long before RSS is read. */
const SETTLE_MS = 1500;
/**
 * The N = 10,000 step also watches the idle server this long and keeps its lowest RSS: the
 * collectors that run once a process is idle (V8's memory reducer) are part of what an idle
 * connection costs, and 1.5 s after a wave of joins is mostly a reading of when the last GC ran.
 */
const IDLE_WATCH_MS = 30_000;
/** The N = 10,000 step gives up on a server after this long. */
const BIG_DEADLINE_MS = 10 * 60_000;
const baselineAt = process.argv.indexOf('--baseline');
const baseline = baselineAt === -1 ? undefined : process.argv[baselineAt + 1];
/** What runs: the load generator's kinds, plus charla's baseline build when asked for. */
type Label = ServerKind | 'charla-baseline';
/**
 * Servers batch more at higher rates, so CPU per delivery is also compared at one rate, the
 * same deliveries/s for every server (and for --quick), low enough for all to sustain.
 */
const COMMON_RATE = 25_000 / CLIENTS;
const KINDS: Label[] = ['charla', ...(baseline === undefined ? [] : (['charla-baseline'] as const)), 'ws-idiomatic', 'ws-frame-once', 'socketio'];
const PEERS = KINDS.filter((kind) => kind !== 'charla');
const protocolOf = (label: Label): ServerKind => (label === 'charla-baseline' ? 'charla' : label);
const start = (label: Label) => startServer(protocolOf(label), label === 'charla-baseline' && baseline !== undefined ? { main: baseline } : {});

interface Probe {
  readonly rate: number;
  readonly result: LoadResult;
  readonly cpuMicrosPerDelivery: number;
  /** The load generator's CPU over the probe, as a share of one core (1: it was the limit). */
  readonly loadgenCpuShare: number;
}

async function probe(server: Server, loadgen: ChildProcess, rate: number): Promise<Probe> {
  const before = cpuMicros(server.pid);
  const loadgenBefore = cpuMicros(loadgen.pid as number);
  const started = performance.now();
  const request: LoadRequest = { rate, senders: SENDERS, seconds: PROBE_SECONDS };
  const result = await ask<LoadResult>(loadgen, { type: 'load', request }, 'result');
  const used = cpuMicros(server.pid) - before;
  const loadgenCpuShare = round2((cpuMicros(loadgen.pid as number) - loadgenBefore) / ((performance.now() - started) * 1000));
  return { rate, result, cpuMicrosPerDelivery: round2(used / Math.max(1, result.delivered)), loadgenCpuShare };
}

/** Late by more than this, the load generator did not offer the rate asked for. */
const SEND_SLACK_SECONDS = 1;
/** A load generator busier than this share of its core is taken to be the limit. */
const LOADGEN_SATURATED = 0.9;
/** Whether the load generator sent every message on time: a rate never offered proves nothing. */
const offeredInFull = (p: Probe) => p.result.offered >= Math.round(p.rate * PROBE_SECONDS) && p.result.sendSeconds <= PROBE_SECONDS + SEND_SLACK_SECONDS;
const sustainable = (p: Probe) =>
  offeredInFull(p) && p.result.latencyMs.p99 < P99_BUDGET_MS && p.result.delivered >= 0.999 * p.result.expected;

/**
 * Doubles the rate until p99 breaks the budget (or deliveries go missing, or the rate is not
 * offered in full), then bisects. `atLeast`: every probe that failed had a saturated load
 * generator (or none failed), so the server sustains at least the best rate found and its
 * own ceiling was not measured.
 */
async function searchRate(server: Server, loadgen: ChildProcess): Promise<{ best: Probe | undefined; probes: Probe[]; atLeast: boolean }> {
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
  const atLeast = probes.every((p) => sustainable(p) || p.loadgenCpuShare >= LOADGEN_SATURATED);
  return { best, probes, atLeast };
}

interface Stats {
  readonly uptimeSeconds: number;
  readonly eventLoopDelayMs: { p50: number; p99: number };
}

async function charlaStats(server: Server): Promise<Stats> {
  const response = await fetch(`http://127.0.0.1:${server.port}/api/stats`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  if (!response.ok) throw new Error(`/api/stats answered ${response.status}`);
  return (await response.json()) as Stats;
}

/**
 * charla's own event-loop delay p99 (`/api/stats`) under load at `rate`. Its window is the
 * last minute, reset every 60 s of uptime: wait for a reset (at most a minute), run one
 * probe, read it at once, so the figure covers that probe and little else.
 */
async function loopDelayUnderLoad(server: Server, loadgen: ChildProcess, rate: number): Promise<Stats['eventLoopDelayMs']> {
  const { uptimeSeconds } = await charlaStats(server);
  const wait = (61 - (uptimeSeconds % 60)) % 60;
  await new Promise((resolve) => setTimeout(resolve, wait * 1000));
  await probe(server, loadgen, rate);
  return (await charlaStats(server)).eventLoopDelayMs;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Connects `clients` to a fresh server: RSS per connection and the set-up rate. */
async function connectAndWeigh(server: Server, loadgen: ChildProcess, kind: Label, clients: number) {
  await sleep(SETTLE_MS);
  const base = rssBytes(server.pid);
  const connect = await ask<ConnectResult>(loadgen, { type: 'connect', kind: protocolOf(kind), port: server.port, clients }, 'ready');
  await sleep(SETTLE_MS);
  return { connect, base, rssPerConnection: Math.round((rssBytes(server.pid) - base) / clients) };
}

/** The lowest RSS per connection while the server sits idle for IDLE_WATCH_MS, sampled every second. */
async function idleRssPerConnection(server: Server, base: number, clients: number): Promise<number> {
  let lowest = rssBytes(server.pid);
  for (let watched = 0; watched < IDLE_WATCH_MS; watched += 1000) {
    await sleep(1000);
    lowest = Math.min(lowest, rssBytes(server.pid));
  }
  return Math.round((lowest - base) / clients);
}

interface Round {
  readonly kind: Label;
  readonly rssPerConnection: number;
  readonly connect: ConnectResult;
  readonly best: Probe | undefined;
  /** The search stopped at the load generator's limit: the server sustains at least `best`. */
  readonly atLeast: boolean;
  readonly probes: Probe[];
  readonly common: Probe;
  readonly loopDelayMs?: Stats['eventLoopDelayMs'];
}

async function measure(kind: Label): Promise<Round> {
  const server = await start(kind);
  const loadgen = startLoadgen();
  try {
    const { connect, rssPerConnection } = await connectAndWeigh(server, loadgen, kind, CLIENTS);
    const { best, probes, atLeast } = await searchRate(server, loadgen);
    const common = await probe(server, loadgen, COMMON_RATE);
    const loopDelayMs = protocolOf(kind) === 'charla' && best !== undefined ? await loopDelayUnderLoad(server, loadgen, best.rate) : undefined;
    return { kind, rssPerConnection, connect, best, atLeast, probes, common, ...(loopDelayMs && { loopDelayMs }) };
  } finally {
    await stopLoadgen(loadgen);
    await server.stop();
  }
}

interface BigRound {
  readonly kind: Label;
  readonly clients: number;
  readonly rssPerConnection?: number;
  /** The lowest over IDLE_WATCH_MS of idleness after that. */
  readonly idleRssPerConnection?: number;
  readonly connect?: ConnectResult;
  readonly failed?: string;
}

/** N = 10,000 idle clients (identified, for charla): RSS per connection and set-up rate. */
async function measureBig(kind: Label): Promise<BigRound> {
  const server = await start(kind);
  const loadgen = startLoadgen();
  let timer: NodeJS.Timeout | undefined;
  try {
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`not connected within ${BIG_DEADLINE_MS / 1000} s`)), BIG_DEADLINE_MS);
    });
    const { connect, base, rssPerConnection } = await Promise.race([connectAndWeigh(server, loadgen, kind, BIG), deadline]);
    return { kind, clients: BIG, connect, rssPerConnection, idleRssPerConnection: await idleRssPerConnection(server, base, BIG) };
  } catch (error) {
    return { kind, clients: BIG, failed: String(error) };
  } finally {
    clearTimeout(timer);
    await stopLoadgen(loadgen);
    await server.stop();
  }
}

function summarize(rounds: Round[]) {
  const summary = KINDS.map((kind) => {
    const mine = rounds.filter((r) => r.kind === kind);
    const bests = mine.map((r) => r.best).filter((b): b is Probe => b !== undefined);
    const delays = mine.map((r) => r.loopDelayMs?.p99).filter((d): d is number => d !== undefined);
    return {
      kind,
      deliveriesPerSecond: median(bests.map((b) => b.rate * CLIENTS)),
      /** Some round's search ended at the load generator's limit: read the rate as "at least". */
      atLeast: mine.some((r) => r.atLeast),
      loadgenCpuShare: median(bests.map((b) => b.loadgenCpuShare)),
      p50: median(bests.map((b) => b.result.latencyMs.p50)),
      p99: median(bests.map((b) => b.result.latencyMs.p99)),
      p999: median(bests.map((b) => b.result.latencyMs.p999)),
      max: median(bests.map((b) => b.result.latencyMs.max)),
      deliveredShare: median(bests.map((b) => b.result.delivered / b.result.expected)),
      cpuMicrosPerDelivery: median(bests.map((b) => b.cpuMicrosPerDelivery)),
      cpuMicrosAtCommonRate: median(mine.map((r) => r.common.cpuMicrosPerDelivery)),
      p99AtCommonRate: median(mine.map((r) => r.common.result.latencyMs.p99)),
      rssPerConnection: median(mine.map((r) => r.rssPerConnection)),
      connectionsPerSecond: median(mine.map((r) => r.connect.perSecond)),
      loopDelayP99Ms: delays.length === 0 ? null : median(delays),
    };
  });
  const of = (kind: Label) => summary.find((s) => s.kind === kind) as (typeof summary)[number];
  const charla = of('charla');
  const ratios = Object.fromEntries(
    PEERS.map((peer) => [
      peer,
      {
        throughput: round2(charla.deliveriesPerSecond / Math.max(1, of(peer).deliveriesPerSecond)),
        /** charla's rate was bounded by the load generator: the ratio is a lower bound. */
        throughputAtLeast: charla.atLeast,
        cpuPerDelivery: round2(charla.cpuMicrosPerDelivery / Math.max(0.01, of(peer).cpuMicrosPerDelivery)),
        rssPerConnection: of(peer).rssPerConnection > 0 ? round2(charla.rssPerConnection / of(peer).rssPerConnection) : null,
        connectionsPerSecond: round2(charla.connectionsPerSecond / Math.max(1, of(peer).connectionsPerSecond)),
        cpuPerDeliveryAtCommonRate: round2(charla.cpuMicrosAtCommonRate / Math.max(0.01, of(peer).cpuMicrosAtCommonRate)),
      },
    ]),
  );
  return { summary, ratios };
}

async function main(): Promise<void> {
  const started = Date.now();
  const load = loadavg().map((l) => round2(l));
  const rounds: Round[] = [];
  for (let repetition = 0; repetition < (only10k ? 0 : REPETITIONS); repetition++) {
    for (const kind of KINDS) {
      const round = await measure(kind);
      rounds.push(round);
      const b = round.best;
      console.log(
        `[${repetition + 1}/${REPETITIONS}] ${kind}: ${b ? `${round.atLeast ? '≥ ' : ''}${b.rate} msg/s x ${CLIENTS} = ${b.rate * CLIENTS} deliveries/s (load generator at ${Math.round(b.loadgenCpuShare * 100)}% of its core), p99 ${b.result.latencyMs.p99} ms, ${b.cpuMicrosPerDelivery} µs CPU/delivery` : 'no sustainable rate'}, ` +
          `${round.rssPerConnection} B RSS/connection, ${round.connect.perSecond} connections/s` +
          (round.loopDelayMs ? `, event-loop delay p99 ${round.loopDelayMs.p99} ms` : ''),
      );
    }
  }
  const big: BigRound[] = [];
  for (const kind of quick && !only10k ? [] : KINDS) {
    const round = await measureBig(kind);
    big.push(round);
    console.log(
      `[N = ${BIG}] ${kind}: ${round.failed ?? `${round.rssPerConnection} B RSS/connection (${round.idleRssPerConnection} B after ${IDLE_WATCH_MS / 1000} s idle), ${round.connect?.perSecond} connections/s (${round.connect?.seconds} s)`}`,
    );
  }
  const { summary, ratios } = rounds.length > 0 ? summarize(rounds) : { summary: [], ratios: {} };
  if (rounds.length > 0) {
    console.log(`\nN = ${CLIENTS} clients, ${SENDERS} senders, ${REPETITIONS} repetition(s), medians; p99 budget ${P99_BUDGET_MS} ms`);
    console.table(summary);
    console.log('charla / peer (throughput and connections/s higher is better; CPU and RSS lower is better):');
    console.table(ratios);
    console.log(`(…AtCommonRate: one probe at ${COMMON_RATE} msg/s, ${COMMON_RATE * CLIENTS} deliveries/s, for every server)`);
  }
  if (big.length > 0) {
    const charla = big.find((r) => r.kind === 'charla');
    const ratio = (mine: number | undefined, theirs: number | undefined) => (mine !== undefined && theirs ? round2(mine / theirs) : null);
    console.log(`\nN = ${BIG} idle clients, one round each (idle: the lowest RSS over ${IDLE_WATCH_MS / 1000} s after that):`);
    console.table(
      big.map((r) => ({
        kind: r.kind,
        rssPerConnection: r.rssPerConnection ?? null,
        idleRssPerConnection: r.idleRssPerConnection ?? null,
        connectionsPerSecond: r.connect?.perSecond ?? null,
        charlaRssRatio: ratio(charla?.rssPerConnection, r.rssPerConnection),
        charlaIdleRssRatio: ratio(charla?.idleRssPerConnection, r.idleRssPerConnection),
      })),
    );
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`took ${seconds} s; load average at start ${load.join(' ')}, at end ${loadavg().map((l) => round2(l)).join(' ')}`);
  const machine = { cpus: cpus().map((c) => c.model)[0], cores: cpus().length, node: process.version, pinned: hasTaskset, loadAverageAtStart: load };
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const mode = only10k ? 'rss-10k' : quick ? 'quick' : 'full';
  const file = join(root, 'bench/results', `${mode}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ machine, clients: CLIENTS, repetitions: REPETITIONS, commonRate: COMMON_RATE, seconds, summary, ratios, rounds, big }, null, 2));
  console.log(`results: ${file}`);
}

await main();
