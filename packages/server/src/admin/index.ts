/**
 * The admin surface in one call: tokens, the REST routes, the event stream, metrics and the
 * OpenAPI document, on the chat's app or on an app of its own (`--admin-host/--admin-port`).
 */
import type { FastifyInstance } from 'fastify';
import type { Hub } from '../core/hub.js';
import type { Store } from '../core/ports.js';
import { FailedAttempts } from './attempts.js';
import { registerEventStream } from './events.js';
import { createMetrics } from './metrics.js';
import { RecentEvents } from './recent-events.js';
import { registerAdminRoutes } from './routes.js';
import { StatsSampler } from './stats.js';
import type { AdminTokens } from './tokens.js';

export interface AdminOptions {
  readonly hub: Hub;
  readonly store: Store;
  readonly tokens: AdminTokens;
  readonly version: string;
  readonly eventsIncludeContent: boolean;
  /** `--admin-reads-private`: operators may read private messages (every such read audited). */
  readonly adminReadsPrivate: boolean;
}

export function registerAdmin(app: FastifyInstance, options: AdminOptions): void {
  const { hub } = options;
  const sampler = new StatsSampler(hub.operator);
  const metrics = createMetrics(hub.operator, sampler);
  hub.observeStoreWrites((seconds) => metrics.storeLatency.observe(seconds));
  const recent = new RecentEvents(hub.events, options.eventsIncludeContent);
  const ctx = {
    ...options,
    reading: { readsPrivate: options.adminReadsPrivate },
    attempts: new FailedAttempts(),
    sampler,
    metrics,
    onAudit: recent.audit.bind(recent),
  };
  registerAdminRoutes(app, ctx);
  registerEventStream(app, ctx, recent);
  app.addHook('onClose', async () => {
    sampler.close();
    recent.close();
  });
}

export { AdminTokens } from './tokens.js';
