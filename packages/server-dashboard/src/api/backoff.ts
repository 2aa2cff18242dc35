/** The event stream reconnects like the chat client does: the SDK's full-jitter backoff. */
import type { BackoffOptions } from '@charla/sdk';

export { backoffDelay } from '@charla/sdk';
export type { BackoffOptions } from '@charla/sdk';

export const EVENTS_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 15_000 };
