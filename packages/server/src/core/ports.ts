/**
 * The core's ports: everything it needs from outside, as interfaces it owns. The stores
 * (store/) implement Store, the Redis cluster (cluster/) implements ClusterPort and hears
 * through ClusterListener; the process gives it a Logger and a Clock. These are the only way
 * out of the core: a lint rule keeps every other import out of core/ (eslint.config.js).
 */
import type { HistoryEntry } from '@charla/protocol';

// ------------------------------------------------------------------ the store

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

// ------------------------------------------------------------------ the cluster
// Without a cluster the core assigns ids and keeps presence itself; with one (`--redis`),
// ids, names and presence are decided once for all nodes and every node delivers to its
// own connections.

/** A user as the cluster registry keeps them (one record per name key). */
export interface ClusterUser {
  readonly key: string;
  readonly name: string;
  readonly lineage: string;
  readonly since: number;
  readonly tokenHash: string;
  /** The node that holds the user's connection (or holds the user for the grace period). */
  readonly node: string;
  readonly address: string;
  readonly transport: 'ws' | 'tcp';
}

/** A node as other nodes and operators see it. */
export interface NodeRow {
  readonly id: string;
  readonly address: string;
  readonly startedAt: number;
  readonly connections: number;
}

/** A message before the cluster gave it an id. */
export type Draft = Omit<StoredMessage, 'frame'> & {
  readonly frame: DistributiveOmit<StoredMessage['frame'], 'id'>;
};
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What one node says to all the others (besides messages, which carry ids). */
export type ClusterNotice =
  | { readonly t: 'typing'; readonly name: string; readonly activo: boolean }
  | { readonly t: 'announce'; readonly contenido: string; readonly at: string }
  | { readonly t: 'delete'; readonly id: number }
  | { readonly t: 'kick'; readonly key: string; readonly motivo: string }
  | { readonly t: 'ban'; readonly ban: SharedBan }
  | { readonly t: 'unban'; readonly ban: SharedBan };

/** A ban as it crosses nodes: each node's store numbers its own copy. */
export type SharedBan = Omit<BanRecord, 'id'>;

/** The id given (or given before, to the same ref), or: the user is over the rate limit. */
export type SubmitResult = { readonly id: number; readonly duplicate: boolean } | { readonly limited: true };

/** The cluster backend, as the core calls it. Every call may fail while Redis is down. */
export interface ClusterPort {
  readonly nodeId: string;
  /**
   * Connects (and keeps reconnecting); from then on `listener` hears everything. `lastId`:
   * the highest id this node has stored, so the cluster's ids go on above it.
   */
  start(listener: ClusterListener, lastId: number): void;
  /** The live nodes, as of the last heartbeat. */
  nodes(): readonly NodeRow[];
  /** Atomically takes the name for `user`; false when another node's user has it. */
  join(user: ClusterUser): Promise<boolean>;
  /** Moves a user here if `tokenHash` is theirs; the updated record, or null. */
  resume(key: string, tokenHash: string, update: Pick<ClusterUser, 'tokenHash' | 'address' | 'transport'>): Promise<ClusterUser | null>;
  /** Frees the name (if it is still this lineage's, held here) and tells every node. */
  leave(user: ClusterUser, motivo: string): void;
  /**
   * Assigns the id, appends to the shared log and publishes; idempotent by (lineage, ref);
   * enforces the user's rate limit across every node.
   */
  submit(draft: Draft): Promise<SubmitResult>;
  notify(notice: ClusterNotice): void;
}

/** What the cluster tells the core (core/cluster-sync.ts). */
export interface ClusterListener {
  /** Every message, exactly once and in id order (this node's own included). */
  clusterMessage(message: StoredMessage): void;
  clusterJoined(user: ClusterUser): void;
  clusterLeft(user: ClusterUser, motivo: string): void;
  /** A user moved to `user.node` (a resume there, or adopted after their node died). */
  clusterMoved(user: ClusterUser): void;
  clusterNotice(notice: ClusterNotice): void;
  /** The whole registry, after (re)connecting: the core reconciles its copy. */
  clusterUsers(users: readonly ClusterUser[]): void;
  /** Users adopted from a dead node: this node holds them for the grace period. */
  clusterAdopted(users: readonly ClusterUser[]): void;
  /** Redis went away (false) or is back and reconciled (true). */
  clusterAvailable(available: boolean): void;
  /** A node joined the cluster or was found dead. */
  clusterNode(row: NodeRow, state: 'up' | 'down'): void;
  /** The users this node holds, to re-register after Redis returns. */
  localUsers(): ClusterUser[];
  /** This node's open connections, for its heartbeat. */
  connectionCount(): number;
}

// ------------------------------------------------------------------ time and logs

/** Where the core reads the time for its rules (rate windows, grace, bans), so tests can drive it. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Structured logs (Fastify's pino in the server): fields first, then the message. */
export interface Logger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** A time as the wire carries it (ISO 8601 UTC), from epoch milliseconds. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
