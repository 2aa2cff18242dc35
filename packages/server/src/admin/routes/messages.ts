/**
 * `/api/messages`: history with text search, as operators may read it (reading.ts: private
 * text withheld unless `--admin-reads-private`, and then every read of it audited), and
 * deleting a message.
 */
import type { FastifyPluginAsync } from 'fastify';
import { admin } from '@charla/protocol';
import type { AdminContext } from '../context.js';
import { ApiError, parse } from '../errors.js';
import { describeRead, readMessages } from '../reading.js';

export function messageRoutes({ operator, store, reading, audit }: AdminContext): FastifyPluginAsync {
  return async (app) => {
    app.get('', async (request): Promise<admin.MessagesPage> => {
      const query = parse(admin.MessagesQuery, request.query);
      const { page, disclosed } = readMessages(store, query, reading);
      // Audited before it is answered: private text never leaves without its entry.
      if (disclosed.length > 0) audit(request, 'read_private', describeRead(query), { count: disclosed.length, ids: disclosed });
      return page;
    });

    app.delete('/:id', async (request, reply) => {
      const id = parse(admin.IdParam, request.params).id;
      if (!operator.deleteMessage(id)) throw new ApiError('not_found', `no message ${id}`);
      audit(request, 'delete_message', String(id));
      return reply.code(204).send();
    });
  };
}
