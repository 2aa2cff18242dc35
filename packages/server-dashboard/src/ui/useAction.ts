import { useCallback, useState } from 'react';

/** Runs a write (kick, delete…) and keeps its progress and error for the UI to show. */
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<unknown>, onDone?: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    async (...args: A) => {
      setBusy(true);
      setError(null);
      try {
        await action(...args);
        onDone?.();
      } catch (caught) {
        setError(caught);
      } finally {
        setBusy(false);
      }
    },
    [action, onDone],
  );
  return { run, busy, error, clearError: () => setError(null) };
}
