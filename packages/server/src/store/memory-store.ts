import type { HistoryPage, HistoryQuery, RestoredSession, Store, StoredMessage, Viewer } from './store.js';
import { visibleTo } from './store.js';

/**
 * History in memory, the newest `keep` messages; for tests and `--no-persist`. Nothing
 * outlives the process, so sessions are not kept.
 */
export class MemoryStore implements Store {
  /** In id order; trimmed from the front in chunks so trimming stays amortised O(1). */
  private messages: StoredMessage[] = [];
  private maxId = 0;
  /** The highest id retention removed: a resume from before it is incomplete. */
  private trimmedUpTo = 0;

  constructor(private readonly keep: number) {}

  lastId(): number {
    return this.maxId;
  }

  append(message: StoredMessage): Promise<void> {
    this.messages.push(message);
    this.maxId = Math.max(this.maxId, message.frame.id);
    if (this.messages.length > this.keep + Math.max(64, this.keep >> 3)) {
      const dropped = this.messages.length - this.keep;
      this.trimmedUpTo = this.messages[dropped - 1]?.frame.id ?? this.trimmedUpTo;
      this.messages = this.messages.slice(dropped);
    }
    return Promise.resolve();
  }

  history(viewer: Viewer, query: HistoryQuery): HistoryPage {
    const newest = Math.min(query.upTo, (query.before ?? Infinity) - 1);
    const oldest = Math.max(0, this.messages.length - this.keep);
    const found: StoredMessage[] = [];
    // Walk back from the newest message at or below `newest`.
    for (let i = this.lastIndexAtOrBelow(newest); i >= oldest; i--) {
      const message = this.messages[i] as StoredMessage;
      if (query.after !== undefined && message.frame.id <= query.after) return { messages: found.reverse(), more: false };
      if (!visibleTo(message, viewer)) continue;
      if (found.length === query.limit) return { messages: found.reverse(), more: true };
      found.push(message);
    }
    // Messages retention removed no longer exist, but a resume from before them missed them.
    return { messages: found.reverse(), more: query.after !== undefined && query.after < this.trimmedUpTo };
  }

  saveSession(): void {
    // Nothing outlives the process: no session to keep.
  }

  deleteSession(): void {
    // See saveSession.
  }

  touchLiveSessions(): void {
    // See saveSession.
  }

  loadSessions(): RestoredSession[] {
    return [];
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Binary search: ids are in increasing order. */
  private lastIndexAtOrBelow(id: number): number {
    let low = 0;
    let high = this.messages.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if ((this.messages[mid] as StoredMessage).frame.id <= id) low = mid + 1;
      else high = mid - 1;
    }
    return high;
  }
}
