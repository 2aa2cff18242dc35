/** `/api/server/accepting`: whether this node accepts identifications; stopping (optionally disconnecting everyone) and starting. */
import type { FastifyPluginAsync } from 'fastify';
import { admin } from '@charla/protocol';
import type { AdminContext } from '../context.js';
import { parse } from '../errors.js';

export function serverRoutes({ operator, audit }: AdminContext): FastifyPluginAsync {
  return async (app) => {
    app.get('/accepting', async (): Promise<admin.Accepting> => ({ accepting: operator.accepting }));

    app.put('/accepting', async (request): Promise<admin.Accepting> => {
      const body = parse(admin.AcceptingRequest, request.body);
      operator.setAccepting(body.accepting, body.disconnectAll ?? false, body.reason);
      audit(request, 'accepting', 'server', {
        accepting: body.accepting,
        disconnectAll: body.disconnectAll ?? false,
        ...(body.reason !== undefined && { reason: body.reason }),
      });
      return { accepting: operator.accepting };
    });
  };
}
