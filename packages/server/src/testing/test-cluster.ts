/**
 * An in-memory cluster backend for the core's tests (used only by tests): what the Redis
 * scripts decide (cluster/scripts.ts) and what RedisCluster tells its listener, without
 * Redis. A FakeCluster is the shared state (the user registry, ids, refs, the bus); each Hub
 * gets a node of it (`cluster.node('a')`), which is its ClusterPort. As on the real bus, a
 * node does not hear its own joins, leaves, moves and notices, and every node hears every
 * message, in id order; everything arrives a microtask later (`flush()` settles it). Redis
 * can go away and come back (`goDown`, `comeBack`: the node heals as RedisCluster does), and
 * a node can be found dead (`reap`).
 */
import type { ClusterListener, ClusterNotice, ClusterPort, ClusterUser, Draft, NodeRow, StoredMessage, SubmitResult } from '../core/ports.js';

type BusEvent =
  | { readonly e: 'join' | 'moved'; readonly user: ClusterUser }
  | { readonly e: 'left'; readonly user: ClusterUser; readonly motivo: string }
  | { readonly e: 'notice'; readonly node: string; readonly notice: ClusterNotice }
  | { readonly e: 'message'; readonly message: StoredMessage };

export class FakeCluster {
  readonly registry = new Map<string, ClusterUser>();
  private readonly refs = new Map<string, number>();
  private lastId = 0;
  private readonly members = new Map<string, FakeNode>();
  private heldSubmits: (() => void)[] | undefined;
  up = true;
  /** The next submit is refused as over the user's rate limit (their sessions on any node). */
  limitNext = false;

  /** A node for one Hub (its ClusterPort). */
  node(id: string, startedAt = 0): FakeNode {
    const node = new FakeNode(this, id, startedAt);
    this.members.set(id, node);
    return node;
  }

  get nodes(): FakeNode[] {
    return [...this.members.values()];
  }

  /** Submits wait (their messages unordered, unpublished) until `releaseSubmits`. */
  holdSubmits(): void {
    this.heldSubmits ??= [];
  }

  releaseSubmits(): void {
    const held = this.heldSubmits ?? [];
    this.heldSubmits = undefined;
    for (const release of held) release();
  }

  /** Redis goes away: every call fails, every node pauses. */
  goDown(): void {
    this.up = false;
    for (const node of this.members.values()) node.listener?.clusterAvailable(false);
  }

  /** Redis is back: each node re-registers its users, reconciles the registry, resumes. */
  comeBack(): void {
    this.up = true;
    for (const node of this.members.values()) queueMicrotask(() => this.heal(node));
  }

  /** `by` finds `dead` silent: `by` adopts its users (to hold them for the grace period), every node hears it. */
  reap(dead: FakeNode, by: FakeNode): void {
    this.members.delete(dead.nodeId);
    const adopted: ClusterUser[] = [];
    for (const [key, user] of this.registry) {
      if (user.node !== dead.nodeId) continue;
      const moved = { ...user, node: by.nodeId };
      this.registry.set(key, moved);
      adopted.push(moved);
    }
    for (const node of this.members.values()) {
      queueMicrotask(() => {
        if (node !== by) for (const user of adopted) node.listener?.clusterMoved(user);
        node.listener?.clusterNode(dead.row(), 'down');
      });
    }
    queueMicrotask(() => by.listener?.clusterAdopted(adopted));
  }

  // ------------------------------------------------------------------ what the nodes call

  started(node: FakeNode, lastId: number): void {
    this.lastId = Math.max(this.lastId, lastId);
    for (const other of this.members.values()) if (other !== node) queueMicrotask(() => other.listener?.clusterNode(node.row(), 'up'));
    queueMicrotask(() => this.heal(node));
  }

  submit(draft: Draft): Promise<SubmitResult> {
    if (!this.up) return Promise.reject(new Error('redis down'));
    const decide = (): SubmitResult => {
      const refKey = draft.ref === undefined ? undefined : `${draft.senderLineage}:${draft.ref}`;
      const known = refKey === undefined ? undefined : this.refs.get(refKey);
      if (known !== undefined) return { id: known, duplicate: true };
      if (this.limitNext) {
        this.limitNext = false;
        return { limited: true };
      }
      const id = ++this.lastId;
      if (refKey !== undefined) this.refs.set(refKey, id);
      this.publish({ e: 'message', message: { ...draft, frame: { ...draft.frame, id } } as StoredMessage });
      return { id, duplicate: false };
    };
    const held = this.heldSubmits;
    if (held === undefined) return Promise.resolve(decide());
    return new Promise((resolve) => held.push(() => resolve(decide())));
  }

