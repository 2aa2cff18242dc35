/**
 * The admin REST API (docs/admin-api.md) as one typed method per route. The token goes in
 * the Authorization header (never in a URL); every answer is checked against the `admin`
 * schemas of @charla/protocol, so a caller gets the contract's shape or an AdminError with a
 * code it can switch on. `events()` opens the live stream (events.ts) with the same address
 * and token.
 */
import { admin } from '@charla/protocol';
import { AdminError, errorFromResponse } from './errors.js';
import { AdminEventStream } from './events.js';
import type { AdminEventStreamOptions, AdminWebSocketConstructor } from './events.js';

/** The part of `fetch` used: the global one, or a fake in tests. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type Role = admin.Me['role'];

export interface AdminClientOptions {
  /**
   * Where the server is: `http://localhost:55555`, or with a path prefix behind a proxy
   * (`https://example.org/charla`); '' for the page's own origin (a console it serves).
   */
  readonly baseUrl: string;
  readonly token: string;
  /** Default: the global fetch. */
  readonly fetch?: FetchLike;
  /** For events(). Default: the global WebSocket (browsers); in Node, the `ws` package's class. */
  readonly WebSocket?: AdminWebSocketConstructor;
  /** Aborts every call under way, and later ones at once (the caller is done). */
  readonly signal?: AbortSignal;
  /** A call without an answer this long fails as `network`. Default: none. */
  readonly timeoutMs?: number;
  /** Told of every 401, so an app can end its session wherever it happened. */
  readonly onUnauthorized?: () => void;
}

/** What the client needs of a zod schema (zod is @charla/protocol's dependency, not ours). */
interface Schema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false };
}

type Query = Readonly<Record<string, string | number | undefined>>;

interface Call {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly query?: Query;
  readonly body?: unknown;
  readonly signal?: AbortSignal | undefined;
  /** A failure status whose body is still the answer (`/health` says 503 with its report). */
  readonly answersWith?: number;
}

/** Per call: an AbortSignal that cancels it (its error is then the abort's, as fetch throws it). */
export interface CallOptions {
  readonly signal?: AbortSignal;
}

export class AdminClient {
  private readonly baseUrl: string;
  private readonly fetch: FetchLike;

