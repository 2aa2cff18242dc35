/**
 * Cluster sync: this node's side of cluster mode (`--redis`). An identification asks the
 * cluster (a token resumes the session wherever it was; otherwise the name is reserved for
 * every node at once, and of two nodes racing for it exactly one wins). What the cluster
 * tells (ClusterListener) is applied here: every message in id order, other nodes' users
 * joining, leaving and moving, their notices (typing, announcements, deletions, kicks, bans),
 * the whole registry after a reconnection, users adopted from a dead node, the backend
 * going away and coming back, nodes up and down.
 */
import type { ClientFrameOf } from '@charla/protocol';
import { CloseCode } from '@charla/protocol';
import type { Refusal } from './admission.js';
import { nameTaken, PAUSED } from './admission.js';
import type { Bans } from './bans.js';
import type { Connections, Peer } from './connections.js';
import type { Delivery } from './delivery.js';
import type { HubEvents } from './events.js';
import type { Gate } from './gate.js';
import type { Operator } from './operator.js';
import { nodeInfo } from './operator.js';
import { Outbound } from './outbound.js';
import type { Clock, ClusterListener, ClusterNotice, ClusterPort, ClusterUser, Logger, NodeRow, Store, StoredMessage } from './ports.js';
import type { Presence } from './presence.js';
import type { Sessions } from './sessions.js';
import { User } from './sessions.js';
import { hashToken, newToken } from './tokens.js';

/** What an identification the cluster decided on turns into (the Hub's welcome). */
export interface Welcome {
  join(peer: Peer, user: User, token: string): void;
  resume(peer: Peer, user: User, desde: number | undefined, token: string): void;
  refuse(peer: Peer, refusal: Refusal): void;
}

export interface ClusterSyncDeps {
  readonly cluster: ClusterPort;
  readonly sessions: Sessions;
  readonly connections: Connections;
  readonly presence: Presence;
  readonly delivery: Delivery;
  readonly operator: Operator;
  readonly bans: Bans;
  readonly store: Store;
  readonly gate: Gate;
  readonly events: HubEvents;
  readonly clock: Clock;
  readonly log: Logger;
  readonly welcome: Welcome;
}

export class ClusterSync implements ClusterListener {
  constructor(private readonly deps: ClusterSyncDeps) {}

  /**
   * The cluster decides on an identification that passed this node's checks: a token resumes
   * the session wherever it was (this node or another); otherwise the name is reserved.
   */
  identify(peer: Peer, frame: ClientFrameOf<'identificacion'>, name: string, key: string): void {
    const { cluster, sessions, welcome, log } = this.deps;
    const token = newToken();
    const { address, transport } = peer.link;
    peer.identifying = true;
    const decide = async () => {
      if (frame.token !== undefined) {
        const record = await cluster.resume(key, hashToken(frame.token), { tokenHash: hashToken(token), address, transport });
        if (record !== null) return this.resumeHere(peer, record, frame.desde, token);
      }
      const user = sessions.newUser(name, key);
      user.tokenHash = hashToken(token);
      user.address = address;
      user.transport = transport;
      if (!(await cluster.join(sessions.record(user)))) return welcome.refuse(peer, nameTaken(name));
      if (peer.closed) return cluster.leave(sessions.record(user), 'salida');
      welcome.join(peer, user, token);
    };
    decide()
      .catch((error: unknown) => {
        log.warn({ err: error, peer: peer.id }, 'cluster unreachable during identification');
        if (!peer.closed && peer.user === null) welcome.refuse(peer, { motivo: 'no_aceptando', detalle: PAUSED });
      })
      .finally(() => {
        peer.identifying = false;
      });
  }

  /** A resume the cluster granted: the user is held here now, whoever held them before. */
  private resumeHere(peer: Peer, record: ClusterUser, desde: number | undefined, token: string): void {
    const { sessions } = this.deps;
    let user = sessions.get(record.key);
    if (user?.lineage !== record.lineage) {
      user = new User(record.name, record.key, record.lineage, record.since);
      sessions.add(user);
    }
    user.node = null;
    if (peer.closed) {
      // Gone before the answer came: hold the user here, as any lost connection is.
      sessions.setToken(user, token);
      return sessions.hold(user, 'conexion_perdida');
    }
    this.deps.welcome.resume(peer, user, desde, token);
  }

  clusterMessage(message: StoredMessage): void {
    this.deps.delivery.fromCluster(message);
  }

  clusterJoined(record: ClusterUser): void {
    const known = this.deps.sessions.get(record.key);
    if (known !== undefined) {
      // Already known (Redis came back and re-registered them), or a name this node holds.
      if (known.lineage === record.lineage && known.node !== null) known.node = record.node;
      return;
    }
    this.deps.presence.joined(this.remoteUser(record));
  }

