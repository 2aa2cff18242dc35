/**
 * Sessions: the users (by name key: connected, held for the grace period, or on another node
 * of a cluster) and their tokens (kept only as hashes); joining, resuming on a new
 * connection, holding a lost user for the grace period, leaving for good; and the records
 * the store keeps so that after a restart clients can still resume (docs/protocol.md,
 * "Leaving, losing, resuming").
 */
import type { LeaveReason } from '@charla/protocol';
import { CloseCode, nameKey, normalizeName } from '@charla/protocol';
import type { Connections, Peer } from './connections.js';
import type { Clock, ClusterPort, ClusterUser, Logger, Store } from './ports.js';
import type { Presence } from './presence.js';
import { SentRefs } from './refs.js';
import { hashToken, newLineage } from './tokens.js';

/** One user in the chat: connected, or held for the grace period after a loss. */
export class User {
  peer: Peer | null = null;
  /** The node that holds this user, when it is another node of the cluster. */
  node: string | null = null;
  tokenHash = '';
  graceTimer: NodeJS.Timeout | undefined;
  gone = false;
  /** Counted by delivery, shown to operators. */
  messagesSent = 0;
  lastActivity: number;
  /** Of the latest connection, kept while the user is held. */
  address = '';
  transport: 'ws' | 'tcp' = 'ws';
  /** This lineage's refs (delivery's), made by its first send with one. */
  refs: SentRefs | undefined;

  constructor(
    readonly name: string,
    readonly key: string,
    readonly lineage: string,
    readonly since: number,
  ) {
    this.lastActivity = since;
  }
}

export interface SessionDeps {
  readonly store: Store;
  readonly connections: Connections;
  readonly presence: Presence;
  readonly clock: Clock;
  readonly log: Logger;
  readonly cluster: ClusterPort | undefined;
}

export class Sessions {
  /** Users by name key, the held ones included. */
  private readonly users = new Map<string, User>();
  private readonly byToken = new Map<string, User>();
  /** Keeps live sessions' `seenAt` fresh in the store, so a crash knows who was just here. */
  private readonly touchTimer: NodeJS.Timeout;

  constructor(
    private readonly deps: SessionDeps,
    private readonly graceMs: number,
  ) {
    this.touchTimer = setInterval(() => deps.store.touchLiveSessions(deps.clock.now()), Math.max(1000, graceMs / 3));
    this.touchTimer.unref();
  }

  /**
   * Users of the previous process, within their grace period, are held again: their clients
   * can resume with the token they have, as if only the connection had dropped. (In a
   * cluster, who may resume is Redis's to say, not this node's database: not called there.)
   */
  restore(): void {
    const { store, clock } = this.deps;
    const now = clock.now();
    for (const session of store.loadSessions()) {
      const left = this.graceMs - (now - session.seenAt);
      if (left <= 0) {
        store.deleteSession(session.lineage);
        continue;
      }
      const user = new User(session.name, nameKey(session.name), session.lineage, session.since);
      user.tokenHash = session.tokenHash;
      user.refs = SentRefs.restored(session.refs);
      this.users.set(user.key, user);
      this.byToken.set(user.tokenHash, user);
      user.graceTimer = setTimeout(() => this.leave(user, 'conexion_perdida'), left);
      user.graceTimer.unref();
    }
  }

  get size(): number {
    return this.users.size;
  }

  get(key: string): User | undefined {
    return this.users.get(key);
  }

  has(key: string): boolean {
    return this.users.has(key);
  }

  values(): IterableIterator<User> {
    return this.users.values();
  }

  /** The user with this name, written any way that has the same key. */
  byName(name: string): User | undefined {
    const normalized = normalizeName(name);
    return normalized.ok ? this.users.get(nameKey(normalized.name)) : undefined;
  }

  /** The holder of `key`, when `token` is theirs: a resume. */
  resumable(key: string, token: string | undefined): User | undefined {
    const byToken = token === undefined ? undefined : this.byToken.get(hashToken(token));
    return byToken?.key === key ? byToken : undefined;
  }

  /** The users this node holds (connected or within their grace period). */
  heldHere(): User[] {
    return [...this.users.values()].filter((user) => user.node === null);
  }

