/**
 * The admin REST API (docs/admin-api.md) as typed calls. The token goes in the Authorization
 * header (never the URL); every answer is checked against @charla/protocol's schemas, so a
 * component gets either the contract's shape or an ApiError with a code it can explain.
 */
import { admin } from '@charla/protocol';
import { ApiError, errorFromResponse } from './errors';

/** What the client needs of a zod schema (zod itself is @charla/protocol's dependency, not ours). */
interface Schema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false };
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type Role = admin.Me['role'];

interface Call {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly query?: Record<string, string | number | undefined>;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

export interface AdminApiOptions {
  /** Where `/api` is: '' for the page's own origin (the console is served by the server). */
  readonly baseUrl?: string;
  readonly fetch?: FetchLike;
  /** Told of every 401, so the app can end the session wherever it happened. */
  readonly onUnauthorized?: () => void;
}

export class AdminApi {
  private readonly baseUrl: string;
  private readonly fetch: FetchLike;
  private readonly onUnauthorized: () => void;

  constructor(
    private readonly token: string,
    options: AdminApiOptions = {},
  ) {
    this.baseUrl = options.baseUrl ?? '';
    // Called unbound, a browser's fetch throws "Illegal invocation".
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.onUnauthorized = options.onUnauthorized ?? (() => undefined);
  }

  /** Who the token is (`GET /api/me`): a bad token answers 401 like any read. */
  me = (): Promise<admin.Me> => this.call(admin.Me, '/me');
  stats = (): Promise<admin.Stats> => this.call(admin.Stats, '/stats');
  statsHistory = (minutes: number): Promise<admin.StatsHistory> => this.call(admin.StatsHistory, '/stats/history', { query: { minutes } });
  users = (query: { q?: string; offset: number; limit: number }, signal?: AbortSignal): Promise<admin.UsersPage> =>
    this.call(admin.UsersPage, '/users', { query: { ...query, q: query.q || undefined }, signal });
  user = (name: string): Promise<admin.UserItem> => this.call(admin.UserItem, `/users/${encodeURIComponent(name)}`);
  kick = (name: string, body: admin.KickRequest): Promise<admin.KickResult> =>
    this.call(admin.KickResult, `/users/${encodeURIComponent(name)}/kick`, { method: 'POST', body });
  bans = (): Promise<admin.BanList> => this.call(admin.BanList, '/bans');
  ban = (body: admin.BanRequest): Promise<admin.Ban> => this.call(admin.Ban, '/bans', { method: 'POST', body });
  unban = (id: number): Promise<void> => this.call(null, `/bans/${id}`, { method: 'DELETE' });
  announce = (content: string): Promise<admin.AnnouncementResult> =>
    this.call(admin.AnnouncementResult, '/announcements', { method: 'POST', body: { content } });
  messages = (query: { q?: string; before?: number; limit: number }, signal?: AbortSignal): Promise<admin.MessagesPage> =>
    this.call(admin.MessagesPage, '/messages', { query: { ...query, q: query.q || undefined }, signal });
  deleteMessage = (id: number): Promise<void> => this.call(null, `/messages/${id}`, { method: 'DELETE' });
  setAccepting = (body: admin.AcceptingRequest): Promise<admin.Accepting> =>
    this.call(admin.Accepting, '/server/accepting', { method: 'PUT', body });
  audit = (query: { before?: number; limit: number }): Promise<admin.AuditPage> => this.call(admin.AuditPage, '/audit', { query });

  private call(schema: null, path: string, call?: Call): Promise<void>;
  private call<T>(schema: Schema<T>, path: string, call?: Call): Promise<T>;
  private async call(schema: Schema<unknown> | null, path: string, { method = 'GET', query, body, signal }: Call = {}): Promise<unknown> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetch(`${this.baseUrl}/api${path}${queryString(query)}`, {
        method,
        headers,
        ...(body !== undefined && { body: JSON.stringify(body) }),
        ...(signal !== undefined && { signal }),
      });
    } catch (error) {
      if (signal?.aborted === true) throw error;
      throw new ApiError('network', (error as Error).message);
    }
    const json = response.status === 204 ? undefined : await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = errorFromResponse(response.status, json);
      if (error.code === 'unauthorized') this.onUnauthorized();
      throw error;
    }
    if (schema === null) return undefined;
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ApiError('bad_response', `unexpected answer from ${path}`, response.status);
    return parsed.data;
  }
}

function queryString(query: Call['query']): string {
  const pairs = Object.entries(query ?? {}).filter((pair): pair is [string, string | number] => pair[1] !== undefined);
  return pairs.length === 0 ? '' : `?${new URLSearchParams(pairs.map(([k, v]) => [k, String(v)])).toString()}`;
}
