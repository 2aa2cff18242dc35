import type { HistoryEntry } from '@charla/protocol';

/** A message as history keeps it. */
export interface StoredMessage {
  readonly frame: HistoryEntry;
  /** The sender session's lineage; with `ref`, how a re-send is recognised after a restart. */
  readonly senderLineage: string;
  readonly ref?: string | undefined;
  /**
   * Private messages: the recipient session's lineage. Only sessions of the sender's or the
   * recipient's lineage see a private message in history (docs/protocol.md).
   */
  readonly recipientLineage?: string | undefined;
}

/** Which history one session may see: public messages, and private ones of its lineage. */
export interface Viewer {
  readonly lineage: string;
}

export interface HistoryQuery {
  /** Only ids greater than this. */
  readonly after?: number;
  /** Only ids smaller than this. */
  readonly before?: number;
  /** Only ids up to this (what has been delivered). */
  readonly upTo: number;
  /** The newest `limit` matching messages are returned, oldest first. */
  readonly limit: number;
}

export interface HistoryPage {
  readonly messages: StoredMessage[];
  /** True when an older matching message exists beyond `limit`, or retention removed some. */
  readonly more: boolean;
}

/** A user in the chat, as a restart needs to know them to let them resume. */
export interface SessionRecord {
  readonly lineage: string;
  readonly tokenHash: string;
  readonly name: string;
  readonly since: number;
  /** When the connection was last known alive (epoch ms). */
  readonly seenAt: number;
  /** Connected (true) or held for the grace period after a loss (false). */
  readonly live: boolean;
}

export interface RestoredSession extends SessionRecord {
  /** The lineage's most recent refs, so re-sends after a restart are still recognised. */
  readonly refs: readonly (readonly [string, number])[];
}

/** A ban as the store keeps it (times in epoch ms). */
export interface BanRecord {
  readonly id: number;
  readonly name?: string | undefined;
  /** The name's key (case fold + skeleton), what identification compares. */
  readonly nameKey?: string | undefined;
  readonly address?: string | undefined;
  readonly until: number;
  readonly reason: string;
  readonly by: string;
}

export interface AuditRecord {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly target: string;
  readonly details: Record<string, unknown>;
  readonly address: string;
}

/** An operator's view of history: every message, confidential ones included (their text withheld by the caller). */
export interface MessageSearch {
  readonly before?: number | undefined;
  readonly limit: number;
  /** Text the content must contain (case-insensitive). */
  readonly q?: string | undefined;
  /**
   * Whether `q` may match the text of confidential messages. When false they are still
   * listed without `q`, but never found by it: excluded inside the search, before the page
   * is cut, so a page is never emptied (or its `more` falsified) by a later filter.
   */
  readonly searchConfidential: boolean;
}

/**
 * History and what must outlive a connection. The memory store serves tests and
 * `--no-persist`; the SQLite store makes the same promises durable across restarts.
 */
export interface Store {
  /** The highest id ever stored (0 when empty); ids continue above it, even after retention. */
  lastId(): number;
  /** Resolves once the message is durable; only then is it broadcast and acked. */
  append(message: StoredMessage): Promise<void>;
  history(viewer: Viewer, query: HistoryQuery): HistoryPage;
  /** Inserts or replaces the session of `record.lineage`. */
  saveSession(record: SessionRecord): void;
  deleteSession(lineage: string): void;
  /** Marks every live session as seen now (a crash then knows how recent they were). */
  touchLiveSessions(now: number): void;
  /** Sessions from before a restart, with their recent refs. */
  loadSessions(): RestoredSession[];
  /** Removes a message from history; false when there is no such message. */
  deleteMessage(id: number): boolean;
  searchMessages(search: MessageSearch): HistoryPage;
  /** Bans whose `until` has not passed. */
  activeBans(now: number): BanRecord[];
  addBan(ban: Omit<BanRecord, 'id'>): BanRecord;
  deleteBan(id: number): boolean;
  appendAudit(entry: Omit<AuditRecord, 'id'>): AuditRecord;
  listAudit(before: number | undefined, limit: number): AuditRecord[];
  close(): Promise<void>;
}

/** Whether `viewer` may see `message`. */
export function visibleTo(message: StoredMessage, viewer: Viewer): boolean {
  return (
    message.recipientLineage === undefined ||
    message.senderLineage === viewer.lineage ||
    message.recipientLineage === viewer.lineage
  );
}

/**
 * Whether a message's text belongs to its participants only: private messages now, and
 * messages of private rooms once rooms exist (add them here, and in the SQLite store's
 * CONFIDENTIAL_SQL, which says the same in SQL). Operators read such text only when the
 * server allows it (admin/reading.ts).
 */
export function confidential(message: StoredMessage): boolean {
  return message.frame.tipo === 'privado';
}
