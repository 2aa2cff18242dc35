/**
 * The admin surface in one call: tokens, the REST routes, the event stream, metrics and the
 * OpenAPI document, on the chat's app or on an app of its own (`--admin-host/--admin-port`).
 */
import type { FastifyInstance } from 'fastify';
import type { Hub } from '../core/hub.js';
import type { AuditRecord, Store } from '../store/store.js';
import { FailedAttempts } from './attempts.js';
import { registerEventStream } from './events.js';
import { createMetrics } from './metrics.js';
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
  const sampler = new StatsSampler(hub);
  const metrics = createMetrics(hub, sampler);
  hub.onStoreWrite = (seconds) => metrics.storeLatency.observe(seconds);
  const auditListeners = new Set<(entry: AuditRecord) => void>();
  const ctx = {
    ...options,
    reading: { readsPrivate: options.adminReadsPrivate },
    attempts: new FailedAttempts(),
    sampler,
    metrics,
    onAudit: (entry: AuditRecord) => {
      for (const listener of auditListeners) listener(entry);
    },
  };
  registerAdminRoutes(app, ctx);
  registerEventStream(app, ctx, {
    includeContent: options.eventsIncludeContent,
    onAudit: (listener) => {
      auditListeners.add(listener);
      return () => auditListeners.delete(listener);
    },
  });
  app.addHook('onClose', async () => sampler.close());
}

export { AdminTokens } from './tokens.js';
