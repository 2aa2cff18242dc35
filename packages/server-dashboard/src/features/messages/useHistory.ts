import type { admin } from '@charla/protocol';
import type { AdminClient } from '@charla/sdk/admin';
import { useCallback, useEffect, useRef, useState } from 'react';

const PAGE = 50;

interface HistoryState {
  readonly q: string;
  /** Newest first. */
  readonly items: readonly admin.MessageItem[];
  /** No older message matches. */
  readonly complete: boolean;
  readonly loading: boolean;
  readonly error: unknown;
}

/**
 * The message history as the operator browses it: a search (or everything), newest first,
 * older pages on demand (`before` the oldest shown), and messages removed once deleted.
 */
export function useHistory(api: AdminClient) {
  const [state, setState] = useState<HistoryState>({ q: '', items: [], complete: false, loading: true, error: null });
  // Each search or page gets a number; an answer to anything but the latest is dropped.
  const latest = useRef(0);

  const fetchPage = useCallback(
    async (q: string, before: number | undefined, previous: readonly admin.MessageItem[]) => {
      const round = ++latest.current;
      setState((s) => ({ ...s, q, loading: true, error: null, items: previous }));
      try {
        const page = await api.messages({ q, limit: PAGE, ...(before !== undefined && { before }) });
        if (round !== latest.current) return;
        setState({ q, items: [...previous, ...page.items.slice().reverse()], complete: page.complete, loading: false, error: null });
      } catch (error) {
        if (round === latest.current) setState((s) => ({ ...s, loading: false, error }));
      }
    },
    [api],
  );

  useEffect(() => void fetchPage('', undefined, []), [fetchPage]);

  return {
    ...state,
    search: (q: string) => fetchPage(q.trim(), undefined, []),
    older: () => fetchPage(state.q, state.items.at(-1)?.id, state.items),
    remove: (id: number) => setState((s) => ({ ...s, items: s.items.filter((item) => item.id !== id) })),
  };
}
