import { useEffect, useState } from 'react';
import type { ChatClient } from '@charla/sdk';

export interface Reconnected {
  /** The server resumed our session (false: a fresh one, e.g. after a restart without history). */
  readonly resumed: boolean;
  /** Messages the resume delivered that we had missed. */
  readonly caughtUp: number;
}

export interface Reconnection {
  /** The server said it was shutting down, and we have not been accepted since. */
  readonly shutdown: boolean;
  /** The last reconnect's outcome, shown for a few seconds. */
  readonly reconnected: Reconnected | null;
}

const NOTICE_MS = 8000;

/**
 * What the snapshot does not say about a reconnect: whether the server went away on purpose,
 * and how many messages the resume caught up (the `aceptado` that ended it).
 */
export function useReconnection(client: ChatClient): Reconnection {
  const [shutdown, setShutdown] = useState(false);
  const [reconnected, setReconnected] = useState<Reconnected | null>(null);
  useEffect(() => {
    let reconnecting = client.state === 'reconectando';
    const offs = [
      client.on('state', (state) => {
        if (state === 'reconectando') reconnecting = true;
      }),
      client.on('servidor_cerrando', () => setShutdown(true)),
      client.on('aceptado', (frame) => {
        setShutdown(false);
        // The first join's `aceptado` is not a reconnect.
        if (reconnecting) setReconnected({ resumed: frame.reanudado, caughtUp: frame.reanudado ? frame.historial.length : 0 });
        reconnecting = false;
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [client]);
  useEffect(() => {
    if (reconnected === null) return;
    const timer = setTimeout(() => setReconnected(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [reconnected]);
  return { shutdown, reconnected };
}
