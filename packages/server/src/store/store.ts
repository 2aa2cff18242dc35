import type { HistoryEntry } from '@charla/protocol';

/** A message as history keeps it. */
export interface StoredMessage {
  readonly frame: HistoryEntry;
  /**
   * For private messages: the lineages of the sender's and the recipient's sessions when it
   * was sent. Only sessions holding one of them see it in history (PROTOCOL.md).
   */
  readonly lineages?: readonly [string, string];
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
  /** True when an older matching message exists beyond `limit`. */
  readonly more: boolean;
}

/**
 * History and what must outlive a connection. The memory store serves tests and
 * `--no-persist`; the SQLite store (its own issue) makes the same promises durable.
 */
export interface Store {
  /** The highest id ever stored (0 when empty); ids continue above it. */
  lastId(): number;
  /** Resolves once the message is durable; only then is it broadcast and acked. */
  append(message: StoredMessage): Promise<void>;
  history(viewer: Viewer, query: HistoryQuery): HistoryPage;
  close(): Promise<void>;
}

/** Whether `viewer` may see `message`. */
export function visibleTo(message: StoredMessage, viewer: Viewer): boolean {
  return message.lineages === undefined || message.lineages.includes(viewer.lineage);
}
