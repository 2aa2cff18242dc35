/**
 * The chat's rules (docs/protocol.md), with no sockets and no HTTP: sessions, names, broadcast,
 * private messages, typing, history, resume, kicks, shutdown. Transports hand it a Link per
 * connection and feed it text frames; it answers through the Link.
 */
import type {
  ClientFrameOf,
  ErrorCode,
  HistoryEntry,
  LeaveReason,
  ServerAceptado,
  ServerFrame,
} from '@charla/protocol';
import {
  CloseCode,
  decode,
  HISTORY_KEEP,
  HISTORY_PAGE_DEFAULT,
  HISTORY_PAGE_MAX,
  LIST_FRAME_MAX_BYTES,
  nameKey,
  normalizeName,
  PROTOCOL_VERSION,
  QUERIES_PER_10S,
  REFUSALS_PER_10S,
  TYPING_EXPIRY_MS,
  TYPING_PER_SECOND,
} from '@charla/protocol';
import type { Refusal } from './admission.js';
import { checkEntry, checkSeat, isRefusal, nameTaken, PAUSED } from './admission.js';
import { Bans } from './bans.js';
import type { ClusterListener, ClusterNotice, ClusterPort, ClusterUser, Draft, Logger, NodeRow, Store, StoredMessage } from './ports.js';
import { iso } from './ports.js';
import { HubEvents } from './events.js';
import { Gate } from './gate.js';
import type { HubEvent } from './events.js';
import { fitFirst, fitNewest } from './history.js';
import type { Link, LinkEnd, PeerHandle } from './link.js';
import { Outbound } from './outbound.js';
import { SlidingWindow } from './rate.js';
import { hashToken, newLineage, newToken } from './tokens.js';

export interface HubOptions {
  readonly serverName: string;
  readonly version: string;
  readonly store: Store;
  readonly log: Logger;
  readonly contentMax: number;
  readonly frameMaxBytes: number;
  readonly messagesPer10s: number;
  readonly identificationMs: number;
  readonly pingMs: number;
  readonly graceMs: number;
  readonly historyOnJoin: number;
  readonly maxConnections: number;
  readonly maxPerAddress: number;
  readonly outboundQueueBytes: number;
  readonly joinSecret?: string | undefined;
  /** Names refused besides `servidor`, `sistema`, `admin` (compared by key). */
  readonly reservedNames?: readonly string[];
  /** Cluster mode: ids, names and presence are decided there (see cluster-port.ts). */
  readonly cluster?: ClusterPort | undefined;
}

/** Room left in a list frame for everything but the list. */
const LIST_FRAME_OVERHEAD = 4096;
/** Refs remembered per session lineage for idempotent re-sends. */
const REFS_REMEMBERED = 1024;
const WINDOW_10S = 10_000;
/** A ref whose message is on its way to the cluster: a re-send is neither sent nor acked. */
const IN_FLIGHT = Number.POSITIVE_INFINITY;

/** One connection, identified or not. */
class Peer {
  user: User | null = null;
  closed = false;
  /** Waiting for the cluster to decide on its identification. */
  identifying = false;
  identificationTimer: NodeJS.Timeout | undefined;
  private windows: RateWindows | undefined;

  constructor(
    readonly id: number,
    readonly link: Link,
    private readonly messagesPer10s: number,
  ) {}

  /** Made by the first frame that counts against a limit: an idle connection holds none. */
  get limits(): RateWindows {
    return (this.windows ??= new RateWindows(this.messagesPer10s));
  }
}

/** A connection's rate limits (docs/protocol.md, "Limits and fairness"). */
class RateWindows {
  readonly messages: SlidingWindow;
  readonly queries = new SlidingWindow(QUERIES_PER_10S, WINDOW_10S);
  readonly typing = new SlidingWindow(TYPING_PER_SECOND, 1000);
  readonly refusals = new SlidingWindow(REFUSALS_PER_10S, WINDOW_10S);

  constructor(messagesPer10s: number) {
    this.messages = new SlidingWindow(messagesPer10s, WINDOW_10S);
  }
}

/** One user in the chat: connected, or held for the grace period after a loss. */
class User {
  peer: Peer | null = null;
  /** The node that holds this user, when it is another node of the cluster. */
  node: string | null = null;
  tokenHash = '';
  graceTimer: NodeJS.Timeout | undefined;
  typingTimer: NodeJS.Timeout | undefined;
  gone = false;
  messagesSent = 0;
  lastActivity: number;
  /** Of the latest connection, kept while the user is held. */
  address = '';
  transport: 'ws' | 'tcp' = 'ws';
  private sentRefs: Map<string, number> | undefined;
  private resentRefs: Map<string, number> | undefined;

  constructor(
    readonly name: string,
    readonly key: string,
    readonly lineage: string,
    readonly since: number,
  ) {
    this.lastActivity = since;
  }

  get typing(): boolean {
    return this.typingTimer !== undefined;
  }

  /** ref -> id of messages this lineage sent, for idempotent re-sends; made by the first send. */
  get refs(): Map<string, number> {
    return (this.sentRefs ??= new Map());
  }

  /** A ref re-sent before its message was delivered: that send is owed an acuse too. */
  resent(ref: string): void {
    this.resentRefs ??= new Map();
    this.resentRefs.set(ref, (this.resentRefs.get(ref) ?? 0) + 1);
  }

  /** How many re-sends of `ref` wait for its acuse; they wait no more. */
  takeResent(ref: string): number {
    const count = this.resentRefs?.get(ref) ?? 0;
    this.resentRefs?.delete(ref);
    return count;
  }

  /** The message of `ref` was not accepted after all: a later send of it is a new one. */
  forgetRef(ref: string): void {
    this.sentRefs?.delete(ref);
    this.resentRefs?.delete(ref);
  }
}

