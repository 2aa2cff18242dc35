/**
 * Operator: what the admin API calls, and the rules behind each action. Kicks (with the ban
 * that may come with one), bans by name or by address and who each one kicks, unbans,
 * announcements, deleting a message, accepting (and disconnecting everyone); and what
 * operators read: stats, the user list, one user, the cluster's nodes. An action on a user
 * another node holds is passed on to that node. The admin routes parse, authorize, call one
 * of these and shape the answer; auditing who did it is theirs.
 */
import { CloseCode, nameKey, normalizeName } from '@charla/protocol';
import type { Bans } from './bans.js';
import type { Connections } from './connections.js';
import type { Delivery } from './delivery.js';
import type { Gate } from './gate.js';
import { Outbound } from './outbound.js';
import type { BanRecord, Clock, ClusterPort, Logger, NodeRow, Store } from './ports.js';
import { iso } from './ports.js';
import type { Sessions, User } from './sessions.js';

/** A user as operators see them (docs/admin-api.md `UserItem`). */
export interface UserInfo {
  name: string;
  since: string;
  address: string;
  transport: 'ws' | 'tcp';
  messagesSent: number;
  lastActivity: string;
  /** The cluster node that holds the user (cluster mode only). */
  node?: string;
}

export interface HubStats {
  connections: number;
  users: number;
  accepting: boolean;
  messagesTotal: number;
  deliveries: number;
  bytesIn: number;
  bytesOut: number;
  refusedByCode: Record<string, number>;
}

/** A node as operators see it (docs/admin-api.md `NodeInfo`). */
export interface NodeInfo {
  id: string;
  address: string;
  connections: number;
  uptimeSeconds: number;
}

export function nodeInfo({ id, address, connections, startedAt }: NodeRow, now: number): NodeInfo {
  return { id, address, connections, uptimeSeconds: Math.max(0, Math.round((now - startedAt) / 1000)) };
}

/** Who is banned for how long, and by whom (the admin token's label). */
export interface BanTerms {
  readonly seconds: number;
  readonly reason: string;
  readonly by: string;
}

export interface OperatorDeps {
  readonly sessions: Sessions;
  readonly connections: Connections;
  readonly delivery: Delivery;
  readonly bans: Bans;
  readonly store: Store;
  readonly gate: Gate;
  readonly clock: Clock;
  readonly log: Logger;
  readonly cluster: ClusterPort | undefined;
}

export class Operator {
  constructor(private readonly deps: OperatorDeps) {}

  /**
   * Removes a user (`expulsado`, then 4003; the others get `usuario_desconectado{expulsado}`),
   * banning the name first when `ban` says so. The name kicked, or undefined when nobody has it.
   */
  kick(name: string, motivo: string, ban?: Omit<BanTerms, 'reason'>): string | undefined {
    const user = this.deps.sessions.byName(name);
    if (user === undefined) return undefined;
    if (ban !== undefined) this.addNameBan(user.name, { ...ban, reason: motivo });
    this.kickUser(user, motivo);
    return user.name;
  }

  /** Kicks a user this node knows: here, or through the node that holds them. */
  kickUser(user: User, motivo: string): void {
    const { connections, sessions, cluster, log } = this.deps;
    if (user.node !== null) {
      cluster?.notify({ t: 'kick', key: user.key, motivo });
      return;
    }
    const peer = user.peer;
    if (peer !== null) connections.send(peer, new Outbound({ tipo: 'expulsado', motivo }));
    sessions.leave(user, 'expulsado');
    if (peer !== null) connections.close(peer, CloseCode.kicked, motivo);
    log.info({ user: user.name }, 'user kicked');
  }

  /** Bans a name (any form with its key) and kicks whoever has it; `invalid` when it is not a name. */
  banName(name: string, terms: BanTerms): BanRecord | { readonly invalid: string } {
    const normalized = normalizeName(name);
    if (!normalized.ok) return { invalid: normalized.detalle };
    const ban = this.addNameBan(normalized.name, terms);
    this.kick(normalized.name, terms.reason);
    return ban;
  }

  /** Bans an address and kicks every user whose latest connection came from it, by name order. */
  banAddress(address: string, terms: BanTerms): BanRecord {
    const ban = this.deps.bans.add({ address, until: this.until(terms.seconds), reason: terms.reason, by: terms.by });
    const matching = [...this.deps.sessions.values()].filter((user) => user.address === address).sort(byName);
    for (const user of matching) this.kickUser(user, terms.reason);
    return ban;
  }

