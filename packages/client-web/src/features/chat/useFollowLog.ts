import { useCallback, useLayoutEffect, useReducer, useRef } from 'react';
import type { LogEntry } from '@charla/sdk';
import { appended, follows, FOLLOWING, followReducer, isAtBottom } from './followLog';

/** Wires followLog's rules to a scrolling element: returns its ref, the unseen count, and handlers. */
export function useFollowLog(entries: readonly LogEntry[]) {
  const scroller = useRef<HTMLDivElement>(null);
  const [state, dispatch] = useReducer(followReducer, FOLLOWING);
  const previous = useRef(entries);

  const toBottom = useCallback(() => {
    const element = scroller.current;
    if (element !== null) element.scrollTop = element.scrollHeight;
  }, []);

  // Opening a conversation shows its newest lines.
  useLayoutEffect(toBottom, [toBottom]);

  // Before paint, so a followed append never flashes at the old position.
  useLayoutEffect(() => {
    const change = appended(previous.current, entries);
    previous.current = entries;
    if (change === null) return;
    if (follows(state, change)) toBottom();
    dispatch({ type: 'appended', ...change });
  }, [entries, state, toBottom]);

  const onScroll = useCallback(() => {
    if (scroller.current !== null) dispatch({ type: 'scrolled', atBottom: isAtBottom(scroller.current) });
  }, []);

  const jump = useCallback(() => {
    toBottom();
    dispatch({ type: 'jumped' });
  }, [toBottom]);

  return { scroller, unseen: state.unseen, onScroll, jump };
}