/** A message accepted and waiting for the store before it is broadcast. */
interface Pending {
  readonly stored: StoredMessage;
  state: 'writing' | 'durable' | 'failed';
}

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

export class Hub implements ClusterListener {
  private readonly peers = new Set<Peer>();
  private readonly identified = new Set<Peer>();
  private readonly connectionsByAddress = new Map<string, number>();
  /** Users by name key, the held ones included. */
  private readonly users = new Map<string, User>();
  private readonly usersByToken = new Map<string, User>();
  private readonly pending: Pending[] = [];
  /** Who is waiting for the `acuse` of each message id not delivered yet. */
  private readonly acks = new Map<number, { readonly user: User; readonly ref: string }>();
  private readonly cluster: ClusterPort | undefined;
  private nextPeerId = 1;
  private lastId: number;
  private deliveredId: number;
  /** Accepting, the cluster's availability, shutdown. */
  private readonly gate: Gate;
  private readonly counters = { messagesTotal: 0, deliveries: 0, bytesIn: 0, bytesOut: 0, refusedByCode: {} as Record<string, number> };
  /** Told how long each store write took (seconds), for metrics. */
  onStoreWrite: ((seconds: number) => void) | undefined;

  /** What happens here, for the admin event stream and metrics. */
  readonly events: HubEvents;
  readonly bans: Bans;

  /** Keeps live sessions' `seenAt` fresh in the store, so a crash knows who was just here. */
  private readonly touchTimer: NodeJS.Timeout;

  constructor(private readonly options: HubOptions) {
    this.events = new HubEvents(options.log);
    this.lastId = options.store.lastId();
    this.deliveredId = this.lastId;
    this.cluster = options.cluster;
    this.gate = new Gate(this.cluster !== undefined);
    const cluster = this.cluster;
    this.bans = new Bans(options.store, cluster && ((t, ban) => cluster.notify({ t, ban })));
    // In a cluster, who may resume is Redis's to say, not this node's database.
    if (cluster === undefined) this.restoreSessions();
    this.touchTimer = setInterval(() => options.store.touchLiveSessions(Date.now()), Math.max(1000, options.graceMs / 3));
    this.touchTimer.unref();
  }

  /**
   * Users of the previous process, within their grace period, are held again: their clients
   * can resume with the token they have, as if only the connection had dropped.
   */
  private restoreSessions(): void {
    const now = Date.now();
    for (const session of this.options.store.loadSessions()) {
      const left = this.options.graceMs - (now - session.seenAt);
      if (left <= 0) {
        this.options.store.deleteSession(session.lineage);
        continue;
      }
      const user = new User(session.name, nameKey(session.name), session.lineage, session.since);
      user.tokenHash = session.tokenHash;
      for (const [ref, id] of [...session.refs].reverse()) user.refs.set(ref, id);
      this.users.set(user.key, user);
      this.usersByToken.set(user.tokenHash, user);
      user.graceTimer = setTimeout(() => this.leave(user, 'conexion_perdida'), left);
      user.graceTimer.unref();
    }
  }

  /** A transport calls this for every new connection. */
  connect(link: Link): PeerHandle {
    const peer = new Peer(this.nextPeerId++, link, this.options.messagesPer10s);
    this.peers.add(peer);
    this.connectionsByAddress.set(link.address, (this.connectionsByAddress.get(link.address) ?? 0) + 1);
    this.options.log.info({ peer: peer.id, address: link.address, transport: link.transport }, 'connection opened');
    if (this.events.listening) this.events.emit({ type: 'connection', address: link.address, transport: link.transport });
    peer.identificationTimer = setTimeout(() => {
      if (peer.user === null) this.closePeer(peer, CloseCode.identificationTimeout, 'sin identificación a tiempo');
    }, this.options.identificationMs);
    peer.identificationTimer.unref();
    if (this.closing) this.sayGoodbye(peer);
    return {
      receive: (text) => this.receive(peer, text),
      ended: (how) => this.ended(peer, how),
    };
  }

  /**
   * Stops or resumes accepting identifications (`rechazado{no_aceptando}` meanwhile). With
   * `disconnectAll`, everyone gets `servidor_cerrando` and is closed (the seed's stop button);
   * since everyone goes, nobody is told anyone left.
   */
  setAccepting(accepting: boolean, disconnectAll = false, motivo = 'el servidor dejó de aceptar conexiones'): void {
    this.gate.setAccepting(accepting);
    if (!disconnectAll) return;
    const notice = new Outbound({ tipo: 'servidor_cerrando', motivo });
    for (const peer of this.peers) {
      this.send(peer, notice);
      this.closePeer(peer, CloseCode.shuttingDown, motivo);
    }
    for (const user of this.heldHere()) {
      this.forgetUser(user);
      this.cluster?.leave(this.record(user), 'salida');
    }
  }

  get isAccepting(): boolean {
    return this.gate.accepting;
  }

  /** False once shutdown began. */
  get isServing(): boolean {
    return !this.closing;
  }

  /** `sistema` to everyone (an operator's announcement); returns its time. */
  announce(contenido: string): string {
    const at = iso(Date.now());
    this.broadcast(new Outbound({ tipo: 'sistema', contenido, marca_tiempo: at }));
    this.cluster?.notify({ t: 'announce', contenido, at });
    return at;
  }

  /** Removes a message from history and tells every client to hide it. */
  deleteMessage(id: number): boolean {
    if (!this.options.store.deleteMessage(id)) return false;
    this.broadcast(new Outbound({ tipo: 'mensaje_borrado', id }));
    this.cluster?.notify({ t: 'delete', id });
    return true;
  }

