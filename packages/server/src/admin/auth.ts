/**
 * The admin API's one auth, for the REST routes, `/metrics` and the event stream alike: a
 * bearer token (`Authorization: Bearer <token>`; never a cookie or a query parameter),
 * checked against the configured tokens, with failed attempts per address slowed and then
 * blocked (attempts.ts). Also the one place an error becomes an HTTP answer (`sendError`).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FailedAttempts } from './attempts.js';
import { ApiError } from './errors.js';
import type { AdminTokens, Principal } from './tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/** Who a token is, or how long to hold the answer to a failed attempt. */
export type Verdict = { readonly ok: true; readonly principal: Principal } | { readonly ok: false; readonly delayMs: number };

export class AdminAuth {
  constructor(
    private readonly tokens: AdminTokens,
    private readonly attempts = new FailedAttempts(),
  ) {}

  /** True while the address is refused outright (429; 4401 on the event stream). */
  blocked(address: string): boolean {
    return this.attempts.blocked(address);
  }

  /** Who holds `token`; a missing or wrong one counts as a failed attempt from `address`. */
  verify(address: string, token: string | undefined): Verdict {
    const principal = token === undefined ? undefined : this.tokens.verify(token);
    if (principal === undefined) return { ok: false, delayMs: this.attempts.fail(address) };
    return { ok: true, principal };
  }

  /** Authenticates one HTTP request: 429 while its address is blocked, 401 (slowed) when wrong. */
  async authenticate(request: FastifyRequest): Promise<Principal> {
    if (this.blocked(request.ip)) throw new ApiError('too_many_attempts', 'too many failed attempts; try again later');
    const verdict = this.verify(request.ip, bearer(request));
    if (!verdict.ok) {
      if (verdict.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, verdict.delayMs));
      throw new ApiError('unauthorized', 'unauthorized');
    }
    this.attempts.succeed(request.ip);
    return verdict.principal;
  }
}

/** Reads `Authorization: Bearer <token>` (never a cookie or a query parameter). */
export function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/** An ApiError as its status and body; a client's mistake Fastify found, 400; anything else, 500 (logged). */
export function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof ApiError) return reply.code(error.status).send(error.body());
  const status = (error as { statusCode?: number }).statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return reply.code(400).send({ code: 'invalid_request', message: (error as Error).message });
  }
  reply.log.error({ err: error }, 'admin route failed');
  return reply.code(500).send({ code: 'unavailable', message: 'internal error' });
}
