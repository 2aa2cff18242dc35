/**
 * `GET /metrics` in Prometheus text format (prom-client), one registry per app so several
 * servers in one process (tests) do not mix. Values are read from the Hub when scraped.
 */
import type { FastifyInstance } from 'fastify';
import { Gauge, Histogram, Registry } from 'prom-client';
import type { Operator } from '../core/operator.js';
import type { StatsSampler } from './stats.js';

export interface Metrics {
  readonly registry: Registry;
  /** Observes how long the store took to make a message durable. */
  readonly storeLatency: Histogram;
}

export function createMetrics(hub: Operator, sampler: StatsSampler): Metrics {
  const registry = new Registry();
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  gauge('charla_connections', 'Open connections, identified or not', () => hub.stats().connections);
  gauge('charla_users', 'Users in the chat (held ones included)', () => hub.stats().users);
  gauge('charla_accepting', '1 while identifications are accepted', () => (hub.accepting ? 1 : 0));
  gauge('charla_messages_total', 'Messages accepted (public and private)', () => hub.stats().messagesTotal);
  gauge('charla_deliveries_total', 'Frames written to connections', () => hub.stats().deliveries);
  gauge('charla_bytes_in_total', 'Bytes received in frames', () => hub.stats().bytesIn);
  gauge('charla_bytes_out_total', 'Bytes sent in frames', () => hub.stats().bytesOut);
  gauge('charla_event_loop_delay_p99_seconds', 'Event-loop delay, 99th percentile, last minute', () => sampler.current().eventLoopDelayMs.p99 / 1000);
  gauge('charla_redis_up', '1 when the cluster backend is reachable (no Redis: 1)', () => (hub.clusterReachable === false ? 0 : 1));
  new Gauge({
    name: 'charla_refused_total',
    help: 'Refused frames and identifications, by code',
    labelNames: ['code'],
    registers: [registry],
    collect() {
      for (const [code, count] of Object.entries(hub.stats().refusedByCode)) this.set({ code }, count);
    },
  });
  const storeLatency = new Histogram({
    name: 'charla_store_write_seconds',
    help: 'Time from a message accepted to durable in the store',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  return { registry, storeLatency };
}

export function registerMetricsRoute(scope: FastifyInstance, metrics: Metrics): void {
  scope.get('/metrics', async (_request, reply) => {
    reply.header('Content-Type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
