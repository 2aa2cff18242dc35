/**
 * `charla admin` on the SDK's admin client (@charla/sdk/admin): made from --admin-url and the
 * token, with a timeout, and every way a call fails turned into a CliFailure:
 *
 *   400 invalid_request: what we sent is wrong          -> 1 usage, with the server's issues
 *   401, 403, 404, 409, 429: the server said no (a wrong  -> 2 refused
 *     or viewer token, no such user, ban or message)
 *   no connection, 5xx, an answer that is not this API  -> 3 network
 */
import { admin, AdminCloseCode, CloseCode } from '@charla/protocol';
import { AdminClient, AdminError } from '@charla/sdk/admin';
import type { AdminStreamClose } from '@charla/sdk/admin';
import WebSocket from 'ws';
import { CliFailure, EXIT, usageError } from './exit-codes.js';

export const DEFAULT_ADMIN_URL = 'http://localhost:55555';

/** A server that does not answer within this is as good as unreachable. */
const TIMEOUT_MS = 30_000;

export interface AdminClientSettings {
  readonly adminUrl: string;
  readonly token: string;
  /** Where the token was read from (admin-token.ts), to name it when the server refuses it. */
  readonly tokenFile?: string;
}

export class CliAdminClient extends AdminClient {
  private readonly base: URL;
  private readonly tokenFrom: string;

  /** `signal` aborts every call under way and ends `follow` (the command was stopped). */
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
    base.search = base.hash = '';
    super({ baseUrl: base.href, token: settings.token, WebSocket: RefusalAwareWebSocket, signal, timeoutMs: TIMEOUT_MS });
    this.base = base;
    this.tokenFrom = settings.tokenFile === undefined ? TOKEN_GIVEN : `from ${settings.tokenFile}`;
  }

  /**
   * Follows GET /api/events, calling `onEvent` for each, until the signal aborts (resolves)
   * or the stream ends (rejects: closed 4401 is exit 2, anything else exit 3). The token goes
   * in a header: the server lets the listener in with the upgrade itself.
   */
  follow(onEvent: (event: admin.AdminEvent) => void): Promise<void> {
    const stream = this.events({ auth: 'header', reconnect: false, silenceMs: false });
    let stopped: () => void = () => undefined;
    const ended = new Promise<void>((resolve, reject) => {
      stopped = resolve;
      stream.on('event', onEvent);
      stream.on('invalid', () => reject(this.notTheApi(this.endpoint('api/events'))));
      stream.on('close', (close) => reject(this.closeFailure(close)));
    });
    this.signal.addEventListener('abort', stopped, { once: true });
    stream.start();
    return ended.finally(() => {
      this.signal.removeEventListener('abort', stopped);
      stream.stop();
    });
  }

  /** A failed call as the CliFailure the table at the top says; anything else as it is. */
  failure(error: unknown): unknown {
    if (!(error instanceof AdminError)) return error;
    if (error.code === 'network') return this.unreachable(error.cause);
    if (error.status !== undefined && error.status >= 400) return answerFailure(error.status, error.answer, this.tokenFrom);
    return this.notTheApi(error.url ?? this.base.href);
  }

  /** Why the event stream ended, when we did not end it. */
  private closeFailure({ code, reason, error }: AdminStreamClose): CliFailure {
    // With ws, the error event's `error` is what failed: the connection, or the upgrade.
    const cause = (error as { error?: unknown } | undefined)?.error ?? error;
    if (cause instanceof UpgradeRefused) return answerFailure(cause.status, undefined, this.tokenFrom);
    if (error !== undefined) return this.unreachable(cause);
    if (code === AdminCloseCode.unauthorized) return unauthorized(this.tokenFrom);
    if (code === CloseCode.abnormal) return new CliFailure(EXIT.network, `lost the connection to the event stream (${code})`);
    return new CliFailure(EXIT.network, `the server closed the event stream (${code}${reason === '' ? '' : `: ${reason}`})`);
  }

  private endpoint(path: string): string {
    return new URL(path, this.base).href;
  }

  private unreachable(error: unknown): CliFailure {
    return new CliFailure(EXIT.network, `no connection to ${this.base.origin} (${why(error)})`);
  }

  private notTheApi(url: string): CliFailure {
    return new CliFailure(EXIT.network, `${url} did not answer as the charla admin API (version 2) does`);
  }
}

/** A refusal before the upgrade (a proxy's 401, a 404 from another server), by its status. */
class UpgradeRefused extends Error {
  override readonly name = 'UpgradeRefused';

  constructor(readonly status: number) {
    super(`the server answered HTTP ${status}`);
  }
}

/** `ws`, which on a refused upgrade fails with UpgradeRefused: the status, not only a message. */
class RefusalAwareWebSocket extends WebSocket {
  constructor(url: string, options?: WebSocket.ClientOptions) {
    super(url, options);
    this.once('unexpected-response', (request, response) => request.destroy(new UpgradeRefused(response.statusCode ?? 0)));
  }
}

/** How a token given as is is named in a refusal (a token from a file is named by its path). */
const TOKEN_GIVEN = '--token or CHARLA_ADMIN_TOKEN';

function unauthorized(tokenFrom: string): CliFailure {
  return new CliFailure(EXIT.refused, `unauthorized: the server does not accept this admin token (${tokenFrom})`);
}

/** A refusal by the server (its status, and its `{code, message}` body if it sent one), as the table at the top says. */
export function answerFailure(status: number, body: unknown, tokenFrom = TOKEN_GIVEN): CliFailure {
  const parsed = admin.ApiError.safeParse(body);
  const error = parsed.success ? parsed.data : undefined;
  const code = error?.code ?? `HTTP ${status}`;
  const message = error?.message ?? `the server answered HTTP ${status}`;
  if (status === admin.ADMIN_ERROR_STATUS.invalid_request) return usageError(`invalid request: ${[message, ...summarize(error?.issues)].join('; ')}`);
  if (status === admin.ADMIN_ERROR_STATUS.unauthorized) return unauthorized(tokenFrom);
  if (status >= 500) return new CliFailure(EXIT.network, `the server failed (${code}): ${message}`);
  return new CliFailure(EXIT.refused, `refused (${code}): ${message}`);
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