  /** Users matching `q` (in the name, case-insensitive), sorted by name, one page. */
  listUsers(q: string | undefined, offset: number, limit: number): { total: number; items: UserInfo[] } {
    const needle = q?.toLowerCase() ?? '';
    const matching = [...this.users.values()].filter((u) => needle === '' || u.name.toLowerCase().includes(needle));
    matching.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { total: matching.length, items: matching.slice(offset, offset + limit).map((u) => this.userInfo(u)) };
  }

  findUser(name: string): UserInfo | undefined {
    const user = this.userByName(name);
    return user === undefined ? undefined : this.userInfo(user);
  }

  private userInfo(user: User): UserInfo {
    return {
      name: user.name,
      since: iso(user.since),
      address: user.address,
      transport: user.transport,
      messagesSent: user.messagesSent,
      lastActivity: iso(user.lastActivity),
      ...(this.cluster !== undefined && { node: user.node ?? this.cluster.nodeId }),
    };
  }

  /** The cluster's nodes (cluster mode only). */
  nodes(): readonly NodeRow[] | undefined {
    return this.cluster?.nodes();
  }

  /** Whether the cluster backend is reachable (cluster mode only). */
  get clusterReachable(): boolean | undefined {
    return this.cluster === undefined ? undefined : this.gate.available;
  }

  /** The users this node holds (connected or within their grace period). */
  private heldHere(): User[] {
    return [...this.users.values()].filter((user) => user.node === null);
  }

  private userByName(name: string): User | undefined {
    const normalized = normalizeName(name);
    return normalized.ok ? this.users.get(nameKey(normalized.name)) : undefined;
  }

  /**
   * Shutdown: every connection, identified or not, gets `servidor_cerrando` and is closed
   * with 1001; nobody is told anyone left (docs/protocol.md).
   */
  shutdown(motivo: string, reintentarEnMs?: number): void {
    const notice = new Outbound({
      tipo: 'servidor_cerrando',
      motivo,
      ...(reintentarEnMs !== undefined && { reintentar_en_ms: reintentarEnMs }),
    });
    this.gate.close({ out: notice, motivo });
    for (const peer of this.peers) this.sayGoodbye(peer);
    for (const user of this.users.values()) this.clearUserTimers(user);
    // Sessions stay in the store: after a restart within the grace period, clients resume.
    clearInterval(this.touchTimer);
    this.options.store.touchLiveSessions(Date.now());
  }

  private get closing(): boolean {
    return this.gate.closing;
  }

  private sayGoodbye(peer: Peer): void {
    const notice = this.gate.closingNotice;
    if (notice === null) return;
    this.send(peer, notice.out);
    this.closePeer(peer, CloseCode.shuttingDown, notice.motivo);
  }

  /**
   * Removes a user: `expulsado` to them (then 4003), `usuario_desconectado{expulsado}` to
   * everyone else. Returns false when nobody has that name.
   */
  kick(name: string, motivo: string): boolean {
    const user = this.userByName(name);
    if (user === undefined) return false;
    if (user.node !== null) {
      this.cluster?.notify({ t: 'kick', key: user.key, motivo });
      return true;
    }
    const peer = user.peer;
    if (peer !== null) this.send(peer, new Outbound({ tipo: 'expulsado', motivo }));
    this.leave(user, 'expulsado');
    if (peer !== null) this.closePeer(peer, CloseCode.kicked, motivo);
    this.options.log.info({ user: user.name }, 'user kicked');
    return true;
  }

  stats(): HubStats {
    return {
      connections: this.peers.size,
      users: this.users.size,
      accepting: this.gate.accepting,
      ...this.counters,
      refusedByCode: { ...this.counters.refusedByCode },
    };
  }

  // ------------------------------------------------------------------ the cluster tells

  clusterJoined(record: ClusterUser): void {
    const known = this.users.get(record.key);
    if (known !== undefined) {
      // Already known (Redis came back and re-registered them), or a name this node holds.
      if (known.lineage === record.lineage && known.node !== null) known.node = record.node;
      return;
    }
    this.announceJoin(this.remoteUser(record));
  }

  clusterLeft(record: ClusterUser, motivo: string): void {
    const user = this.users.get(record.key);
    if (user?.lineage !== record.lineage || user.node === null) return;
    this.forgetUser(user);
    this.announceLeave(user, motivo);
  }

  clusterMoved(record: ClusterUser): void {
    const user = this.users.get(record.key);
    if (user?.lineage !== record.lineage) {
      if (user?.node === null) return; // a name held here: the registry settles it on reconnection
      if (user !== undefined) this.forgetUser(user);
      this.remoteUser(record);
      return;
    }
    if (user.node === null) this.handOver(user);
    this.usersByToken.delete(user.tokenHash);
    user.tokenHash = record.tokenHash;
    this.usersByToken.set(user.tokenHash, user);
    user.node = record.node;
    user.address = record.address;
    user.transport = record.transport;
  }

  /** A user held here resumed on another node: close the old connection; nobody is told anyone left. */
  private handOver(user: User): void {
    this.clearUserTimers(user);
    const peer = user.peer;
    user.peer = null;
    if (peer === null) return;
    peer.user = null;
    this.closePeer(peer, CloseCode.replaced, 'la sesión se reanudó en otro servidor');
  }

  clusterNotice(notice: ClusterNotice): void {
    switch (notice.t) {
      case 'typing':
        return this.broadcast(new Outbound({ tipo: 'escribiendo', nombre: notice.name, activo: notice.activo }));
      case 'announce':
        return this.broadcast(new Outbound({ tipo: 'sistema', contenido: notice.contenido, marca_tiempo: notice.at }));
      case 'delete':
        this.options.store.deleteMessage(notice.id);
        return this.broadcast(new Outbound({ tipo: 'mensaje_borrado', id: notice.id }));
      case 'kick': {
        const user = this.users.get(notice.key);
        if (user?.node === null) this.kick(user.name, notice.motivo);
        return;
      }
      case 'ban':
      case 'unban':
        return this.bans.apply(notice.t, notice.ban);
    }
  }