  /** A user who is new to the chat: a new lineage, from now. */
  newUser(name: string, key: string): User {
    return new User(name, key, newLineage(), this.deps.clock.now());
  }

  /** A fresh session on `peer`: the name is the user's now. */
  join(peer: Peer, user: User, token: string): void {
    this.users.set(user.key, user);
    this.setToken(user, token);
    this.attach(peer, user);
  }

  /** The user comes back on `peer`; an old connection still open is closed (4005) without telling anyone. Returns it. */
  resume(peer: Peer, user: User, token: string): Peer | null {
    const old = user.peer;
    if (old !== null) {
      // The old connection is stale (the client came back on a new one).
      old.user = null;
      this.deps.connections.unlist(old);
      this.deps.connections.close(old, CloseCode.replaced, 'reemplazada por una sesión reanudada');
    }
    clearTimeout(user.graceTimer);
    user.graceTimer = undefined;
    this.setToken(user, token);
    this.attach(peer, user);
    return old;
  }

  /** A new token per session: the old one stops working once it has been used. */
  setToken(user: User, token: string): void {
    this.setTokenHash(user, hashToken(token));
  }

  setTokenHash(user: User, tokenHash: string): void {
    this.byToken.delete(user.tokenHash);
    user.tokenHash = tokenHash;
    this.byToken.set(tokenHash, user);
  }

  /** A user this node knows of without holding them (another node's, or one it adopts). */
  add(user: User): void {
    this.users.set(user.key, user);
    if (user.tokenHash !== '') this.byToken.set(user.tokenHash, user);
  }

  /** Lost or dropped: keep the name for the grace period, then tell the others. */
  hold(user: User, motivo: LeaveReason): void {
    if (user.peer !== null) this.deps.connections.unlist(user.peer);
    user.peer = null;
    this.deps.presence.stopTyping(user);
    user.graceTimer = setTimeout(() => this.leave(user, motivo), this.graceMs);
    user.graceTimer.unref();
    this.save(user);
    this.deps.log.info({ user: user.name, motivo, graceMs: this.graceMs }, 'user held');
  }

  /** The user is gone for good: free the name and tell everyone else, exactly once. */
  leave(user: User, motivo: LeaveReason): void {
    if (user.gone) return;
    this.forget(user);
    this.deps.cluster?.leave(this.record(user), motivo);
    this.deps.log.info({ user: user.name, motivo }, 'user left');
    this.deps.presence.left(user, motivo);
  }

  /** Frees the user's name and session, silently. */
  forget(user: User): void {
    user.gone = true;
    this.stopTimers(user);
    if (this.users.get(user.key) === user) this.users.delete(user.key);
    if (this.byToken.get(user.tokenHash) === user) this.byToken.delete(user.tokenHash);
    this.deps.store.deleteSession(user.lineage);
    if (user.peer !== null) this.deps.connections.unlist(user.peer);
  }

  /** The grace and typing timers go, silently (the user left, or moved to another node). */
  stopTimers(user: User): void {
    clearTimeout(user.graceTimer);
    user.graceTimer = undefined;
    this.deps.presence.forget(user);
  }

  /** The user as the cluster registry keeps them. */
  record(user: User): ClusterUser {
    const { key, name, lineage, since, tokenHash, address, transport } = user;
    return { key, name, lineage, since, tokenHash, address, transport, node: user.node ?? this.deps.cluster?.nodeId ?? '' };
  }

  /** Shutdown: timers stop; sessions stay in the store, so clients resume after a restart within the grace period. */
  shutdown(): void {
    for (const user of this.users.values()) {
      clearTimeout(user.graceTimer);
      user.graceTimer = undefined;
    }
    this.deps.presence.forgetAll();
    clearInterval(this.touchTimer);
    this.deps.store.touchLiveSessions(this.deps.clock.now());
  }

  private attach(peer: Peer, user: User): void {
    this.deps.connections.identify(peer, user);
    user.peer = peer;
    user.address = peer.link.address;
    user.transport = peer.link.transport;
    this.save(user);
  }

  private save(user: User): void {
    if (this.deps.cluster !== undefined) return;
    const { lineage, tokenHash, name, since } = user;
    this.deps.store.saveSession({ lineage, tokenHash, name, since, seenAt: this.deps.clock.now(), live: user.peer !== null });
  }
}
