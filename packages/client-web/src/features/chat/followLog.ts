/**
 * Whether the message list follows new lines: it does while the reader is at the bottom
 * (or when the new line is their own); once they scroll up to read, new messages are
 * counted for a "new messages" pill instead of yanking the view down.
 */
import type { LogEntry } from '@charla/sdk';

export interface FollowState {
  readonly atBottom: boolean;
  /** Messages that arrived below the view since the reader scrolled up. */
  readonly unseen: number;
}

export type FollowEvent =
  | { readonly type: 'scrolled'; readonly atBottom: boolean }
  | { readonly type: 'appended'; readonly messages: number; readonly own: boolean }
  | { readonly type: 'jumped' };

export const FOLLOWING: FollowState = { atBottom: true, unseen: 0 };

/** How close to the end still counts as "at the bottom", in px (a line's rounding, a partial line). */
export const BOTTOM_SLACK_PX = 48;

export function followReducer(state: FollowState, event: FollowEvent): FollowState {
  switch (event.type) {
    case 'scrolled':
      if (event.atBottom) return state.atBottom && state.unseen === 0 ? state : FOLLOWING;
      return state.atBottom ? { ...state, atBottom: false } : state;
    case 'appended':
      if (follows(state, event)) return state.unseen === 0 && state.atBottom ? state : FOLLOWING;
      return event.messages === 0 ? state : { ...state, unseen: state.unseen + event.messages };
    case 'jumped':
      return FOLLOWING;
  }
}

/** True when the view should scroll to the new end after this append. */
export function follows(state: FollowState, event: { readonly own: boolean }): boolean {
  return state.atBottom || event.own;
}

export function isAtBottom(element: { scrollTop: number; scrollHeight: number; clientHeight: number }): boolean {
  return element.scrollHeight - element.scrollTop - element.clientHeight <= BOTTOM_SLACK_PX;
}

/**
 * What was added at the end between two renders of the log: how many messages from others,
 * and whether one of ours. Null when nothing was appended. When the old last line is gone
 * (the log was trimmed or replaced), everything counts as appended.
 */
export function appended(before: readonly LogEntry[], after: readonly LogEntry[]): { messages: number; own: boolean } | null {
  if (before === after) return null;
  const lastKey = before.at(-1)?.key;
  const from = lastKey === undefined ? 0 : after.findLastIndex((entry) => entry.key === lastKey) + 1;
  const added = after.slice(from);
  if (added.length === 0) return null;
  return {
    messages: added.filter((entry) => isMessage(entry) && !entry.own).length,
    own: added.some((entry) => entry.own),
  };
}

function isMessage(entry: LogEntry): boolean {
  return entry.frame.tipo === 'mensaje' || entry.frame.tipo === 'privado';
}
