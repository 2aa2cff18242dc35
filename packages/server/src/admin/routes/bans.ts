/** `/api/bans`: the bans in force, banning a name or an address (the operator kicks who matches), lifting one. */
import type { FastifyPluginAsync } from 'fastify';
import { admin } from '@charla/protocol';
import type { BanRecord } from '../../core/ports.js';
import type { AdminContext } from '../context.js';
import { actor } from '../context.js';
import { ApiError, parse } from '../errors.js';

export function banRoutes({ operator, audit }: AdminContext): FastifyPluginAsync {
  return async (app) => {
    app.get('', async (): Promise<admin.BanList> => ({ items: operator.bans().map(banItem) }));

    app.post('', async (request, reply): Promise<admin.Ban> => {
      const body = parse(admin.BanRequest, request.body);
      const terms = { seconds: body.seconds, reason: body.reason, by: actor(request) };
      // The schema asks for exactly one of the two.
      const ban = body.name !== undefined ? operator.banName(body.name, terms) : operator.banAddress(body.address as string, terms);
      if ('invalid' in ban) throw new ApiError('invalid_request', `not a valid name: ${ban.invalid}`);
      audit(request, 'ban', ban.name ?? ban.address ?? '', { seconds: body.seconds, reason: body.reason, id: ban.id });
      reply.code(201);
      return banItem(ban);
    });

    app.delete('/:id', async (request, reply) => {
      const id = parse(admin.IdParam, request.params).id;
      if (!operator.unban(id)) throw new ApiError('not_found', `no ban ${id}`);
      audit(request, 'unban', String(id));
      return reply.code(204).send();
    });
  };
}

function banItem(ban: BanRecord): admin.Ban {
  return {
    id: ban.id,
    ...(ban.name !== undefined && { name: ban.name }),
    ...(ban.address !== undefined && { address: ban.address }),
    until: new Date(ban.until).toISOString(),
    reason: ban.reason,
    by: ban.by,
  };
}
