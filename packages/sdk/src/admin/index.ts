/**
 * `@charla/sdk/admin`: the one client of charla's admin API (docs/admin-api.md) for the
 * operator console, the CLI and scripts: REST calls typed and checked by @charla/protocol's
 * `admin` schemas, and the live event stream.
 */
export { AdminClient, adminEventsUrl } from './client.js';
export type { AdminClientOptions, CallOptions, FetchLike, Role } from './client.js';
export { AdminError, errorFromResponse } from './errors.js';
export type { AdminErrorCode, AdminErrorDetails } from './errors.js';
export { AdminEventStream, EVENTS_BACKOFF } from './events.js';
export type {
  AdminEventStreamOptions,
  AdminSocket,
  AdminStreamClose,
  AdminStreamEvents,
  AdminStreamSnapshot,
  AdminStreamState,
  AdminWebSocketConstructor,
} from './events.js';
