import { useEventsSelector } from './SessionProvider';

/**
 * A number that changes whenever the event stream reports an operator's action (its
 * `admin` frames): pages showing bans or the audit log reload on it, so they stay current
 * with what other operators (and this one, in another tab) do.
 */
export function useAdminChanges(): number {
  return useEventsSelector((events) => {
    for (let i = events.log.length - 1; i >= 0; i--) {
      const entry = events.log[i];
      if (entry?.event.type === 'admin') return entry.seq;
    }
    return 0;
  });
}
