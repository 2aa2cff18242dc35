/**
 * The admin API (docs/admin-api.md) for the CLI: one typed method per route, the token sent as
 * `Authorization: Bearer` (never in a URL, never in a message), answers checked against the
 * schemas of @charla/protocol, and every way a call fails turned into a CliFailure:
 *
 *   400 invalid_request: what we sent is wrong          -> 1 usage, with the server's issues
 *   401, 403, 404, 409, 429: the server said no (a wrong  -> 2 refused
 *     or viewer token, no such user, ban or message)
 *   no connection, 5xx, an answer that is not this API  -> 3 network
 */
import { admin } from '@charla/protocol';
import WebSocket from 'ws';
import { CliFailure, EXIT, usageError } from './exit-codes.js';

export const DEFAULT_ADMIN_URL = 'http://localhost:55555';

/** A server that does not answer within this is as good as unreachable. */
const TIMEOUT_MS = 30_000;

/** The close code of /api/events for a missing or wrong token. */
const CLOSE_UNAUTHORIZED = 4401;
/** The close code ws reports when the connection dropped without a closing handshake. */
const CLOSE_ABNORMAL = 1006;

/** What the client needs of a zod schema (zod is @charla/protocol's dependency, not ours). */
interface Schema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false };
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface AdminClientSettings {
  readonly adminUrl: string;
  readonly token: string;
  /** Where the token was read from (admin-token.ts), to name it when the server refuses it. */
  readonly tokenFile?: string;
}

export class AdminClient {
  private readonly base: URL;
  private readonly token: string;
  private readonly tokenFrom: string;

  /** `signal` aborts every call under way and ends `events` (the command was stopped). */
  constructor(
    settings: AdminClientSettings,
    private readonly signal: AbortSignal,
  ) {
    const base = URL.canParse(settings.adminUrl) ? new URL(settings.adminUrl) : undefined;
    if (base?.protocol !== 'http:' && base?.protocol !== 'https:') {
      throw usageError(`--admin-url must be an http:// or https:// URL, not "${settings.adminUrl}"`);
    }
    // A trailing slash keeps a path prefix (a proxy's /charla/) when routes are resolved.
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    this.base = base;
    this.token = settings.token;
    this.tokenFrom = settings.tokenFile === undefined ? TOKEN_GIVEN : `from ${settings.tokenFile}`;
  }

  /** Who the token is (GET /api/me). */
  me(): Promise<admin.Me> {
    return this.call('GET', 'api/me', admin.Me);
  }

  stats(): Promise<admin.Stats> {
    return this.call('GET', 'api/stats', admin.Stats);
  }

  users(query: Partial<admin.UsersQuery>): Promise<admin.UsersPage> {
    return this.call('GET', `api/users${search(query)}`, admin.UsersPage);
  }

  kick(name: string, body: admin.KickRequest): Promise<admin.KickResult> {
    return this.call('POST', `api/users/${encodeURIComponent(name)}/kick`, admin.KickResult, body);
  }

  bans(): Promise<admin.BanList> {
    return this.call('GET', 'api/bans', admin.BanList);
  }

  ban(body: admin.BanRequest): Promise<admin.Ban> {
    return this.call('POST', 'api/bans', admin.Ban, body);
  }

  async unban(id: number): Promise<void> {
    await this.send('DELETE', `api/bans/${id}`);
  }

  announce(body: admin.AnnouncementRequest): Promise<admin.AnnouncementResult> {
    return this.call('POST', 'api/announcements', admin.AnnouncementResult, body);
  }

  messages(query: Partial<admin.MessagesQuery>): Promise<admin.MessagesPage> {
    return this.call('GET', `api/messages${search(query)}`, admin.MessagesPage);
  }

  async deleteMessage(id: number): Promise<void> {
    await this.send('DELETE', `api/messages/${id}`);
  }

  accepting(): Promise<admin.Accepting> {
    return this.call('GET', 'api/server/accepting', admin.Accepting);
  }

  setAccepting(body: admin.AcceptingRequest): Promise<admin.Accepting> {
    return this.call('PUT', 'api/server/accepting', admin.Accepting, body);
  }

  audit(query: Partial<admin.AuditQuery>): Promise<admin.AuditPage> {
    return this.call('GET', `api/audit${search(query)}`, admin.AuditPage);
  }

