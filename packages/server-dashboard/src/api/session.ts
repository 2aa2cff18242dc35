/**
 * A signed-in operator: the token (kept in sessionStorage, so it lasts the tab and never
 * reaches a URL), what it may do, the REST client and the event stream, made together
 * outside React and handed to the tree by SessionProvider.
 */
import { AdminApi } from './client';
import type { FetchLike, Role } from './client';
import { EventsConnection } from './events';
import type { EventSocketConstructor } from './events';

export interface Session {
  readonly role: Role;
  readonly api: AdminApi;
  readonly events: EventsConnection;
}

/** What a session needs from the world; tests pass fakes. */
export interface Environment {
  /** Where the server is, e.g. `http://127.0.0.1:55555` (the page's own origin in the browser). */
  readonly origin: string;
  readonly fetch?: FetchLike;
  readonly WebSocket?: EventSocketConstructor;
}

export function browserEnvironment(): Environment {
  return { origin: window.location.origin };
}

/** `ws:` for `http:`, `wss:` for `https:`. */
export function eventsUrl(origin: string): string {
  return `${origin.replace(/^http/, 'ws')}/api/events`;
}

/**
 * Checks the token and learns its role in one read (`GET /api/me` answers 401 for a bad
 * one); throws the ApiError otherwise. `onEnded` runs once if the server later refuses the
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
  const api = new AdminApi(token, { baseUrl: env.origin, fetch: env.fetch, onUnauthorized: end });
  const { role } = await api.me();
  const events = new EventsConnection({
    url: eventsUrl(env.origin),
    token,
    loadHistory: api.statsHistory,
    onUnauthorized: end,
    ...(env.WebSocket && { WebSocket: env.WebSocket }),
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
