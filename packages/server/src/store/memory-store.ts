import type { HistoryPage, HistoryQuery, Store, StoredMessage, Viewer } from './store.js';
import { visibleTo } from './store.js';

/** History in memory, the newest `keep` messages; for tests and `--no-persist`. */
export class MemoryStore implements Store {
  /** In id order; trimmed from the front in chunks so trimming stays amortised O(1). */
  private messages: StoredMessage[] = [];
  private maxId = 0;

  constructor(private readonly keep: number) {}

  lastId(): number {
    return this.maxId;
  }

  append(message: StoredMessage): Promise<void> {
    this.messages.push(message);
    this.maxId = Math.max(this.maxId, message.frame.id);
    if (this.messages.length > this.keep + Math.max(64, this.keep >> 3)) {
      this.messages = this.messages.slice(-this.keep);
    }
    return Promise.resolve();
  }

  history(viewer: Viewer, query: HistoryQuery): HistoryPage {
    const oldest = Math.max(0, this.messages.length - this.keep);
    const found: StoredMessage[] = [];
    // Walk back from the newest: queries want the newest `limit` before a point.
    for (let i = this.messages.length - 1; i >= oldest; i--) {
      const message = this.messages[i];
      if (message === undefined) continue;
      const id = message.frame.id;
      if (id > query.upTo || (query.before !== undefined && id >= query.before)) continue;
      if (query.after !== undefined && id <= query.after) break;
      if (!visibleTo(message, viewer)) continue;
      if (found.length === query.limit) return { messages: found.reverse(), more: true };
      found.push(message);
    }
    return { messages: found.reverse(), more: false };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
