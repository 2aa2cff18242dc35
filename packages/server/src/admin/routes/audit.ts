/** `GET /api/audit`: the action log, newest first. */
import type { FastifyPluginAsync } from 'fastify';
import { admin } from '@charla/protocol';
import type { AdminContext } from '../context.js';
import { parse } from '../errors.js';

export function auditRoutes({ store }: AdminContext): FastifyPluginAsync {
  return async (app) => {
    app.get('', async (request): Promise<admin.AuditPage> => {
      const query = parse(admin.AuditQuery, request.query);
      return { items: store.listAudit(query.before, query.limit) };
    });
  };
}