  clusterLeft(record: ClusterUser, motivo: string): void {
    const user = this.deps.sessions.get(record.key);
    if (user?.lineage !== record.lineage || user.node === null) return;
    this.deps.sessions.forget(user);
    this.deps.presence.left(user, motivo);
  }

  clusterMoved(record: ClusterUser): void {
    const { sessions } = this.deps;
    const user = sessions.get(record.key);
    if (user?.lineage !== record.lineage) {
      if (user?.node === null) return; // a name held here: the registry settles it on reconnection
      if (user !== undefined) sessions.forget(user);
      this.remoteUser(record);
      return;
    }
    if (user.node === null) this.handOver(user);
    sessions.setTokenHash(user, record.tokenHash);
    user.node = record.node;
    user.address = record.address;
    user.transport = record.transport;
  }

  clusterNotice(notice: ClusterNotice): void {
    const { connections, presence, store, sessions, operator, bans } = this.deps;
    switch (notice.t) {
      case 'typing':
        return presence.remoteTyping(notice.name, notice.activo);
      case 'announce':
        return connections.broadcast(new Outbound({ tipo: 'sistema', contenido: notice.contenido, marca_tiempo: notice.at }));
      case 'delete':
        store.deleteMessage(notice.id);
        return connections.broadcast(new Outbound({ tipo: 'mensaje_borrado', id: notice.id }));
      case 'kick': {
        const user = sessions.get(notice.key);
        if (user?.node === null) operator.kickUser(user, notice.motivo);
        return;
      }
      case 'ban':
      case 'unban':
        return bans.apply(notice.t, notice.ban);
    }
  }

  /** After (re)connecting: make this node's copy of the registry match it. */
  clusterUsers(records: readonly ClusterUser[]): void {
    const { sessions, connections, presence, cluster } = this.deps;
    const byKey = new Map(records.map((record) => [record.key, record]));
    for (const user of [...sessions.values()]) {
      const record = byKey.get(user.key);
      const here = user.node === null;
      if (record?.lineage === user.lineage && (!here || record.node === cluster.nodeId)) continue;
      sessions.forget(user);
      if (here) {
        // The name is someone else's now, or the session resumed on another node meanwhile.
        if (user.peer !== null) connections.close(user.peer, CloseCode.replaced, 'el nombre pasó a otra sesión');
        continue;
      }
      presence.left(user, 'conexion_perdida');
    }
    for (const record of records) {
      const user = sessions.get(record.key);
      if (user === undefined) this.clusterJoined(record);
      else if (user.node !== null) user.node = record.node;
    }
  }

  /** Users of a dead node, now held here for the grace period (they may resume anywhere). */
  clusterAdopted(records: readonly ClusterUser[]): void {
    const { sessions } = this.deps;
    for (const record of records) {
      let user = sessions.get(record.key);
      if (user?.lineage !== record.lineage) {
        if (user !== undefined) sessions.forget(user);
        user = this.remoteUser(record);
      }
      user.node = null;
      sessions.hold(user, 'conexion_perdida');
    }
  }

  clusterAvailable(available: boolean): void {
    if (!this.deps.gate.setAvailable(available)) return;
    const motivo = available ? undefined : 'el servidor perdió su conexión con el clúster';
    this.deps.connections.broadcast(new Outbound({ tipo: 'estado', disponible: available, ...(motivo !== undefined && { motivo }) }));
  }

  clusterNode(row: NodeRow, state: 'up' | 'down'): void {
    const { events, clock } = this.deps;
    if (!events.listening) return;
    events.emit({ type: 'node', ...nodeInfo(row, clock.now()), state });
  }

  localUsers(): ClusterUser[] {
    const { sessions } = this.deps;
    return sessions.heldHere().map((user) => sessions.record(user));
  }

  connectionCount(): number {
    return this.deps.connections.count;
  }

  /** A user of another node, as this node keeps them (for lists, privates and resumes). */
  private remoteUser(record: ClusterUser): User {
    const user = new User(record.name, record.key, record.lineage, record.since);
    user.node = record.node;
    user.tokenHash = record.tokenHash;
    user.address = record.address;
    user.transport = record.transport;
    this.deps.sessions.add(user);
    return user;
  }

  /** A user held here resumed on another node: close the old connection; nobody is told anyone left. */
  private handOver(user: User): void {
    this.deps.sessions.stopTimers(user);
    const peer = user.peer;
    user.peer = null;
    if (peer === null) return;
    peer.user = null;
    this.deps.connections.close(peer, CloseCode.replaced, 'la sesión se reanudó en otro servidor');
  }
}
