/**
 * The admin REST API (docs/admin-api.md): `/metrics`, and under `/api` the open `/health`
 * plus one Fastify plugin per resource, all registered inside one scope whose `onRequest`
 * hook authenticates (and refuses writes to viewer tokens, and cluster-wide writes while
 * Redis is away). A handler parses with the `admin` schemas from @charla/protocol, calls one
 * operator function, and shapes the answer. A resource's own path is `''`: its prefix
 * exactly, with no second route for a trailing slash.
 */
import type { FastifyInstance } from 'fastify';
import { sendError } from '../auth.js';
import type { AdminContext } from '../context.js';
import { ApiError } from '../errors.js';
import { registerMetricsRoute } from '../metrics.js';
import { registerOpenApi } from '../openapi.js';
import { announcementRoutes } from './announcements.js';
import { auditRoutes } from './audit.js';
import { banRoutes } from './bans.js';
import { healthRoute } from './health.js';
import { meRoute } from './me.js';
import { messageRoutes } from './messages.js';
import { serverRoutes } from './server.js';
import { statsRoutes } from './stats.js';
import { userRoutes } from './users.js';

const READ_METHODS = new Set(['GET', 'HEAD']);

export function registerAdminRoutes(app: FastifyInstance, ctx: AdminContext): void {
  // Prometheus scrapes /metrics, outside /api, with a token too.
  app.register(async (scope) => {
    scope.setErrorHandler((error, _request, reply) => sendError(reply, error));
    scope.addHook('onRequest', async (request) => {
      request.principal = await ctx.auth.authenticate(request);
    });
    registerMetricsRoute(scope, ctx.metrics);
  });

  app.register(
    async (api) => {
      api.setErrorHandler((error, _request, reply) => sendError(reply, error));
      api.setNotFoundHandler((_request, reply) => sendError(reply, new ApiError('not_found', 'no such route')));
      await api.register(healthRoute(ctx), { prefix: '/health' });
      await api.register(async (scope) => {
        // Everything else needs a token; writes need an admin (not viewer) token.
        scope.addHook('onRequest', async (request) => {
          request.principal = await ctx.auth.authenticate(request);
          if (READ_METHODS.has(request.method)) return;
          if (request.principal.role !== 'admin') throw new ApiError('forbidden', 'this token may only read');
          // Kicks, bans, announcements and deletions act on the whole cluster; accepting is per node.
          if (ctx.operator.clusterReachable === false && !request.url.startsWith('/api/server/')) {
            throw new ApiError('unavailable', 'the cluster backend (Redis) is unreachable; try again when /api/health says ok');
          }
        });
        registerOpenApi(scope, ctx.version);
        await scope.register(meRoute, { prefix: '/me' });
        await scope.register(statsRoutes(ctx), { prefix: '/stats' });
        await scope.register(userRoutes(ctx), { prefix: '/users' });
        await scope.register(banRoutes(ctx), { prefix: '/bans' });
        await scope.register(announcementRoutes(ctx), { prefix: '/announcements' });
        await scope.register(messageRoutes(ctx), { prefix: '/messages' });
        await scope.register(serverRoutes(ctx), { prefix: '/server' });
        await scope.register(auditRoutes(ctx), { prefix: '/audit' });
      });
    },
    { prefix: '/api' },
  );
}
