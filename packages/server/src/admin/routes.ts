/**
 * The admin REST API (docs/admin-api.md), in its own Fastify scope whose `onRequest` hook
 * authenticates every route but `/api/health`. Bodies and queries are validated with the
 * schemas from @charla/protocol/admin; every write is audited.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { admin } from '@charla/protocol';
import type { Hub } from '../core/hub.js';
import type { AuditRecord, BanRecord, Store } from '../core/ports.js';
import type { FailedAttempts } from './attempts.js';
import { ApiError, parse } from './errors.js';
import type { AdminTokens, Principal } from './tokens.js';
import type { Metrics } from './metrics.js';
import { registerMetricsRoute } from './metrics.js';
import { registerOpenApi } from './openapi.js';
import type { ReadingPolicy } from './reading.js';
import { describeRead, readMessages } from './reading.js';
import type { StatsSampler } from './stats.js';

export interface AdminContext {
  readonly hub: Hub;
  readonly store: Store;
  readonly tokens: AdminTokens;
  readonly attempts: FailedAttempts;
  readonly sampler: StatsSampler;
  readonly metrics: Metrics;
  readonly version: string;
  /** Whether operators may read private messages (`--admin-reads-private`). */
  readonly reading: ReadingPolicy;
  /** Told of every audit entry (the event stream's `admin` frames). */
  readonly onAudit: (entry: AuditRecord) => void;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

const READ_METHODS = new Set(['GET', 'HEAD']);

/** Reads `Authorization: Bearer <token>` (never a cookie or a query parameter). */
export function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/** Authenticates one request: 429 while its address is blocked, 401 (slowed) when wrong. */
export async function authenticate(ctx: AdminContext, request: FastifyRequest): Promise<Principal> {
  if (ctx.attempts.blocked(request.ip)) throw new ApiError('too_many_attempts', 'too many failed attempts; try again later');
  const token = bearer(request);
  const principal = token === undefined ? undefined : ctx.tokens.verify(token);
  if (principal === undefined) {
    const delay = ctx.attempts.fail(request.ip);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    throw new ApiError('unauthorized', 'unauthorized');
  }
  ctx.attempts.succeed(request.ip);
  return principal;
}

export function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof ApiError) return reply.code(error.status).send(error.body());
  const status = (error as { statusCode?: number }).statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return reply.code(400).send({ code: 'invalid_request', message: (error as Error).message });
  }
  reply.log.error({ err: error }, 'admin route failed');
  return reply.code(500).send({ code: 'unavailable', message: 'internal error' });
}

export function registerAdminRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const startedAt = Date.now();
  const audit: Audit = (request: FastifyRequest, action: string, target: string, details: Record<string, unknown> = {}) => {
    const entry = ctx.store.appendAudit({
      at: new Date().toISOString(),
      actor: request.principal?.label ?? 'unknown',
      action,
      target,
      details,
      address: request.ip,
    });
    request.log.info({ action, target, actor: entry.actor }, 'admin action');
    ctx.onAudit(entry);
  };

  // Prometheus scrapes /metrics, outside /api, with a token too.
  app.register(async (scope) => {
    scope.setErrorHandler((error, _request, reply) => sendError(reply, error));
    scope.addHook('onRequest', async (request) => {
      request.principal = await authenticate(ctx, request);
    });
    registerMetricsRoute(scope, ctx.metrics);
  });
  app.register((api, _options, done) => {
    registerApi(api, ctx, audit, startedAt);
    done();
  }, { prefix: '/api' });
}

type Audit = (request: FastifyRequest, action: string, target: string, details?: Record<string, unknown>) => void;

