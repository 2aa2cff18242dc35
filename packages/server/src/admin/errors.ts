import { admin } from '@charla/protocol';
import type { z } from 'zod';

/** An admin API error: its code decides the HTTP status (one table, in @charla/protocol). */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: admin.AdminErrorCode,
    message: string,
    readonly issues?: unknown[],
  ) {
    super(message);
  }

  get status(): number {
    return admin.ADMIN_ERROR_STATUS[this.code];
  }

  body(): admin.ApiError {
    return { code: this.code, message: this.message, ...(this.issues !== undefined && { issues: this.issues }) };
  }
}

/** Validates input with a schema from @charla/protocol/admin; 400 with zod's issues if bad. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    throw new ApiError('invalid_request', 'the request is not valid', result.error.issues.slice(0, 20));
  }
  return result.data;
}