  /** After (re)connecting: make this node's copy of the registry match it. */
  clusterUsers(records: readonly ClusterUser[]): void {
    const byKey = new Map(records.map((record) => [record.key, record]));
    for (const user of [...this.users.values()]) {
      const record = byKey.get(user.key);
      const here = user.node === null;
      if (record?.lineage === user.lineage && (!here || record.node === this.cluster?.nodeId)) continue;
      if (here) {
        // The name is someone else's now, or the session resumed on another node meanwhile.
        this.forgetUser(user);
        if (user.peer !== null) this.closePeer(user.peer, CloseCode.replaced, 'el nombre pasó a otra sesión');
        continue;
      }
      this.forgetUser(user);
      this.announceLeave(user, 'conexion_perdida');
    }
    for (const record of records) {
      const user = this.users.get(record.key);
      if (user === undefined) this.clusterJoined(record);
      else if (user.node !== null) user.node = record.node;
    }
  }

  /** Users of a dead node, now held here for the grace period (they may resume anywhere). */
  clusterAdopted(records: readonly ClusterUser[]): void {
    for (const record of records) {
      let user = this.users.get(record.key);
      if (user?.lineage !== record.lineage) {
        if (user !== undefined) this.forgetUser(user);
        user = this.remoteUser(record);
      }
      user.node = null;
      this.hold(user, 'conexion_perdida');
    }
  }

  clusterAvailable(available: boolean): void {
    if (!this.gate.setAvailable(available)) return;
    const motivo = available ? undefined : 'el servidor perdió su conexión con el clúster';
    this.broadcast(new Outbound({ tipo: 'estado', disponible: available, ...(motivo !== undefined && { motivo }) }));
  }

  clusterNode(row: NodeRow, state: 'up' | 'down'): void {
    if (!this.events.listening) return;
    this.events.emit({ type: 'node', ...nodeInfo(row), state });
  }

  localUsers(): ClusterUser[] {
    return this.heldHere().map((user) => this.record(user));
  }

  connectionCount(): number {
    return this.peers.size;
  }

  /** A user of another node, as this node keeps them (for lists, privates and resumes). */
  private remoteUser(record: ClusterUser): User {
    const user = new User(record.name, record.key, record.lineage, record.since);
    user.node = record.node;
    user.tokenHash = record.tokenHash;
    user.address = record.address;
    user.transport = record.transport;
    this.users.set(user.key, user);
    this.usersByToken.set(user.tokenHash, user);
    return user;
  }

  // ------------------------------------------------------------------ frames in

  private receive(peer: Peer, text: string): void {
    if (peer.closed) return;
    this.counters.bytesIn += text.length;
    const decoded = decode(text);
    if (!decoded.ok) return this.refuse(peer, decoded.codigo, decoded.detalle, decoded.ref);
    const frame = decoded.frame;
    const user = peer.user;
    if (user === null) {
      if (peer.identifying) return this.refuse(peer, 'no_identificado', 'la identificación está en curso', refOf(frame));
      if (frame.tipo === 'identificacion') return this.identify(peer, frame);
      return this.refuse(peer, 'no_identificado', 'identifícate primero con "identificacion"', refOf(frame));
    }
    user.lastActivity = Date.now();
    switch (frame.tipo) {
      case 'identificacion':
        return this.refuse(peer, 'ya_identificado', `ya estás identificado como ${user.name}`);
      case 'mensaje':
        return this.onMensaje(peer, user, frame);
      case 'privado':
        return this.onPrivado(peer, user, frame);
      case 'escribiendo':
        return this.onEscribiendo(peer, user, frame.activo);
      case 'historial':
        return this.onHistorial(peer, user, frame);
      case 'usuarios':
        return this.onUsuarios(peer);
      case 'ping':
        return this.send(peer, new Outbound({ tipo: 'pong', ...(frame.ref !== undefined && { ref: frame.ref }) }));
      case 'desconexion':
        this.leave(user, 'salida');
        return this.closePeer(peer, CloseCode.normal, 'hasta pronto');
    }
  }

  private identify(peer: Peer, frame: ClientFrameOf<'identificacion'>): void {
    const refuse = ({ motivo, detalle }: Refusal) => {
      this.options.log.info({ peer: peer.id, motivo }, 'identification refused');
      this.countRefusal(motivo, peer);
      this.send(peer, new Outbound({ tipo: 'rechazado', motivo, detalle }));
      this.closePeer(peer, CloseCode.identificationRefused, motivo);
    };
    const { options, gate } = this;
    const entry = checkEntry(frame, { accepting: gate.accepting, available: gate.available, joinSecret: options.joinSecret, reservedNames: options.reservedNames });
    if (isRefusal(entry)) return refuse(entry);
    const { name, key } = entry;
    const byToken = frame.token === undefined ? undefined : this.usersByToken.get(hashToken(frame.token));
    const resumed = byToken?.key === key ? byToken : undefined;
    const refusal = checkSeat({
      name,
      ban: this.bans.match(key, peer.link.address),
      taken: this.users.has(key),
      resumes: resumed !== undefined,
      // In a cluster, a token this node does not know may still be valid: the cluster decides.
      mayResume: this.cluster !== undefined && frame.token !== undefined,
      replacing: resumed?.peer != null,
      connections: this.peers.size,
      fromAddress: this.connectionsByAddress.get(peer.link.address) ?? 0,
      maxConnections: options.maxConnections,
      maxPerAddress: options.maxPerAddress,
    });
    if (refusal !== undefined) return refuse(refusal);
    if (this.cluster !== undefined) return this.identifyInCluster(peer, frame, name, key, refuse);
    if (resumed !== undefined) return this.resume(peer, resumed, frame.desde, newToken());
    this.join(peer, new User(name, key, newLineage(), Date.now()), newToken());
  }

