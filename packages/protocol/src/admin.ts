/**
 * The operators' API (docs/admin-api.md) as zod schemas: request bodies and queries the server
 * validates, and responses the dashboard and the CLI are typed by. English field names; the
 * chat frames embedded in responses keep their wire shape.
 */
import { z } from 'zod';
import { ServerMensaje, ServerPrivado } from './frames.js';
import { CONTENT_MAX, HISTORY_PAGE_MAX, WIRE } from './limits.js';

const text = (max: number) => z.string().max(max);
const isoTime = text(64);
const count = z.int().nonnegative();
const reason = text(1000);
/** Bans last at most ten years (a larger number would not even be a date). */
const banSeconds = z.int().positive().max(10 * 365 * 86_400);
/** Query strings arrive as text; these parse them into numbers. */
const queryInt = z.coerce.number().int();

export const ADMIN_ERROR_CODES = [
  'invalid_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'too_many_attempts',
  'unavailable',
] as const;
export type AdminErrorCode = (typeof ADMIN_ERROR_CODES)[number];

/** HTTP status of each admin error code (one table; the server answers by it). */
export const ADMIN_ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_attempts: 429,
  unavailable: 503,
} as const satisfies Record<AdminErrorCode, number>;

/** `:id` in a path (bans, messages). */
export const IdParam = z.object({ id: queryInt.positive() });
export type IdParam = z.infer<typeof IdParam>;

export const ApiError = z.object({
  code: z.enum(ADMIN_ERROR_CODES),
  message: text(2000),
  issues: z.array(z.unknown()).max(100).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

export const CheckState = z.enum(['ok', 'error']);
export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  version: text(64),
  uptimeSeconds: z.number().nonnegative(),
  checks: z.object({ store: CheckState, redis: CheckState.optional() }),
});
export type Health = z.infer<typeof Health>;

export const NodeInfo = z.object({
  id: text(128),
  address: text(256),
  connections: count,
  uptimeSeconds: z.number().nonnegative(),
});
export type NodeInfo = z.infer<typeof NodeInfo>;

export const Stats = z.object({
  connections: count,
  users: count,
  accepting: z.boolean(),
  messagesTotal: count,
  messagesPerSecond: z.object({ last1s: z.number().nonnegative(), last60s: z.number().nonnegative() }),
  bytesIn: count,
  bytesOut: count,
  refusedByCode: z.record(text(64), count),
  memory: z.object({ rss: count, heapUsed: count }),
  eventLoopDelayMs: z.object({ p50: z.number().nonnegative(), p99: z.number().nonnegative() }),
  uptimeSeconds: z.number().nonnegative(),
  nodes: z.array(NodeInfo).max(1000).optional(),
});
export type Stats = z.infer<typeof Stats>;

/** `GET /api/me`: who the token is. */
export const Me = z.object({ label: text(128), role: z.enum(['admin', 'viewer']) });
export type Me = z.infer<typeof Me>;

/** Each node keeps an hour of history in memory, one point every five seconds. */
export const STATS_HISTORY_INTERVAL_SECONDS = 5;
export const STATS_HISTORY_MINUTES_MAX = 60;
export const STATS_HISTORY_POINTS_MAX = (STATS_HISTORY_MINUTES_MAX * 60) / STATS_HISTORY_INTERVAL_SECONDS;

export const StatsHistoryQuery = z.object({
  minutes: queryInt.min(1).max(STATS_HISTORY_MINUTES_MAX).default(15),
});
export type StatsHistoryQuery = z.infer<typeof StatsHistoryQuery>;

/**
 * One interval: `connections` and `users` as they were at `at` (its end), the messages of
 * the interval per second, and the refusals of the interval by code.
 */
export const StatsPoint = z.object({
  at: isoTime,
  connections: count,
  users: count,
  messagesPerSecond: z.number().nonnegative(),
  refused: z.record(text(64), count),
});
export type StatsPoint = z.infer<typeof StatsPoint>;

export const StatsHistory = z.object({
  intervalSeconds: z.literal(STATS_HISTORY_INTERVAL_SECONDS),
  /** Oldest first. */
  points: z.array(StatsPoint).max(STATS_HISTORY_POINTS_MAX),
});
export type StatsHistory = z.infer<typeof StatsHistory>;

export const USERS_PAGE_MAX = 500;
export const UsersQuery = z.object({
  q: text(WIRE.nameChars).optional(),
  offset: queryInt.min(0).default(0),
  limit: queryInt.min(1).max(USERS_PAGE_MAX).default(100),
});
export type UsersQuery = z.infer<typeof UsersQuery>;

export const UserItem = z.object({
  name: text(WIRE.nameChars),
  since: isoTime,
  address: text(256),
  transport: z.enum(['ws', 'tcp']),
  messagesSent: count,
  lastActivity: isoTime,
  node: text(128).optional(),
});
export type UserItem = z.infer<typeof UserItem>;

export const UsersPage = z.object({ total: count, items: z.array(UserItem).max(USERS_PAGE_MAX) });
export type UsersPage = z.infer<typeof UsersPage>;

