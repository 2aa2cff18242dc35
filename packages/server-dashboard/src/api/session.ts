/**
 * A signed-in operator: the token (kept in sessionStorage, so it lasts the tab and never
 * reaches a URL), what it may do, the REST client (the SDK's) and the event stream, made
 * together outside React and handed to the tree by SessionProvider.
 */
import { AdminClient, adminEventsUrl } from '@charla/sdk/admin';
import type { AdminWebSocketConstructor, FetchLike, Role } from '@charla/sdk/admin';
import { EventsConnection } from './events';

export interface Session {
  readonly role: Role;
  readonly api: AdminClient;
  readonly events: EventsConnection;
}

/** What a session needs from the world; tests pass fakes. */
export interface Environment {
  /** Where the server is, e.g. `http://127.0.0.1:55555` (the page's own origin in the browser). */
  readonly origin: string;
  readonly fetch?: FetchLike;
  readonly WebSocket?: AdminWebSocketConstructor;
}

export function browserEnvironment(): Environment {
  return { origin: window.location.origin };
}

/**
 * Checks the token and learns its role in one read (`GET /api/me` answers 401 for a bad
 * one); throws the AdminError otherwise. `onEnded` runs once if the server later refuses the
 * token.
 */
export async function signIn(token: string, env: Environment, onEnded: () => void): Promise<Session> {
  // A 401 while signing in is the caller's error to show, not the end of a session.
  let signedIn = false;
  const end = () => {
    if (!signedIn) return;
    signedIn = false;
    onEnded();
  };
  const api = new AdminClient({ baseUrl: env.origin, token, fetch: env.fetch, onUnauthorized: end });
  const { role } = await api.me();
  const events = new EventsConnection({
    url: adminEventsUrl(env.origin),
    token,
    WebSocket: env.WebSocket,
    loadHistory: (minutes) => api.statsHistory(minutes),
    onUnauthorized: end,
  });
  signedIn = true;
  return { role, api, events };
}

const TOKEN_KEY = 'charla.console.token';

// Storage can be unavailable (privacy modes): then the token lasts only this page.
export function readStoredToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function storeToken(token: string | null): void {
  try {
    if (token === null) sessionStorage.removeItem(TOKEN_KEY);
    else sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // See readStoredToken.
  }
}
