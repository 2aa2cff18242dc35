/** `/api/users`: the users (search, paging), one user, and kicking one (optionally banning the name). */
import type { FastifyPluginAsync } from 'fastify';
import { admin } from '@charla/protocol';
import type { AdminContext } from '../context.js';
import { actor } from '../context.js';
import { ApiError, parse } from '../errors.js';

interface ByName {
  Params: { name: string };
}

export function userRoutes({ operator, audit }: AdminContext): FastifyPluginAsync {
  const nobody = (name: string) => new ApiError('not_found', `nobody named ${name} is connected`);
  return async (app) => {
    app.get('', async (request): Promise<admin.UsersPage> => {
      const query = parse(admin.UsersQuery, request.query);
      return operator.listUsers(query.q, query.offset, query.limit);
    });

    app.get<ByName>('/:name', async (request): Promise<admin.UserItem> => {
      const user = operator.findUser(request.params.name);
      if (user === undefined) throw nobody(request.params.name);
      return user;
    });

    app.post<ByName>('/:name/kick', async (request): Promise<admin.KickResult> => {
      const body = parse(admin.KickRequest, request.body);
      const ban = body.banSeconds === undefined ? undefined : { seconds: body.banSeconds, by: actor(request) };
      const kicked = operator.kick(request.params.name, body.reason, ban);
      if (kicked === undefined) throw nobody(request.params.name);
      audit(request, 'kick', kicked, { reason: body.reason, ...(body.banSeconds !== undefined && { banSeconds: body.banSeconds }) });
      return { kicked: true };
    });
  };
}
