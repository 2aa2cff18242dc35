/** `GET /api/stats` (the sampler's current figures) and `/api/stats/history` (this node's last minutes). */
import type { FastifyPluginAsync } from 'fastify';
import { admin } from '@charla/protocol';
import type { AdminContext } from '../context.js';
import { parse } from '../errors.js';

export function statsRoutes({ sampler }: AdminContext): FastifyPluginAsync {
  return async (app) => {
    app.get('', async (): Promise<admin.Stats> => sampler.current());

    app.get('/history', async (request): Promise<admin.StatsHistory> => {
      const query = parse(admin.StatsHistoryQuery, request.query);
      return sampler.history.last(query.minutes);
    });
  };
}