function registerApi(app: FastifyInstance, ctx: AdminContext, audit: Audit, startedAt: number): void {
  const { store } = ctx;
  const { operator } = ctx.hub;
  app.setErrorHandler((error, _request, reply) => sendError(reply, error));
  app.setNotFoundHandler((_request, reply) => sendError(reply, new ApiError('not_found', 'no such route')));

  app.get('/health', async (_request, reply): Promise<admin.Health> => {
    const serving = operator.serving;
    const redis = operator.clusterReachable;
    const body: admin.Health = {
      status: serving && redis !== false ? 'ok' : 'degraded',
      version: ctx.version,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      checks: { store: 'ok', ...(redis !== undefined && { redis: redis ? 'ok' : 'error' }) },
    };
    if (!serving) reply.code(503);
    return body;
  });

  // Everything else needs a token; writes need an admin (not viewer) token.
  app.register(async (scope) => {
    scope.addHook('onRequest', async (request) => {
      request.principal = await authenticate(ctx, request);
      if (!READ_METHODS.has(request.method) && request.principal.role !== 'admin') {
        throw new ApiError('forbidden', 'this token may only read');
      }
      // Kicks, bans, announcements and deletions act on the whole cluster; accepting is per node.
      if (!READ_METHODS.has(request.method) && operator.clusterReachable === false && !request.url.startsWith('/api/server/')) {
        throw new ApiError('unavailable', 'the cluster backend (Redis) is unreachable; try again when /api/health says ok');
      }
    });

    registerOpenApi(scope, ctx.version);

    scope.get('/me', async (request): Promise<admin.Me> => {
      const { label, role } = request.principal as Principal;
      return { label, role };
    });

    scope.get('/stats', async (): Promise<admin.Stats> => ctx.sampler.current());

    scope.get('/stats/history', async (request): Promise<admin.StatsHistory> => {
      const query = parse(admin.StatsHistoryQuery, request.query);
      return ctx.sampler.history.last(query.minutes);
    });

    scope.get('/users', async (request): Promise<admin.UsersPage> => {
      const query = parse(admin.UsersQuery, request.query);
      return operator.listUsers(query.q, query.offset, query.limit);
    });

    scope.get<{ Params: { name: string } }>('/users/:name', async (request): Promise<admin.UserItem> => {
      const user = operator.findUser(request.params.name);
      if (user === undefined) throw new ApiError('not_found', `nobody named ${request.params.name} is connected`);
      return user;
    });

    scope.post<{ Params: { name: string } }>('/users/:name/kick', async (request): Promise<admin.KickResult> => {
      const body = parse(admin.KickRequest, request.body);
      const by = request.principal?.label ?? '';
      const kicked = operator.kick(request.params.name, body.reason, body.banSeconds === undefined ? undefined : { seconds: body.banSeconds, by });
      if (kicked === undefined) throw new ApiError('not_found', `nobody named ${request.params.name} is connected`);
      audit(request, 'kick', kicked, { reason: body.reason, ...(body.banSeconds !== undefined && { banSeconds: body.banSeconds }) });
      return { kicked: true };
    });

    scope.get('/bans', async (): Promise<admin.BanList> => ({ items: operator.bans().map(banItem) }));

    scope.post('/bans', async (request, reply): Promise<admin.Ban> => {
      const body = parse(admin.BanRequest, request.body);
      const terms = { seconds: body.seconds, reason: body.reason, by: request.principal?.label ?? '' };
      const ban = body.name !== undefined ? operator.banName(body.name, terms) : operator.banAddress(body.address as string, terms);
      if ('invalid' in ban) throw new ApiError('invalid_request', `not a valid name: ${ban.invalid}`);
      audit(request, 'ban', ban.name ?? ban.address ?? '', { seconds: body.seconds, reason: body.reason, id: ban.id });
      reply.code(201);
      return banItem(ban);
    });

    scope.delete<{ Params: { id: string } }>('/bans/:id', async (request, reply) => {
      const id = parse(admin.IdParam, request.params).id;
      if (!operator.unban(id)) throw new ApiError('not_found', `no ban ${id}`);
      audit(request, 'unban', String(id));
      return reply.code(204).send();
    });

    scope.post('/announcements', async (request, reply): Promise<admin.AnnouncementResult> => {
      const body = parse(admin.AnnouncementRequest, request.body);
      const at = operator.announce(body.content);
      audit(request, 'announce', 'everyone', { content: body.content });
      reply.code(201);
      return { at };
    });

    scope.get('/messages', async (request): Promise<admin.MessagesPage> => {
      const query = parse(admin.MessagesQuery, request.query);
      const { page, disclosed } = readMessages(store, query, ctx.reading);
      // Audited before it is answered: private text never leaves without its entry.
      if (disclosed.length > 0) audit(request, 'read_private', describeRead(query), { count: disclosed.length, ids: disclosed });
      return page;
    });

    scope.delete<{ Params: { id: string } }>('/messages/:id', async (request, reply) => {
      const id = parse(admin.IdParam, request.params).id;
      if (!operator.deleteMessage(id)) throw new ApiError('not_found', `no message ${id}`);
      audit(request, 'delete_message', String(id));
      return reply.code(204).send();
    });

    scope.get('/server/accepting', async (): Promise<admin.Accepting> => ({ accepting: operator.accepting }));

    scope.put('/server/accepting', async (request): Promise<admin.Accepting> => {
      const body = parse(admin.AcceptingRequest, request.body);
      operator.setAccepting(body.accepting, body.disconnectAll ?? false, body.reason);
      audit(request, 'accepting', 'server', {
        accepting: body.accepting,
        disconnectAll: body.disconnectAll ?? false,
        ...(body.reason !== undefined && { reason: body.reason }),
      });
      return { accepting: operator.accepting };
    });

    scope.get('/audit', async (request): Promise<admin.AuditPage> => {
      const query = parse(admin.AuditQuery, request.query);
      return { items: store.listAudit(query.before, query.limit) };
    });
  });
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
