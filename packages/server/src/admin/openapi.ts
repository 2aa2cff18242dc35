/**
 * The OpenAPI 3.1 document of the admin API, generated from the same zod schemas the routes
 * validate with (zod 4's JSON Schema output), and a plain browsable page of it.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { admin } from '@charla/protocol';

interface Operation {
  readonly method: 'get' | 'post' | 'put' | 'delete';
  readonly path: string;
  readonly summary: string;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly response?: z.ZodType;
  readonly status?: number;
  readonly open?: boolean;
}

const OPERATIONS: readonly Operation[] = [
  { method: 'get', path: '/api/health', summary: 'Liveness and checks (no token)', response: admin.Health, open: true },
  { method: 'get', path: '/api/me', summary: 'Who this token is: its label and role', response: admin.Me },
  { method: 'get', path: '/api/stats', summary: 'Counters, rates, memory, event-loop delay', response: admin.Stats },
  { method: 'get', path: '/api/stats/history', summary: 'This node\'s last minutes, a point every five seconds (at most an hour)', query: admin.StatsHistoryQuery, response: admin.StatsHistory },
  { method: 'get', path: '/api/users', summary: 'Connected users: search and paging', query: admin.UsersQuery, response: admin.UsersPage },
  { method: 'get', path: '/api/users/{name}', summary: 'One connected user (404 if not connected)', response: admin.UserItem },
  { method: 'post', path: '/api/users/{name}/kick', summary: 'Kick a user, optionally banning the name', body: admin.KickRequest, response: admin.KickResult },
  { method: 'get', path: '/api/bans', summary: 'Active bans', response: admin.BanList },
  { method: 'post', path: '/api/bans', summary: 'Ban a name or an address (matching users are kicked)', body: admin.BanRequest, response: admin.Ban, status: 201 },
  { method: 'delete', path: '/api/bans/{id}', summary: 'Lift a ban', status: 204 },
  { method: 'post', path: '/api/announcements', summary: 'Send a `sistema` message to everyone', body: admin.AnnouncementRequest, response: admin.AnnouncementResult, status: 201 },
  { method: 'get', path: '/api/messages', summary: 'History with text search; private texts are null (and never searched) unless --admin-reads-private, and then every read of one is audited', query: admin.MessagesQuery, response: admin.MessagesPage },
  { method: 'delete', path: '/api/messages/{id}', summary: 'Delete a message (clients get `mensaje_borrado`)', status: 204 },
  { method: 'get', path: '/api/server/accepting', summary: 'Whether identifications are accepted', response: admin.Accepting },
  { method: 'put', path: '/api/server/accepting', summary: 'Start or stop accepting; optionally disconnect everyone', body: admin.AcceptingRequest, response: admin.Accepting },
  { method: 'get', path: '/api/audit', summary: 'The action log, newest first', query: admin.AuditQuery, response: admin.AuditPage },
  { method: 'get', path: '/metrics', summary: 'Prometheus metrics (text format)' },
];

const schema = (type: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(type, { io, unrepresentable: 'any' });

export function openApiDocument(version: string): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const op of OPERATIONS) {
    const status = String(op.status ?? 200);
    const parameters = [
      ...[...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...Object.entries((op.query as z.ZodObject | undefined)?.shape ?? {}).map(([name, field]) => ({
        name,
        in: 'query',
        required: false,
        schema: schema(field as z.ZodType, 'input'),
      })),
    ];
    paths[op.path] = {
      ...paths[op.path],
      [op.method]: {
        summary: op.summary,
        ...(op.open === true ? { security: [] } : {}),
        ...(parameters.length > 0 && { parameters }),
        ...(op.body !== undefined && {
          requestBody: { required: true, content: { 'application/json': { schema: schema(op.body, 'input') } } },
        }),
        responses: {
          [status]: {
            description: status === '204' ? 'done' : 'ok',
            ...(op.response !== undefined && { content: { 'application/json': { schema: schema(op.response, 'output') } } }),
          },
          default: { description: 'error', content: { 'application/json': { schema: schema(admin.ApiError, 'output') } } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'charla admin API', version, description: 'The operators\' API (docs/admin-api.md). Live events: GET /api/events (WebSocket).' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}

export function registerOpenApi(app: FastifyInstance, version: string): void {
  const document = openApiDocument(version);
  app.get('/openapi.json', async () => document);
  app.get('/docs', async (_request, reply) => {
    reply.type('text/html; charset=utf-8').header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    return docsPage(version);
  });
}

/** A self-contained page: no scripts, no outside assets. */
function docsPage(version: string): string {
  const rows = OPERATIONS.map((op) => {
    const parts = [
      op.query && `<h4>Query</h4><pre>${escape(JSON.stringify(schema(op.query, 'input'), null, 2))}</pre>`,
      op.body && `<h4>Body</h4><pre>${escape(JSON.stringify(schema(op.body, 'input'), null, 2))}</pre>`,
      op.response && `<h4>Answer ${op.status ?? 200}</h4><pre>${escape(JSON.stringify(schema(op.response, 'output'), null, 2))}</pre>`,
    ].filter(Boolean);
    return `<details><summary><code>${op.method.toUpperCase()} ${escape(op.path)}</code> ${escape(op.summary)}</summary>${parts.join('')}</details>`;
  });
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>charla admin API ${escape(version)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{background:#f4f4f4;padding:.5rem;overflow:auto}summary{cursor:pointer;padding:.3rem 0}</style>
<h1>charla admin API <small>${escape(version)}</small></h1>
<p>Every route but <code>/api/health</code> needs <code>Authorization: Bearer &lt;token&gt;</code>. Errors are
<code>{"code","message","issues"?}</code>. Live events: <code>GET /api/events</code> (WebSocket). Machine-readable: <a href="/api/openapi.json">openapi.json</a>.</p>
${rows.join('\n')}
</html>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}
