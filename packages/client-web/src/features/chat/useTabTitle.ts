import { useEffect, useState } from 'react';
import type { LogEntry } from '@charla/sdk';

const isIncoming = (entry: LogEntry) => (entry.frame.tipo === 'mensaje' || entry.frame.tipo === 'privado') && !entry.own;

/** Messages from others after `since` (the last entry seen while visible; null: none seen). */
export function unseenSince(log: readonly LogEntry[], since: LogEntry | null): number {
  const start = since === null ? 0 : log.indexOf(since) + 1;
  return log.slice(start).filter(isIncoming).length;
}

/**
 * While the tab is hidden, the messages that arrived since go in its title, "(3) charla";
 * back in view, the title is the page's own again.
 */
export function useTabTitle(log: readonly LogEntry[]): void {
  const [base] = useState(() => document.title);
  // The last entry seen before the tab was hidden; undefined while it is visible.
  const [seenUpTo, setSeenUpTo] = useState<LogEntry | null | undefined>(() => (document.hidden ? (log.at(-1) ?? null) : undefined));
  const latest = log.at(-1) ?? null;
  useEffect(() => {
    const onChange = () => setSeenUpTo(document.hidden ? latest : undefined);
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, [latest]);
  const unseen = seenUpTo === undefined ? 0 : unseenSince(log, seenUpTo);
  useEffect(() => {
    document.title = unseen > 0 ? `(${unseen}) ${base}` : base;
  }, [unseen, base]);
  useEffect(() => () => void (document.title = base), [base]);
}
