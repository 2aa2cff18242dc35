import { admin } from '@charla/protocol';

/**
 * What can go wrong with a request: the server's own codes (docs/admin-api.md "Errors"), plus
 * `network` (no answer at all) and `bad_response` (an answer that does not match the
 * contract: a proxy's error page, another version of the server).
 */
export type ApiErrorCode = admin.AdminErrorCode | 'network' | 'bad_response';

export class ApiError extends Error {
  // A literal, not the class's name: minifiers rename classes.
  override readonly name = 'ApiError';

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Maps a failed response's body (`{code, message}`) to an ApiError; a body that is not one still gets a code from its status. */
export function errorFromResponse(status: number, body: unknown): ApiError {
  const parsed = admin.ApiError.safeParse(body);
  if (parsed.success) return new ApiError(parsed.data.code, parsed.data.message, status);
  const byStatus = (Object.entries(admin.ADMIN_ERROR_STATUS) as [admin.AdminErrorCode, number][]).find(([, s]) => s === status);
  return new ApiError(byStatus?.[0] ?? 'bad_response', `HTTP ${status}`, status);
}
