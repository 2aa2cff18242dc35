/**
 * What the Hub needs from a cluster backend (`--redis`), and what it is told back. Without a
 * cluster the Hub assigns ids and keeps presence itself; with one, ids, names and presence
 * are decided once for all nodes and every node delivers to its own connections.
 */
import type { BanRecord, StoredMessage } from '../store/store.js';

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

/** A node as operators see it (docs/admin-api.md `NodeInfo`). */
export function nodeInfo({ id, address, connections, startedAt }: NodeRow): {
  id: string;
  address: string;
  connections: number;
  uptimeSeconds: number;
} {
  return { id, address, connections, uptimeSeconds: Math.max(0, Math.round((Date.now() - startedAt) / 1000)) };
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

/** The cluster backend, as the Hub calls it. Every call may fail while Redis is down. */
export interface ClusterPort {
  readonly nodeId: string;
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

/** What the cluster tells the Hub. */
export interface ClusterListener {
  /** Every message, exactly once and in id order (this node's own included). */
  clusterMessage(message: StoredMessage): void;
  clusterJoined(user: ClusterUser): void;
  clusterLeft(user: ClusterUser, motivo: string): void;
  /** A user moved to `user.node` (a resume there, or adopted after their node died). */
  clusterMoved(user: ClusterUser): void;
  clusterNotice(notice: ClusterNotice): void;
  /** The whole registry, after (re)connecting: the Hub reconciles its copy. */
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
