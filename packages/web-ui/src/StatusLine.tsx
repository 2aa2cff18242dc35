import type { ReactNode } from 'react';
import { useCountdown } from './useCountdown.js';

/** How a connection is doing. An app puts `status-<tone>` on the line or around it; base.css colours the dot by it. */
export type Tone = 'ok' | 'busy' | 'warn' | 'error';

export interface StatusLineProps {
  /** The line's classes: the app's own look, and the tone class unless a parent carries it. */
  readonly className: string;
  /** The state in words. */
  readonly children: ReactNode;
  /** When the next try is due (ms since the epoch), counted down on the line; null when none is. */
  readonly retryAt: number | null;
  /** The countdown's words for a number of seconds ("next try in 3 s"). */
  readonly retryIn: (seconds: number) => string;
}

/**
 * A connection's state, always in view: a dot, the state in words, and the seconds until the
 * next try while one is due. A live region, so a change of state is announced.
 */
export function StatusLine({ className, children, retryAt, retryIn }: StatusLineProps) {
  const seconds = useCountdown(retryAt);
  return (
    <p role="status" className={className}>
      <span className="status-dot" aria-hidden="true" />
      {children}
      {/* The countdown changes every second: shown, but kept out of the live region's announcements. */}
      {seconds !== null && seconds > 0 && (
        <span className="countdown" aria-hidden="true">
          {' '}
          ({retryIn(seconds)})
        </span>
      )}
    </p>
  );
}