  /**
   * The cluster decides: a token resumes the session wherever it was (this node or another);
   * otherwise the name is reserved for everyone at once, and exactly one of two nodes
   * racing for it wins.
   */
  private identifyInCluster(
    peer: Peer,
    frame: ClientFrameOf<'identificacion'>,
    name: string,
    key: string,
    refuse: (refusal: Refusal) => void,
  ): void {
    const cluster = this.cluster as ClusterPort;
    const token = newToken();
    const { address, transport } = peer.link;
    peer.identifying = true;
    const decide = async () => {
      if (frame.token !== undefined) {
        const record = await cluster.resume(key, hashToken(frame.token), { tokenHash: hashToken(token), address, transport });
        if (record !== null) return this.resumeHere(peer, record, frame.desde, token);
      }
      const user = new User(name, key, newLineage(), Date.now());
      user.tokenHash = hashToken(token);
      user.address = address;
      user.transport = transport;
      if (!(await cluster.join(this.record(user)))) return refuse(nameTaken(name));
      if (peer.closed) return cluster.leave(this.record(user), 'salida');
      this.join(peer, user, token);
    };
    decide()
      .catch((error: unknown) => {
        this.options.log.warn({ err: error, peer: peer.id }, 'cluster unreachable during identification');
        if (!peer.closed && peer.user === null) refuse({ motivo: 'no_aceptando', detalle: PAUSED });
      })
      .finally(() => {
        peer.identifying = false;
      });
  }

  /** A resume the cluster granted: the user is held here now, whoever held them before. */
  private resumeHere(peer: Peer, record: ClusterUser, desde: number | undefined, token: string): void {
    let user = this.users.get(record.key);
    if (user?.lineage !== record.lineage) {
      user = new User(record.name, record.key, record.lineage, record.since);
      this.users.set(user.key, user);
    }
    user.node = null;
    if (peer.closed) {
      // Gone before the answer came: hold the user here, as any lost connection is.
      this.setToken(user, token);
      return this.hold(user, 'conexion_perdida');
    }
    this.resume(peer, user, desde, token);
  }

  private join(peer: Peer, user: User, token: string): void {
    this.users.set(user.key, user);
    this.setToken(user, token);
    this.attach(peer, user);
    this.sendAceptado(peer, user, token, false, undefined);
    this.announceJoin(user, peer);
    this.options.log.info({ peer: peer.id, user: user.name }, 'user joined');
  }

  /** `usuario_conectado` to everyone here but the user's own connection. */
  private announceJoin(user: User, except?: Peer): void {
    this.broadcast(new Outbound({ tipo: 'usuario_conectado', nombre: user.name, marca_tiempo: iso(Date.now()) }), except);
    if (this.events.listening) this.events.emit({ type: 'join', name: user.name, address: user.address });
  }

  private resume(peer: Peer, user: User, desde: number | undefined, token: string): void {
    const old = user.peer;
    if (old !== null) {
      // The old connection is stale (the client came back on a new one): close it without
      // telling anyone the user left.
      old.user = null;
      this.identified.delete(old);
      this.closePeer(old, CloseCode.replaced, 'reemplazada por una sesión reanudada');
    }
    clearTimeout(user.graceTimer);
    user.graceTimer = undefined;
    this.setToken(user, token);
    this.attach(peer, user);
    this.sendAceptado(peer, user, token, true, desde);
    this.options.log.info({ peer: peer.id, user: user.name, replaced: old?.id }, 'user resumed');
  }

  /** A new token per session: the old one stops working once it has been used. */
  private setToken(user: User, token: string): void {
    this.usersByToken.delete(user.tokenHash);
    user.tokenHash = hashToken(token);
    this.usersByToken.set(user.tokenHash, user);
  }

  /** The user as the cluster registry keeps them. */
  private record(user: User): ClusterUser {
    const { key, name, lineage, since, tokenHash, address, transport } = user;
    return { key, name, lineage, since, tokenHash, address, transport, node: user.node ?? this.cluster?.nodeId ?? '' };
  }

  private attach(peer: Peer, user: User): void {
    clearTimeout(peer.identificationTimer);
    // Dropped, not just cleared: a spent timer and its closure would stay for the session.
    peer.identificationTimer = undefined;
    peer.user = user;
    user.peer = peer;
    user.address = peer.link.address;
    user.transport = peer.link.transport;
    this.identified.add(peer);
    this.saveSession(user);
  }

  private saveSession(user: User): void {
    if (this.cluster !== undefined) return;
    const { lineage, tokenHash, name, since } = user;
    this.options.store.saveSession({ lineage, tokenHash, name, since, seenAt: Date.now(), live: user.peer !== null });
  }

