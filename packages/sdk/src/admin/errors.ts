import { admin } from '@charla/protocol';

/**
 * Why an admin call failed: the API's own codes (docs/admin-api.md, "Errors"), plus
 * `network` (no answer at all: unreachable, timed out) and `bad_response` (an answer that is
 * not the contract's: a proxy's page, another version of the server).
 */
export type AdminErrorCode = admin.AdminErrorCode | 'network' | 'bad_response';

export interface AdminErrorDetails {
  /** The HTTP status, when there was an answer. */
  readonly status?: number;
  /** The error body the API sent (`{code, message, issues?}`); absent when the answer was not one. */
  readonly answer?: admin.ApiError;
  /** The request's URL. */
  readonly url?: string;
  /** What failed underneath (fetch's error, for `network`). */
  readonly cause?: unknown;
}

export class AdminError extends Error {
  // A literal, not the class's name: bundlers rename classes (trpc #4848).
  override readonly name = 'AdminError';
  readonly status: number | undefined;
  /** The API's error body as sent: a refusal by the API itself, not by a proxy in front of it. */
  readonly answer: admin.ApiError | undefined;
  /** The validation issues of an `invalid_request` (zod's), as the API sent them. */
  readonly issues: readonly unknown[] | undefined;
  readonly url: string | undefined;

  constructor(
    readonly code: AdminErrorCode,
    message: string,
    details: AdminErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.answer = details.answer;
    this.issues = details.answer?.issues;
    this.url = details.url;
  }
}

/**
 * A refusal (`{code, message}`) as an AdminError. A body that is not the API's (a proxy's
 * error page, an empty 503) still gets a code from its status when the API uses that status.
 */
export function errorFromResponse(status: number, body: unknown, url?: string): AdminError {
  const parsed = admin.ApiError.safeParse(body);
  if (parsed.success) return new AdminError(parsed.data.code, parsed.data.message, { status, answer: parsed.data, url });
  const byStatus = (Object.entries(admin.ADMIN_ERROR_STATUS) as [admin.AdminErrorCode, number][]).find(([, s]) => s === status);
  return new AdminError(byStatus?.[0] ?? 'bad_response', `HTTP ${status}`, { status, url });
}