  /** Lifts a ban; false when there is no such ban. */
  unban(id: number): boolean {
    return this.deps.bans.remove(id);
  }

  /** The bans in force. */
  bans(): BanRecord[] {
    return this.deps.bans.list();
  }

  /** `sistema` to everyone (on every node); returns its time. */
  announce(contenido: string): string {
    const at = iso(this.deps.clock.now());
    this.deps.connections.broadcast(new Outbound({ tipo: 'sistema', contenido, marca_tiempo: at }));
    this.deps.cluster?.notify({ t: 'announce', contenido, at });
    return at;
  }

  /** Removes a message from history and tells every client to hide it; false when there is no such message. */
  deleteMessage(id: number): boolean {
    if (!this.deps.store.deleteMessage(id)) return false;
    this.deps.connections.broadcast(new Outbound({ tipo: 'mensaje_borrado', id }));
    this.deps.cluster?.notify({ t: 'delete', id });
    return true;
  }

  /**
   * Stops or resumes accepting identifications (`rechazado{no_aceptando}` meanwhile), on this
   * node. With `disconnectAll`, everyone gets `servidor_cerrando` and is closed (the seed's
   * stop button); since everyone goes, nobody is told anyone left.
   */
  setAccepting(accepting: boolean, disconnectAll = false, motivo = 'el servidor dejó de aceptar conexiones'): void {
    const { gate, connections, sessions, cluster } = this.deps;
    gate.setAccepting(accepting);
    if (!disconnectAll) return;
    connections.closeAll(new Outbound({ tipo: 'servidor_cerrando', motivo }), CloseCode.shuttingDown, motivo);
    for (const user of sessions.heldHere()) {
      sessions.forget(user);
      cluster?.leave(sessions.record(user), 'salida');
    }
  }

  get accepting(): boolean {
    return this.deps.gate.accepting;
  }

  /** False once shutdown began. */
  get serving(): boolean {
    return !this.deps.gate.closing;
  }

  /** Whether the cluster backend is reachable (undefined without a cluster). */
  get clusterReachable(): boolean | undefined {
    return this.deps.cluster === undefined ? undefined : this.deps.gate.available;
  }

  stats(): HubStats {
    const { connections, sessions, gate, delivery } = this.deps;
    const traffic = connections.traffic();
    return {
      connections: connections.count,
      users: sessions.size,
      accepting: gate.accepting,
      messagesTotal: delivery.messagesTotal,
      deliveries: traffic.deliveries,
      bytesIn: traffic.bytesIn,
      bytesOut: traffic.bytesOut,
      refusedByCode: traffic.refusedByCode,
    };
  }

  /** Users matching `q` (in the name, case-insensitive), sorted by name, one page. */
  listUsers(q: string | undefined, offset: number, limit: number): { total: number; items: UserInfo[] } {
    const needle = q?.toLowerCase() ?? '';
    const matching = [...this.deps.sessions.values()].filter((u) => needle === '' || u.name.toLowerCase().includes(needle));
    matching.sort(byName);
    return { total: matching.length, items: matching.slice(offset, offset + limit).map((u) => this.userInfo(u)) };
  }

  findUser(name: string): UserInfo | undefined {
    const user = this.deps.sessions.byName(name);
    return user === undefined ? undefined : this.userInfo(user);
  }

  /** The cluster's nodes (cluster mode only). */
  nodes(): NodeInfo[] | undefined {
    const now = this.deps.clock.now();
    return this.deps.cluster?.nodes().map((row) => nodeInfo(row, now));
  }

  private addNameBan(name: string, terms: BanTerms): BanRecord {
    return this.deps.bans.add({ name, nameKey: nameKey(name), until: this.until(terms.seconds), reason: terms.reason, by: terms.by });
  }

  private until(seconds: number): number {
    return this.deps.clock.now() + seconds * 1000;
  }

  private userInfo(user: User): UserInfo {
    const { cluster } = this.deps;
    return {
      name: user.name,
      since: iso(user.since),
      address: user.address,
      transport: user.transport,
      messagesSent: user.messagesSent,
      lastActivity: iso(user.lastActivity),
      ...(cluster !== undefined && { node: user.node ?? cluster.nodeId }),
    };
  }
}

function byName(a: User, b: User): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