  private sendAceptado(peer: Peer, user: User, token: string, reanudado: boolean, desde: number | undefined): void {
    const names = fitFirst(
      Array.from(this.users.values(), (u) => u.name),
      LIST_FRAME_MAX_BYTES / 2,
    );
    const page = this.options.store.history(user, {
      ...(reanudado && desde !== undefined ? { after: desde } : {}),
      upTo: this.deliveredId,
      limit: reanudado && desde !== undefined ? HISTORY_KEEP : this.options.historyOnJoin,
    });
    const fitted = fitNewest(page.messages.map((m) => m.frame), LIST_FRAME_MAX_BYTES - names.bytes - LIST_FRAME_OVERHEAD);
    const aceptado: ServerAceptado = {
      tipo: 'aceptado',
      nombre: user.name,
      protocolo: PROTOCOL_VERSION,
      reanudado,
      usuarios: names.kept,
      historial: fitted.kept,
      // Cut to the frame bound, or (on a resume) messages after `desde` left out.
      historial_incompleto: fitted.cut || (reanudado && desde !== undefined && page.more),
      ultimo_id: this.deliveredId,
      token,
      servidor: { nombre: this.options.serverName, version: this.options.version },
      limites: {
        contenido_max: this.options.contentMax,
        trama_max_bytes: this.options.frameMaxBytes,
        mensajes_por_10s: this.options.messagesPer10s,
        identificacion_ms: this.options.identificationMs,
        ping_ms: this.options.pingMs,
        gracia_ms: this.options.graceMs,
      },
    };
    this.send(peer, new Outbound(aceptado));
  }

  private onMensaje(peer: Peer, user: User, frame: ClientFrameOf<'mensaje'>): void {
    const { ref } = frame;
    if (frame.remitente !== undefined && frame.remitente.normalize('NFKC').trim() !== user.name) {
      return this.refuse(peer, 'origen_invalido', 'el remitente no es el nombre de esta sesión', ref);
    }
    if (!this.acceptable(peer, user, frame.contenido, ref)) return;
    const message = { tipo: 'mensaje', remitente: user.name, contenido: frame.contenido, marca_tiempo: iso(Date.now()) } as const;
    this.accept(user, { frame: message, senderLineage: user.lineage, ref });
  }

  private onPrivado(peer: Peer, user: User, frame: ClientFrameOf<'privado'>): void {
    const { ref } = frame;
    if (!this.acceptable(peer, user, frame.contenido, ref)) return;
    const to = normalizeName(frame.para);
    const target = to.ok ? this.users.get(nameKey(to.name)) : undefined;
    if (target === undefined) {
      return this.refuse(peer, 'destinatario_desconocido', `no hay nadie conectado con el nombre «${frame.para}»`, ref);
    }
    const message = {
      tipo: 'privado',
      remitente: user.name,
      para: target.name,
      contenido: frame.contenido,
      marca_tiempo: iso(Date.now()),
    } as const;
    this.accept(user, { frame: message, senderLineage: user.lineage, ref, recipientLineage: target.lineage });
  }

  /**
   * The checks a message passes before it gets an id, in docs/protocol.md's order (content, then
   * frequency). A re-sent ref that was already accepted is acked again instead.
   */
  private acceptable(peer: Peer, user: User, contenido: string, ref: string | undefined): boolean {
    if (contenido.trim() === '') {
      this.refuse(peer, 'contenido_vacio', 'el mensaje está vacío', ref);
      return false;
    }
    if (contenido.length > this.options.contentMax && codePoints(contenido) > this.options.contentMax) {
      this.refuse(peer, 'demasiado_grande', `el mensaje pasa de ${this.options.contentMax} caracteres`, ref);
      return false;
    }
    const known = ref === undefined ? undefined : user.refs.get(ref);
    if (ref !== undefined && known !== undefined) {
      // Already accepted: ack again now if it is delivered, else along with the first send.
      if (known <= this.deliveredId) this.send(peer, new Outbound({ tipo: 'acuse', ref, id: known }));
      else user.resent(ref);
      return false;
    }
    if (!this.gate.available) {
      // Held by the client and re-sent after estado{disponible:true}; not counted toward 1008.
      this.refuse(peer, 'no_disponible', 'el chat está en pausa; se reanudará solo', ref);
      return false;
    }
    if (!peer.limits.messages.tryTake(Date.now())) {
      this.refuseRate(peer, ref);
      return false;
    }
    return true;
  }

  /** An accepted message gets its id: here, or from the cluster (delivered when it comes back). */
  private accept(user: User, draft: Draft): void {
    if (user.typing) this.stopTyping(user);
    const { ref } = draft;
    if (this.cluster === undefined) {
      const id = ++this.lastId;
      user.messagesSent++;
      this.counters.messagesTotal++;
      if (ref !== undefined) this.awaitAck(user, ref, id);
      this.commit({ ...draft, frame: { ...draft.frame, id } } as StoredMessage);
      return;
    }
    if (ref !== undefined) this.rememberRef(user, ref, IN_FLIGHT);
    this.cluster.submit(draft).then(
      (result) => {
        if ('limited' in result) {
          // Sessions of this user on other nodes (or before a resume) used up the window.
          if (ref !== undefined) user.forgetRef(ref);
          if (user.peer !== null) this.refuseRate(user.peer, ref);
          return;
        }
        if (!result.duplicate) user.messagesSent++;
        const { id } = result;
        if (ref === undefined) return;
        if (id > this.deliveredId) return this.awaitAck(user, ref, id);
        this.rememberRef(user, ref, id);
        this.ack(user, ref, id);
      },
      (error: unknown) => {
        this.options.log.warn({ err: error, user: user.name }, 'cluster refused a message');
        if (ref !== undefined) user.forgetRef(ref);
        if (user.peer !== null) this.refuse(user.peer, 'no_disponible', 'el chat está en pausa; se reanudará solo', ref);
      },
    );
  }

  private refuseRate(peer: Peer, ref: string | undefined): void {
    this.refuse(peer, 'limite_de_frecuencia', `más de ${this.options.messagesPer10s} mensajes en 10 s`, ref);
  }

  private awaitAck(user: User, ref: string, id: number): void {
    this.rememberRef(user, ref, id);
    this.acks.set(id, { user, ref });
  }

