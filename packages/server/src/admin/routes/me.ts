/** `GET /api/me`: who this token is, its label and role. */
import type { FastifyPluginAsync } from 'fastify';
import type { admin } from '@charla/protocol';
import type { Principal } from '../tokens.js';

export const meRoute: FastifyPluginAsync = async (app) => {
  app.get('', async (request): Promise<admin.Me> => {
    const { label, role } = request.principal as Principal;
    return { label, role };
  });
};