export const KickRequest = z.object({
  reason,
  banSeconds: banSeconds.optional(),
});
export type KickRequest = z.infer<typeof KickRequest>;

export const KickResult = z.object({ kicked: z.literal(true) });
export type KickResult = z.infer<typeof KickResult>;

export const Ban = z.object({
  id: z.int().positive(),
  name: text(WIRE.nameChars).optional(),
  address: text(256).optional(),
  until: isoTime,
  reason,
  by: text(128),
});
export type Ban = z.infer<typeof Ban>;

export const BanList = z.object({ items: z.array(Ban).max(100_000) });
export type BanList = z.infer<typeof BanList>;

export const BanRequest = z
  .object({
    name: text(WIRE.nameChars).optional(),
    address: text(256).optional(),
    seconds: banSeconds,
    reason,
  })
  .refine((b) => (b.name === undefined) !== (b.address === undefined), {
    message: 'give exactly one of name or address',
  });
export type BanRequest = z.infer<typeof BanRequest>;

export const AnnouncementRequest = z.object({ content: z.string().min(1).max(CONTENT_MAX) });
export type AnnouncementRequest = z.infer<typeof AnnouncementRequest>;
export const AnnouncementResult = z.object({ at: isoTime });
export type AnnouncementResult = z.infer<typeof AnnouncementResult>;

export const MessagesQuery = z.object({
  before: queryInt.positive().optional(),
  limit: queryInt.min(1).max(HISTORY_PAGE_MAX).default(50),
  q: text(500).optional(),
});
export type MessagesQuery = z.infer<typeof MessagesQuery>;

/**
 * A private message as operators see it: the `privado` frame, whose `contenido` is null
 * unless the server runs with `--admin-reads-private` (docs/admin-api.md v2). Messages of private
 * rooms will follow the same rule when rooms exist.
 */
export const OperatorPrivado = ServerPrivado.extend({ contenido: ServerPrivado.shape.contenido.nullable() });
export type OperatorPrivado = z.infer<typeof OperatorPrivado>;

/** One item of `GET /api/messages`: a chat frame in its wire shape, private text maybe withheld. */
export const MessageItem = z.discriminatedUnion('tipo', [ServerMensaje, OperatorPrivado]);
export type MessageItem = z.infer<typeof MessageItem>;

export const MessagesPage = z.object({
  items: z.array(MessageItem).max(HISTORY_PAGE_MAX),
  complete: z.boolean(),
});
export type MessagesPage = z.infer<typeof MessagesPage>;

export const Accepting = z.object({ accepting: z.boolean() });
export type Accepting = z.infer<typeof Accepting>;

export const AcceptingRequest = z.object({
  accepting: z.boolean(),
  disconnectAll: z.boolean().optional(),
  reason: reason.optional(),
});
export type AcceptingRequest = z.infer<typeof AcceptingRequest>;

export const AuditQuery = z.object({
  before: queryInt.positive().optional(),
  limit: queryInt.min(1).max(HISTORY_PAGE_MAX).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntry = z.object({
  id: z.int().positive(),
  at: isoTime,
  actor: text(128),
  action: text(64),
  target: text(1000),
  details: z.record(z.string(), z.unknown()),
  address: text(256),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z.object({ items: z.array(AuditEntry).max(HISTORY_PAGE_MAX) });
export type AuditPage = z.infer<typeof AuditPage>;

// ---------------------------------------------------------------- GET /api/events

export const EventsAuth = z.object({ type: z.literal('auth'), token: text(WIRE.tokenChars) });
export type EventsAuth = z.infer<typeof EventsAuth>;

/** How many past events a node replays to a listener that connects (docs/admin-api.md). */
export const EVENTS_REPLAY_MAX = 200;

/** `replay: true` marks the events a listener is sent on connecting, before `ready`. */
const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), at: isoTime, replay: z.boolean().optional(), ...shape });

export const AdminEvent = z.discriminatedUnion('type', [
  event('connection', { address: text(256), transport: z.enum(['ws', 'tcp']) }),
  event('disconnection', { address: text(256), transport: z.enum(['ws', 'tcp']) }),
  event('join', { name: text(WIRE.nameChars), address: text(256) }),
  event('leave', { name: text(WIRE.nameChars), reason: text(64) }),
  event('message', { id: z.int().positive(), sender: text(WIRE.nameChars), content: text(WIRE.contentChars).optional() }),
  event('private', { id: z.int().positive(), sender: text(WIRE.nameChars), recipient: text(WIRE.nameChars) }),
  event('refused', { code: text(64), address: text(256) }),
  // The audit entry, the node row and the /api/stats body are spread into the event.
  event('admin', AuditEntry.omit({ at: true }).shape),
  event('node', { ...NodeInfo.shape, state: z.enum(['up', 'down']) }),
  event('stats', Stats.shape),
  // The replay is over: what follows is live.
  event('ready', {}),
]);
export type AdminEvent = z.infer<typeof AdminEvent>;
export type AdminEventType = AdminEvent['type'];