  /** The acuse of a delivered message: for its first send and each re-send that came meanwhile. */
  private ack(user: User, ref: string, id: number): void {
    const sends = 1 + user.takeResent(ref);
    if (user.peer === null) return;
    const out = new Outbound({ tipo: 'acuse', ref, id });
    for (let i = 0; i < sends; i++) this.send(user.peer, out);
  }

  private rememberRef(user: User, ref: string, id: number): void {
    user.refs.set(ref, id);
    if (user.refs.size > REFS_REMEMBERED) user.refs.delete(user.refs.keys().next().value as string);
  }

  /**
   * Broadcast and ack only after the store accepted the message durably, and always in id
   * order, even if writes complete out of order.
   */
  private commit(stored: StoredMessage): void {
    const item: Pending = { stored, state: 'writing' };
    this.pending.push(item);
    const started = performance.now();
    this.options.store.append(stored).then(
      () => {
        this.onStoreWrite?.((performance.now() - started) / 1000);
        item.state = 'durable';
        this.flushPending();
      },
      (error: unknown) => {
        this.options.log.error({ err: error, id: stored.frame.id }, 'store refused a message');
        item.state = 'failed';
        this.flushPending();
      },
    );
  }

  private flushPending(): void {
    while (this.pending[0] !== undefined && this.pending[0].state !== 'writing') {
      const item = this.pending.shift() as Pending;
      if (this.closing) continue;
      const id = item.stored.frame.id;
      const ack = this.acks.get(id);
      this.acks.delete(id);
      // In a cluster the message is already accepted for everyone: a local write failure
      // costs this node's history, not the delivery.
      if (item.state === 'failed' && this.cluster === undefined) {
        if (ack === undefined) continue;
        ack.user.forgetRef(ack.ref);
        if (ack.user.peer !== null) this.refuse(ack.user.peer, 'no_disponible', 'no se pudo guardar el mensaje; reintenta', ack.ref);
        continue;
      }
      this.deliveredId = id;
      this.deliver(item.stored);
      if (this.events.listening) this.events.emit(messageEvent(item.stored));
      if (ack !== undefined) this.ack(ack.user, ack.ref, id);
    }
  }

  /** A public message to everyone here; a private one to its sender's and recipient's sessions here. */
  private deliver({ frame, senderLineage, recipientLineage }: StoredMessage): void {
    const out = new Outbound(frame);
    if (frame.tipo === 'mensaje') return this.broadcast(out);
    const sender = this.sessionHere(frame.remitente, senderLineage);
    const recipient = this.sessionHere(frame.para, recipientLineage);
    if (recipient !== undefined) this.send(recipient, out);
    if (sender !== undefined && sender !== recipient) this.send(sender, out);
  }

  private sessionHere(name: string, lineage: string | undefined): Peer | undefined {
    const user = this.users.get(nameKey(name));
    return user !== undefined && user.lineage === lineage ? (user.peer ?? undefined) : undefined;
  }

  /** A message the cluster ordered (this node's own included). */
  clusterMessage(message: StoredMessage): void {
    this.counters.messagesTotal++;
    this.commit(message);
  }

  private onEscribiendo(peer: Peer, user: User, activo: boolean): void {
    if (!activo) {
      if (user.typing) this.stopTyping(user);
      return;
    }
    // One per second; extra ones are dropped silently (docs/protocol.md).
    if (!peer.limits.typing.tryTake(Date.now())) return;
    const wasTyping = user.typing;
    clearTimeout(user.typingTimer);
    user.typingTimer = setTimeout(() => this.stopTyping(user), TYPING_EXPIRY_MS);
    user.typingTimer.unref();
    if (!wasTyping) this.typingChanged(user, true);
  }

  private stopTyping(user: User): void {
    clearTimeout(user.typingTimer);
    user.typingTimer = undefined;
    this.typingChanged(user, false);
  }

  private typingChanged(user: User, activo: boolean): void {
    this.broadcast(new Outbound({ tipo: 'escribiendo', nombre: user.name, activo }), user.peer ?? undefined);
    if (this.gate.available) this.cluster?.notify({ t: 'typing', name: user.name, activo });
  }

  private onHistorial(peer: Peer, user: User, frame: ClientFrameOf<'historial'>): void {
    if (!peer.limits.queries.tryTake(Date.now())) {
      return this.refuse(peer, 'limite_de_frecuencia', `más de ${QUERIES_PER_10S} consultas en 10 s`);
    }
    const limit = Math.min(frame.limite ?? HISTORY_PAGE_DEFAULT, HISTORY_PAGE_MAX);
    const page = this.options.store.history(user, {
      ...(frame.antes !== undefined && { before: frame.antes }),
      upTo: this.deliveredId,
      limit,
    });
    const fitted = fitNewest(page.messages.map((m) => m.frame), LIST_FRAME_MAX_BYTES - LIST_FRAME_OVERHEAD);
    this.send(peer, new Outbound({ tipo: 'historial', mensajes: fitted.kept, completo: !page.more && !fitted.cut }));
  }

  private onUsuarios(peer: Peer): void {
    if (!peer.limits.queries.tryTake(Date.now())) {
      return this.refuse(peer, 'limite_de_frecuencia', `más de ${QUERIES_PER_10S} consultas en 10 s`);
    }
    const rows = Array.from(this.users.values(), (u) => ({ nombre: u.name, desde: iso(u.since) }));
    const fitted = fitFirst(rows, LIST_FRAME_MAX_BYTES - LIST_FRAME_OVERHEAD);
    this.send(peer, new Outbound({ tipo: 'usuarios', usuarios: fitted.kept, completo: !fitted.cut }));
  }

  // ------------------------------------------------------------------ leaving

