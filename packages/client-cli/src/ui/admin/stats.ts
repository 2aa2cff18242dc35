/** `charla admin stats` as text: one aligned line per measure, then the cluster's nodes. */
import type { admin } from '@charla/protocol';
import { bytes, count, duration } from '../../format.js';
import type { Style } from '../../format.js';
import { columns, table } from '../table.js';

const rate = (perSecond: number) => `${perSecond.toFixed(1)}/s`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

export function renderStats(stats: admin.Stats, style: Style): string[] {
  const refused = Object.entries(stats.refusedByCode).map(([code, n]) => `${code} ${n}`);
  const lines = columns([
    ['users', `${stats.users} (${count(stats.connections, 'connection')})`],
    ['accepting', stats.accepting ? 'yes' : 'no: new users are refused'],
    ['messages', `${stats.messagesTotal} in all; ${rate(stats.messagesPerSecond.last1s)} now, ${rate(stats.messagesPerSecond.last60s)} over the last minute`],
    ['traffic', `${bytes(stats.bytesIn)} in, ${bytes(stats.bytesOut)} out`],
    ['refused', refused.length === 0 ? 'none' : refused.join(', ')],
    ['memory', `${bytes(stats.memory.rss)} resident, ${bytes(stats.memory.heapUsed)} heap`],
    ['event loop', `delay p50 ${ms(stats.eventLoopDelayMs.p50)}, p99 ${ms(stats.eventLoopDelayMs.p99)}`],
    ['uptime', duration(stats.uptimeSeconds)],
  ]);
  if (stats.nodes === undefined) return lines;
  const nodes = stats.nodes.map((node) => [node.id, node.address, String(node.connections), duration(node.uptimeSeconds)]);
  return [...lines, '', ...table(['NODE', 'ADDRESS', 'CONNECTIONS', 'UPTIME'], nodes, style)];
}
