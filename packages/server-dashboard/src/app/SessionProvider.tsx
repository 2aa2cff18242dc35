import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { EventsSnapshot } from '../api/events';
import type { Session } from '../api/session';

const SessionContext = createContext<Session | null>(null);

/** Hands the signed-in session (REST client, event stream, role) to the tree. */
export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside <SessionProvider>');
  return session;
}

/** The event stream's snapshot: re-renders when it is published (a few times a second at most). */
export function useEvents(): EventsSnapshot {
  const { events } = useSession();
  return useSyncExternalStore(events.subscribe, events.getSnapshot);
}

/** Re-renders only when the selected value changes (by Object.is). */
export function useEventsSelector<T>(select: (snapshot: EventsSnapshot) => T): T {
  const { events } = useSession();
  return useSyncExternalStore(events.subscribe, () => select(events.getSnapshot()));
}