  private ended(peer: Peer, how: LinkEnd): void {
    if (peer.closed) return; // the server closed it and has already dealt with the user
    this.forget(peer);
    const user = peer.user;
    if (user === null || user.peer !== peer) return;
    if (how === 'left') this.leave(user, 'salida');
    else this.hold(user, 'conexion_perdida');
  }

  /** Lost or dropped: keep the name for the grace period, then tell the others. */
  private hold(user: User, motivo: LeaveReason): void {
    if (user.peer !== null) this.identified.delete(user.peer);
    user.peer = null;
    if (user.typing) this.stopTyping(user);
    user.graceTimer = setTimeout(() => this.leave(user, motivo), this.options.graceMs);
    user.graceTimer.unref();
    this.saveSession(user);
    this.options.log.info({ user: user.name, motivo, graceMs: this.options.graceMs }, 'user held');
  }

  /** The user is gone for good: free the name and tell everyone else, exactly once. */
  private leave(user: User, motivo: LeaveReason): void {
    if (user.gone) return;
    this.forgetUser(user);
    this.cluster?.leave(this.record(user), motivo);
    this.options.log.info({ user: user.name, motivo }, 'user left');
    this.announceLeave(user, motivo);
  }

  /** `usuario_desconectado` to everyone here but the user's own connection. */
  private announceLeave(user: User, motivo: string): void {
    if (this.events.listening) this.events.emit({ type: 'leave', name: user.name, reason: motivo });
    if (this.closing) return;
    this.broadcast(
      new Outbound({ tipo: 'usuario_desconectado', nombre: user.name, motivo: motivo as LeaveReason, marca_tiempo: iso(Date.now()) }),
      user.peer ?? undefined,
    );
  }

  /** Frees the user's name and session, silently. */
  private forgetUser(user: User): void {
    user.gone = true;
    this.clearUserTimers(user);
    if (this.users.get(user.key) === user) this.users.delete(user.key);
    if (this.usersByToken.get(user.tokenHash) === user) this.usersByToken.delete(user.tokenHash);
    this.options.store.deleteSession(user.lineage);
    if (user.peer !== null) this.identified.delete(user.peer);
  }

  private clearUserTimers(user: User): void {
    clearTimeout(user.graceTimer);
    clearTimeout(user.typingTimer);
    user.graceTimer = undefined;
    user.typingTimer = undefined;
  }

  /** Closes a connection from the server side; what follows for its user is the caller's. */
  private closePeer(peer: Peer, code: number, reason: string): void {
    if (peer.closed) return;
    this.forget(peer);
    peer.link.close(code, reason);
  }

  private forget(peer: Peer): void {
    peer.closed = true;
    clearTimeout(peer.identificationTimer);
    this.peers.delete(peer);
    this.identified.delete(peer);
    const left = (this.connectionsByAddress.get(peer.link.address) ?? 1) - 1;
    if (left === 0) this.connectionsByAddress.delete(peer.link.address);
    else this.connectionsByAddress.set(peer.link.address, left);
    this.options.log.info({ peer: peer.id, user: peer.user?.name }, 'connection closed');
    if (this.events.listening) {
      this.events.emit({ type: 'disconnection', address: peer.link.address, transport: peer.link.transport });
    }
  }

  // ------------------------------------------------------------------ frames out

  private countRefusal(code: string, peer: Peer): void {
    this.counters.refusedByCode[code] = (this.counters.refusedByCode[code] ?? 0) + 1;
    if (this.events.listening) this.events.emit({ type: 'refused', code, address: peer.link.address });
  }

  private refuse(peer: Peer, codigo: ErrorCode, detalle: string, ref?: string): void {
    this.countRefusal(codigo, peer);
    this.send(peer, new Outbound({ tipo: 'error', codigo, detalle, ...(ref !== undefined && { ref }) }));
    // Refusals the client could not avoid (the backend is down) do not count toward 1008.
    if (codigo !== 'no_disponible' && peer.limits.refusals.recordAndCheckFull(Date.now())) {
      this.drop(peer, CloseCode.policy, 'demasiadas tramas rechazadas', 'conexion_perdida');
    }
  }

  /** To every identified connection but `except`; one Outbound, encoded once. */
  private broadcast(out: Outbound, except?: Peer): void {
    for (const peer of this.identified) if (peer !== except) this.send(peer, out);
  }

  private send(peer: Peer, out: Outbound): void {
    if (peer.closed) return;
    if (peer.link.bufferedBytes() + out.byteLength > this.options.outboundQueueBytes) {
      return this.drop(peer, CloseCode.tooSlow, 'no lee lo bastante rápido', 'lento');
    }
    this.counters.bytesOut += out.byteLength;
    this.counters.deliveries++;
    peer.link.send(out);
  }

  /** The server ends a connection that misbehaved or fell behind; its user is held. */
  private drop(peer: Peer, code: number, reason: string, motivo: LeaveReason): void {
    const user = peer.user;
    this.options.log.info({ peer: peer.id, user: user?.name, code }, 'connection dropped');
    this.closePeer(peer, code, reason);
    if (user !== null && user.peer === peer) this.hold(user, motivo);
  }
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

function messageEvent({ frame }: StoredMessage): HubEvent {
  return frame.tipo === 'mensaje'
    ? { type: 'message', id: frame.id, sender: frame.remitente, content: frame.contenido }
    : { type: 'private', id: frame.id, sender: frame.remitente, recipient: frame.para };
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** The `ref` of a frame that may carry one, to echo in an `error`. */
function refOf(frame: object): string | undefined {
  return 'ref' in frame && typeof frame.ref === 'string' ? frame.ref : undefined;
}


export type { HistoryEntry, ServerFrame };