  constructor(private readonly options: AdminClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    // Called unbound, a browser's fetch throws "Illegal invocation".
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** `GET /api/health` (needs no token): answers when the server is degraded (503) too. */
  health(call?: CallOptions): Promise<admin.Health> {
    return this.call(admin.Health, '/health', { ...call, answersWith: admin.ADMIN_ERROR_STATUS.unavailable });
  }

  /** Who the token is (`GET /api/me`): a bad token answers 401 like any read. */
  me(call?: CallOptions): Promise<admin.Me> {
    return this.call(admin.Me, '/me', call);
  }

  stats(call?: CallOptions): Promise<admin.Stats> {
    return this.call(admin.Stats, '/stats', call);
  }

  /** The node's recent stats, one point every five seconds (`minutes` ≤ 60; the server's default 15). */
  statsHistory(minutes?: number, call?: CallOptions): Promise<admin.StatsHistory> {
    return this.call(admin.StatsHistory, '/stats/history', { ...call, query: { minutes } });
  }

  /** Connected users, searched and paged by the server. An empty `q` is no search. */
  users(query: Partial<admin.UsersQuery> = {}, call?: CallOptions): Promise<admin.UsersPage> {
    return this.call(admin.UsersPage, '/users', { ...call, query: { ...query, q: query.q || undefined } });
  }

  /** One connected user; `not_found` when nobody of that name is connected. */
  user(name: string, call?: CallOptions): Promise<admin.UserItem> {
    return this.call(admin.UserItem, `/users/${encodeURIComponent(name)}`, call);
  }

  kick(name: string, body: admin.KickRequest, call?: CallOptions): Promise<admin.KickResult> {
    return this.call(admin.KickResult, `/users/${encodeURIComponent(name)}/kick`, { ...call, method: 'POST', body });
  }

  bans(call?: CallOptions): Promise<admin.BanList> {
    return this.call(admin.BanList, '/bans', call);
  }

  /** Bans a name or an address (one of them); matching users are kicked. */
  ban(body: admin.BanRequest, call?: CallOptions): Promise<admin.Ban> {
    return this.call(admin.Ban, '/bans', { ...call, method: 'POST', body });
  }

  unban(id: number, call?: CallOptions): Promise<void> {
    return this.call(null, `/bans/${id}`, { ...call, method: 'DELETE' });
  }

  /** Everyone gets it as `sistema`. */
  announce(body: admin.AnnouncementRequest, call?: CallOptions): Promise<admin.AnnouncementResult> {
    return this.call(admin.AnnouncementResult, '/announcements', { ...call, method: 'POST', body });
  }

  /** Stored messages, oldest first; `before` pages back. An empty `q` is no search. */
  messages(query: Partial<admin.MessagesQuery> = {}, call?: CallOptions): Promise<admin.MessagesPage> {
    return this.call(admin.MessagesPage, '/messages', { ...call, query: { ...query, q: query.q || undefined } });
  }

  deleteMessage(id: number, call?: CallOptions): Promise<void> {
    return this.call(null, `/messages/${id}`, { ...call, method: 'DELETE' });
  }

  accepting(call?: CallOptions): Promise<admin.Accepting> {
    return this.call(admin.Accepting, '/server/accepting', call);
  }

  setAccepting(body: admin.AcceptingRequest, call?: CallOptions): Promise<admin.Accepting> {
    return this.call(admin.Accepting, '/server/accepting', { ...call, method: 'PUT', body });
  }

  /** The audit log, newest first; `before` pages back. */
  audit(query: Partial<admin.AuditQuery> = {}, call?: CallOptions): Promise<admin.AuditPage> {
    return this.call(admin.AuditPage, '/audit', { ...call, query });
  }

  /** The live event stream (`/api/events`) with this client's address, token and WebSocket; call start() on it. */
  events(options: Omit<AdminEventStreamOptions, 'url' | 'token'> = {}): AdminEventStream {
    return new AdminEventStream({
      url: adminEventsUrl(this.options.baseUrl),
      token: this.options.token,
      ...(this.options.WebSocket !== undefined && { WebSocket: this.options.WebSocket }),
      ...options,
    });
  }

  private call(schema: null, path: string, call?: Call): Promise<void>;
  private call<T>(schema: Schema<T>, path: string, call?: Call): Promise<T>;
  private async call(schema: Schema<unknown> | null, path: string, { method = 'GET', query, body, signal, answersWith }: Call = {}): Promise<unknown> {
    const url = `${this.baseUrl}/api${path}${queryString(query)}`;
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const signals = [signal, this.options.signal, this.options.timeoutMs === undefined ? undefined : AbortSignal.timeout(this.options.timeoutMs)];
    const callerSignals = signals.slice(0, 2).filter((s) => s !== undefined);
    const combined = anySignal(signals.filter((s) => s !== undefined));
    let response: Response;
    try {
      response = await this.fetch(url, {
        method,
        headers,
        ...(body !== undefined && { body: JSON.stringify(body) }),
        ...(combined !== undefined && { signal: combined }),
      });
    } catch (error) {
      // Cancelled by the caller: not a failure of the server's, rethrown as fetch threw it.
      if (callerSignals.some((s) => s.aborted)) throw error;
      throw new AdminError('network', (error as Error).message, { url, cause: error });
    }
    const json = response.status === 204 ? undefined : await response.json().catch(() => undefined);
    // As it came: the admin schemas have no defaults or transforms, so a value that passes is
    // already a T, and fields a newer server adds are kept (the CLI's --json prints them).
    const valid = schema === null || schema.safeParse(json).success;
    if (!response.ok && !(response.status === answersWith && valid)) {
      const error = errorFromResponse(response.status, json, url);
      if (error.code === 'unauthorized') this.options.onUnauthorized?.();
      throw error;
    }
    if (!valid) throw new AdminError('bad_response', `unexpected answer from ${url}`, { status: response.status, url });
    if (schema === null) return undefined;
    return json;
  }
}

/** The event stream's address for a server at `baseUrl`: `ws:` for `http:`, `wss:` for `https:`. */
export function adminEventsUrl(baseUrl: string): string {
  const base = baseUrl === '' ? (globalThis as { location?: { origin: string } }).location?.origin : baseUrl;
  if (base === undefined) throw new TypeError('adminEventsUrl: a baseUrl is needed outside a browser page');
  const url = new URL(`${base.replace(/\/+$/, '')}/api/events`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

function queryString(query: Query | undefined): string {
  const pairs = Object.entries(query ?? {}).filter((pair): pair is [string, string | number] => pair[1] !== undefined);
  return pairs.length === 0 ? '' : `?${new URLSearchParams(pairs.map(([k, v]) => [k, String(v)])).toString()}`;
}

/** One signal for several (AbortSignal.any where there are two or more, as older browsers lack it). */
function anySignal(signals: AbortSignal[]): AbortSignal | undefined {
  return signals.length <= 1 ? signals[0] : AbortSignal.any(signals);
}
