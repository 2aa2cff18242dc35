import type {
  AuditRecord,
  BanRecord,
  HistoryPage,
  HistoryQuery,
  MessageSearch,
  RestoredSession,
  Store,
  StoredMessage,
  Viewer,
} from '../core/ports.js';
import { confidential, visibleTo } from './visibility.js';

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
  private readonly bans = new Map<number, BanRecord>();
  private readonly audit: AuditRecord[] = [];
  private nextBanId = 1;

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

  deleteMessage(id: number): boolean {
    const index = this.lastIndexAtOrBelow(id);
    if (this.messages[index]?.frame.id !== id) return false;
    this.messages.splice(index, 1);
    return true;
  }

  searchMessages(search: MessageSearch): HistoryPage {
    // An empty q searches nothing, as in the SQLite store.
    const q = search.q === undefined || search.q === '' ? undefined : search.q.toLowerCase();
    const matches = (message: StoredMessage) =>
      q === undefined || ((search.searchConfidential || !confidential(message)) && message.frame.contenido.toLowerCase().includes(q));
    const found: StoredMessage[] = [];
    for (let i = this.lastIndexAtOrBelow((search.before ?? Infinity) - 1); i >= 0; i--) {
      const message = this.messages[i] as StoredMessage;
      if (!matches(message)) continue;
      if (found.length === search.limit) return { messages: found.reverse(), more: true };
      found.push(message);
    }
    return { messages: found.reverse(), more: false };
  }

  activeBans(now: number): BanRecord[] {
    return [...this.bans.values()].filter((ban) => ban.until > now);
  }

  addBan(ban: Omit<BanRecord, 'id'>): BanRecord {
    const record = { ...ban, id: this.nextBanId++ };
    this.bans.set(record.id, record);
    return record;
  }

  deleteBan(id: number): boolean {
    return this.bans.delete(id);
  }

  appendAudit(entry: Omit<AuditRecord, 'id'>): AuditRecord {
    const record = { ...entry, id: this.audit.length + 1 };
    this.audit.push(record);
    return record;
  }

  listAudit(before: number | undefined, limit: number): AuditRecord[] {
    const older = before === undefined ? this.audit : this.audit.slice(0, before - 1);
    return older.slice(-limit).reverse();
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
