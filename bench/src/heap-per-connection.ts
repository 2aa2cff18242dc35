/**
 * Where an idle identified connection's memory goes: the built charla server (SQLite on, as
 * `pnpm bench` runs it) with `--heapsnapshot-signal`, a heap snapshot (which collects garbage
 * first) before and after N clients connect and identify, RSS after each, and the heap's
 * growth per connection by constructor.
 * Usage: pnpm --filter @charla/bench heap-per-connection [N]   (N = 1000)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectResult } from './loadgen.js';
import type { Server } from './processes.js';
import { ask, round2, startLoadgen, startServer, stopLoadgen } from './processes.js';

const clients = Number(process.argv[2] ?? 1000);
const SNAPSHOT_DEADLINE_MS = 120_000;

interface Snapshot {
  readonly snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  readonly nodes: number[];
  readonly strings: string[];
}

/** Self size and count per constructor (objects), function (closures) or kind (strings, code...). */
function weigh(file: string): Map<string, { bytes: number; count: number }> {
  const heap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = heap.snapshot.meta.node_fields;
  const types = heap.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const byName = new Map<string, { bytes: number; count: number }>();
  for (let i = 0; i < heap.nodes.length; i += fields.length) {
    const type = types[heap.nodes[i + typeAt] as number] ?? '?';
    const name = type === 'object' ? (heap.strings[heap.nodes[i + nameAt] as number] ?? '?') : type === 'closure' ? `closure ${heap.strings[heap.nodes[i + nameAt] as number]}` : `(${type})`;
    const entry = byName.get(name) ?? { bytes: 0, count: 0 };
    entry.bytes += heap.nodes[i + sizeAt] as number;
    entry.count++;
    byName.set(name, entry);
  }
  return byName;
}

/** Asks the server for a snapshot and waits until the file is complete. */
async function snapshot(server: Server): Promise<string> {
  const before = new Set(readdirSync(server.dir));
  server.process.kill('SIGUSR2');
  const started = Date.now();
  let lastSize = -1;
  while (Date.now() - started < SNAPSHOT_DEADLINE_MS) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const file = readdirSync(server.dir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
    if (file === undefined) continue;
    const size = statSync(join(server.dir, file)).size;
    if (size > 0 && size === lastSize && readFileSync(join(server.dir, file), 'utf8').trimEnd().endsWith('}')) return join(server.dir, file);
    lastSize = size;
  }
  throw new Error('no heap snapshot within 2 minutes');
}

const server = await startServer('charla', { nodeArgs: ['--heapsnapshot-signal=SIGUSR2'] });
const loadgen = startLoadgen();
try {
  const empty = weigh(await snapshot(server));
  const connect = await ask<ConnectResult>(loadgen, { type: 'connect', kind: 'charla', port: server.port, clients }, 'ready');
  const full = weigh(await snapshot(server));
  const total = (m: Map<string, { bytes: number }>) => [...m.values()].reduce((sum, e) => sum + e.bytes, 0);
  console.log(`${clients} idle identified connections (${connect.perSecond} connections/s)`);
  // Not RSS: writing a snapshot leaves native memory behind (pnpm bench measures RSS).
  console.log(`heap per connection: ${Math.round((total(full) - total(empty)) / clients)} B`);
  const growth = [...full].map(([name, e]) => {
    const was = empty.get(name) ?? { bytes: 0, count: 0 };
    return { name, bytesPerConnection: round2((e.bytes - was.bytes) / clients), countPerConnection: round2((e.count - was.count) / clients) };
  });
  growth.sort((a, b) => b.bytesPerConnection - a.bytesPerConnection);
  console.table(growth.slice(0, 25));
} finally {
  await stopLoadgen(loadgen);
  await server.stop();
}
