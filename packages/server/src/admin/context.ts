/**
 * What every admin route gets: the core's operator (every action and read goes through it),
 * the store for what is the admin layer's own (the audit log, reading history), the auth, the
 * stats sampler and metrics, the reading policy, and `audit`: who did what, written before
 * the answer goes.
 */
import type { FastifyRequest } from 'fastify';
import type { Operator } from '../core/operator.js';
import type { AuditRecord, Store } from '../core/ports.js';
import type { AdminAuth } from './auth.js';
import type { Metrics } from './metrics.js';
import type { ReadingPolicy } from './reading.js';
import type { StatsSampler } from './stats.js';

/** Records an admin action, with the request's principal and address, in the audit log. */
export type Audit = (request: FastifyRequest, action: string, target: string, details?: Record<string, unknown>) => void;

export interface AdminContext {
  readonly operator: Operator;
  readonly store: Store;
  readonly auth: AdminAuth;
  readonly sampler: StatsSampler;
  readonly metrics: Metrics;
  readonly version: string;
  /** Whether operators may read private messages (`--admin-reads-private`). */
  readonly reading: ReadingPolicy;
  readonly audit: Audit;
}

/** The audit writer: the store keeps the entry, the log says it, `onAudit` (the event stream) hears it. */
export function auditTo(store: Store, onAudit: (entry: AuditRecord) => void): Audit {
  return (request, action, target, details = {}) => {
    const entry = store.appendAudit({
      at: new Date().toISOString(),
      actor: request.principal?.label ?? 'unknown',
      action,
      target,
      details,
      address: request.ip,
    });
    request.log.info({ action, target, actor: entry.actor }, 'admin action');
    onAudit(entry);
  };
}

/** The principal's label, for `by` fields (set by the auth hook on every authenticated route). */
export function actor(request: FastifyRequest): string {
  return request.principal?.label ?? '';
}
