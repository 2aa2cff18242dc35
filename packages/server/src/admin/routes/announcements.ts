/** `POST /api/announcements`: a `sistema` message to everyone, on every node. */
import type { FastifyPluginAsync } from 'fastify';
import { admin } from '@charla/protocol';
import type { AdminContext } from '../context.js';
import { parse } from '../errors.js';

export function announcementRoutes({ operator, audit }: AdminContext): FastifyPluginAsync {
  return async (app) => {
    app.post('', async (request, reply): Promise<admin.AnnouncementResult> => {
      const body = parse(admin.AnnouncementRequest, request.body);
      const at = operator.announce(body.content);
      audit(request, 'announce', 'everyone', { content: body.content });
      reply.code(201);
      return { at };
    });
  };
}