  /**
   * Follows GET /api/events, calling `onEvent` for each, until the signal aborts (resolves)
   * or the stream ends (rejects: closed 4401 is exit 2, anything else exit 3).
   */
  events(onEvent: (event: admin.AdminEvent) => void): Promise<void> {
    const url = this.endpoint('api/events');
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers: { authorization: `Bearer ${this.token}` } });
      const stop = () => {
        resolve();
        socket.close();
      };
      this.signal.addEventListener('abort', stop, { once: true });
      socket.on('message', (data: WebSocket.RawData) => {
        const event = checked(parseJson(String(data)), admin.AdminEvent);
        if (event !== undefined) return onEvent(event);
        reject(this.notTheApi('api/events'));
        socket.terminate();
      });
      // A refusal before the upgrade (a proxy's 401, a 404 from another server).
      socket.on('unexpected-response', (request, response) => {
        reject(answerFailure(response.statusCode ?? 0, undefined, this.tokenFrom));
        request.destroy();
      });
      socket.on('error', (error) => reject(this.unreachable(error)));
      socket.on('close', (code: number, reason: Buffer) => {
        this.signal.removeEventListener('abort', stop);
        reject(closeFailure(code, reason.toString(), this.tokenFrom));
      });
    });
  }

  private async call<T>(method: Method, path: string, answer: Schema<T>, body?: object): Promise<T> {
    const response = await this.send(method, path, body);
    const value = checked(await response.json().catch(() => undefined), answer);
    if (value === undefined) throw this.notTheApi(path);
    return value;
  }

  /** The response when it is a success; a refusal or no answer throws its CliFailure. */
  private async send(method: Method, path: string, body?: object): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(this.endpoint(path), {
        method,
        headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
        signal: AbortSignal.any([this.signal, AbortSignal.timeout(TIMEOUT_MS)]),
      });
    } catch (error) {
      throw this.unreachable(error);
    }
    if (response.ok) return response;
    throw answerFailure(response.status, await response.json().catch(() => undefined), this.tokenFrom);
  }

  private endpoint(path: string): URL {
    return new URL(path, this.base);
  }

  private unreachable(error: unknown): CliFailure {
    return new CliFailure(EXIT.network, `no connection to ${this.base.origin} (${why(error)})`);
  }

  private notTheApi(path: string): CliFailure {
    return new CliFailure(EXIT.network, `${this.endpoint(path).href} did not answer as the charla admin API (version 2) does`);
  }
}

/** How a token given as is is named in a refusal (a token from a file is named by its path). */
const TOKEN_GIVEN = '--token or CHARLA_ADMIN_TOKEN';

function unauthorized(tokenFrom: string): CliFailure {
  return new CliFailure(EXIT.refused, `unauthorized: the server does not accept this admin token (${tokenFrom})`);
}

/** A refusal by the server, as the table at the top says. */
export function answerFailure(status: number, body: unknown, tokenFrom = TOKEN_GIVEN): CliFailure {
  const error = checked(body, admin.ApiError);
  const code = error?.code ?? `HTTP ${status}`;
  const message = error?.message ?? `the server answered HTTP ${status}`;
  if (status === admin.ADMIN_ERROR_STATUS.invalid_request) return usageError(`invalid request: ${[message, ...summarize(error?.issues)].join('; ')}`);
  if (status === admin.ADMIN_ERROR_STATUS.unauthorized) return unauthorized(tokenFrom);
  if (status >= 500) return new CliFailure(EXIT.network, `the server failed (${code}): ${message}`);
  return new CliFailure(EXIT.refused, `refused (${code}): ${message}`);
}

/** Why the event stream ended, when we did not end it. */
function closeFailure(code: number, reason: string, tokenFrom: string): CliFailure {
  if (code === CLOSE_UNAUTHORIZED) return unauthorized(tokenFrom);
  if (code === CLOSE_ABNORMAL) return new CliFailure(EXIT.network, `lost the connection to the event stream (${code})`);
  return new CliFailure(EXIT.network, `the server closed the event stream (${code}${reason === '' ? '' : `: ${reason}`})`);
}

/**
 * `value` when it matches `schema`, as it came: --json prints the raw answer, and the admin
 * schemas have no defaults or transforms, so a value that passes already is a T.
 */
function checked<T>(value: unknown, schema: Schema<T>): T | undefined {
  return schema.safeParse(value).success ? (value as T) : undefined;
}

/** `?q=an&limit=5` of the parts that are given. */
function search(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** zod issues as `path: message`, the first few: enough to see what to fix. */
function summarize(issues: readonly unknown[] = []): string[] {
  return issues.slice(0, 3).map((issue) => {
    const { path, message } = issue as { path?: unknown; message?: unknown };
    const where = Array.isArray(path) && path.length > 0 ? `${path.join('.')}: ` : '';
    return `${where}${String(message)}`;
  });
}

/**
 * Why a connection failed. fetch wraps the socket's error as `cause`; `localhost` tries two
 * addresses and fails with an AggregateError that has a code but no message.
 */
function why(error: unknown): string {
  const inner = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (!(inner instanceof Error)) return String(inner);
  return inner.message !== '' ? inner.message : ((inner as NodeJS.ErrnoException).code ?? inner.name);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
