/** `GET /api/health`: liveness and checks, open to anyone (no token). 503 once shutdown began. */
import type { FastifyPluginAsync } from 'fastify';
import type { admin } from '@charla/protocol';
import type { AdminContext } from '../context.js';

export function healthRoute({ operator, version }: AdminContext): FastifyPluginAsync {
  const startedAt = Date.now();
  return async (app) => {
    app.get('', async (_request, reply): Promise<admin.Health> => {
      const serving = operator.serving;
      const redis = operator.clusterReachable;
      const body: admin.Health = {
        status: serving && redis !== false ? 'ok' : 'degraded',
        version,
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
        checks: { store: 'ok', ...(redis !== undefined && { redis: redis ? 'ok' : 'error' }) },
      };
      if (!serving) reply.code(503);
      return body;
    });
  };
}