  /** To every live node, as its RedisCluster's onEvent passes it on. */
  publish(event: BusEvent): void {
    for (const node of this.members.values()) {
      queueMicrotask(() => {
        const listener = node.listener;
        if (listener === undefined) return;
        switch (event.e) {
          case 'message':
            return listener.clusterMessage(event.message);
          case 'join':
            if (event.user.node !== node.nodeId) listener.clusterJoined(event.user);
            return;
          case 'left':
            if (event.user.node !== node.nodeId) listener.clusterLeft(event.user, event.motivo);
            return;
          case 'moved':
            if (event.user.node !== node.nodeId) listener.clusterMoved(event.user);
            return;
          case 'notice':
            if (event.node !== node.nodeId) listener.clusterNotice(event.notice);
            return;
        }
      });
    }
  }

  /** RedisCluster.heal: REGISTER each local user, free names this node no longer holds, reconcile, resume. */
  private heal(node: FakeNode): void {
    const listener = node.listener;
    if (listener === undefined || !this.up || !this.members.has(node.nodeId)) return;
    const local = listener.localUsers();
    for (const user of local) {
      const current = this.registry.get(user.key);
      if (current === undefined) {
        this.registry.set(user.key, user);
        this.publish({ e: 'join', user });
      } else if (current.lineage === user.lineage && current.node !== node.nodeId && current.tokenHash === user.tokenHash) {
        const moved = { ...current, node: node.nodeId };
        this.registry.set(user.key, moved);
        this.publish({ e: 'moved', user: moved });
      }
    }
    const held = new Set(local.map((user) => user.key));
    const registry: ClusterUser[] = [];
    for (const user of this.registry.values()) {
      if (user.node === node.nodeId && !held.has(user.key)) {
        node.leave(user, 'conexion_perdida');
        continue;
      }
      registry.push(user);
    }
    listener.clusterUsers(registry);
    listener.clusterAvailable(true);
  }
}

/** One node's ClusterPort. */
export class FakeNode implements ClusterPort {
  listener: ClusterListener | undefined;

  constructor(
    private readonly cluster: FakeCluster,
    readonly nodeId: string,
    private readonly startedAt: number,
  ) {}

  start(listener: ClusterListener, lastId: number): void {
    this.listener = listener;
    this.cluster.started(this, lastId);
  }

  row(): NodeRow {
    return { id: this.nodeId, address: `${this.nodeId}.example:55555`, startedAt: this.startedAt, connections: this.listener?.connectionCount() ?? 0 };
  }

  nodes(): readonly NodeRow[] {
    return this.cluster.nodes.map((node) => node.row());
  }

  async join(user: ClusterUser): Promise<boolean> {
    const { cluster } = this;
    if (!cluster.up) throw new Error('redis down');
    if (cluster.registry.has(user.key)) return false;
    cluster.registry.set(user.key, user);
    cluster.publish({ e: 'join', user });
    return true;
  }

  async resume(key: string, tokenHash: string, update: Pick<ClusterUser, 'tokenHash' | 'address' | 'transport'>): Promise<ClusterUser | null> {
    const { cluster } = this;
    if (!cluster.up) throw new Error('redis down');
    const current = cluster.registry.get(key);
    if (current?.tokenHash !== tokenHash) return null;
    const moved = { ...current, ...update, node: this.nodeId };
    cluster.registry.set(key, moved);
    cluster.publish({ e: 'moved', user: moved });
    return moved;
  }

  leave(user: ClusterUser, motivo: string): void {
    const { cluster } = this;
    if (!cluster.up) return; // reconciled when Redis is back
    const current = cluster.registry.get(user.key);
    if (current?.lineage !== user.lineage || current.node !== this.nodeId) return;
    cluster.registry.delete(user.key);
    cluster.publish({ e: 'left', user, motivo });
  }

  submit(draft: Draft): Promise<SubmitResult> {
    return this.cluster.submit(draft);
  }

  notify(notice: ClusterNotice): void {
    if (this.cluster.up) this.cluster.publish({ e: 'notice', node: this.nodeId, notice });
  }
}
