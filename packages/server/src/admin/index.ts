/**
 * The admin surface in one call: tokens and auth, the REST routes, the event stream, metrics
 * and the OpenAPI document, on the chat's app or on an app of its own
 * (`--admin-host/--admin-port`). It reaches the chat only through the Hub's operator, its
 * events and its store-write observer.
 */
import type { FastifyInstance } from 'fastify';
import type { Hub } from '../core/hub.js';
import type { Store } from '../core/ports.js';
import { AdminAuth } from './auth.js';
import { auditTo } from './context.js';
import { registerEventStream } from './events.js';
import { createMetrics } from './metrics.js';
import { RecentEvents } from './recent-events.js';
import { registerAdminRoutes } from './routes/index.js';
import { StatsSampler } from './stats.js';
import type { AdminTokens } from './tokens.js';

/** What the admin API needs of the Hub. */
export type AdminHub = Pick<Hub, 'operator' | 'events' | 'observeStoreWrites'>;

export interface AdminOptions {
  readonly hub: AdminHub;
  readonly store: Store;
  readonly tokens: AdminTokens;
  readonly version: string;
  readonly eventsIncludeContent: boolean;
  /** `--admin-reads-private`: operators may read private messages (every such read audited). */
  readonly adminReadsPrivate: boolean;
}

export function registerAdmin(app: FastifyInstance, options: AdminOptions): void {
  const { hub, store } = options;
  const { operator } = hub;
  const sampler = new StatsSampler(operator);
  const metrics = createMetrics(operator, sampler);
  hub.observeStoreWrites((seconds) => metrics.storeLatency.observe(seconds));
  const recent = new RecentEvents(hub.events, options.eventsIncludeContent);
  const ctx = {
    operator,
    store,
    auth: new AdminAuth(options.tokens),
    sampler,
    metrics,
    version: options.version,
    reading: { readsPrivate: options.adminReadsPrivate },
    audit: auditTo(store, recent.audit.bind(recent)),
  };
  registerAdminRoutes(app, ctx);
  registerEventStream(app, ctx, recent);
  app.addHook('onClose', async () => {
    sampler.close();
    recent.close();
  });
}

export { AdminTokens } from './tokens.js';
