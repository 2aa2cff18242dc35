/**
 * The Hub: the chat's rules (docs/protocol.md) behind one façade, with no sockets and no HTTP.
 * Transports hold only its `connect` (a Link in, a PeerHandle out) and feed it text frames;
 * the Hub decodes each one and routes it to the module whose job it is. The admin API holds
 * its `operator` and `events`. The modules, each owning its own state:
 *
 *   connections  links, identified ones, per-address counts, send/refuse/close, traffic
 *   admission    identification checks, as pure functions;  gate: accepting, available, closing
 *   sessions     users, tokens, join, resume, grace, leave, the store's session records
 *   delivery     ids, refs and acks, commits waiting for the store, fan-out
 *   presence     joins and leaves told to everyone, typing
 *   queries      aceptado, historial, usuarios
 *   operator     what the admin API calls
 *   cluster-sync identification in a cluster, and what the cluster tells this node
 *
 * The ports (ports.ts) are the only way out: Store, ClusterPort, Clock, Logger.
 */
import type { ClientFrameOf } from '@charla/protocol';
import { CloseCode, decode } from '@charla/protocol';
import type { Refusal } from './admission.js';
import { checkEntry, checkSeat, isRefusal } from './admission.js';
import { Bans } from './bans.js';
import { ClusterSync } from './cluster-sync.js';
import type { ConnectionOptions, Peer } from './connections.js';
import { Connections } from './connections.js';
import type { DeliveryOptions } from './delivery.js';
import { Delivery } from './delivery.js';
import { HubEvents } from './events.js';
import { Gate } from './gate.js';
import type { ChatEntrance, Link, LinkEnd, PeerHandle } from './link.js';
import type { HubStats } from './operator.js';
import { Operator } from './operator.js';
import { Outbound } from './outbound.js';
import type { Clock, ClusterPort, Logger, Store } from './ports.js';
import { systemClock } from './ports.js';
import { Presence } from './presence.js';
import type { QueryOptions } from './queries.js';
import { Queries } from './queries.js';
import type { User } from './sessions.js';
import { Sessions } from './sessions.js';
import { newToken } from './tokens.js';

/** The modules' options (each says which it reads), and the Hub's own. */
export interface HubOptions extends ConnectionOptions, DeliveryOptions, QueryOptions {
  readonly store: Store;
  readonly log: Logger;
  /** Where rules read the time; the system clock unless a test drives it. */
  readonly clock?: Clock;
  readonly maxConnections: number;
  readonly maxPerAddress: number;
  readonly joinSecret?: string | undefined;
  /** Names refused besides `servidor`, `sistema`, `admin` (compared by key). */
  readonly reservedNames?: readonly string[];
  /** Cluster mode: ids, names and presence are decided there (see ports.ts). */
  readonly cluster?: ClusterPort | undefined;
}

export class Hub implements ChatEntrance {
  /** What happens here, for the admin event stream and metrics. */
  readonly events: HubEvents;
  /** What the admin API calls. */
  readonly operator: Operator;
  private readonly gate: Gate;
  private readonly bans: Bans;
  private readonly connections: Connections;
  private readonly presence: Presence;
  private readonly sessions: Sessions;
  private readonly delivery: Delivery;
  private readonly queries: Queries;
  private readonly clusterSync: ClusterSync | undefined;
  private readonly clock: Clock;

  constructor(private readonly options: HubOptions) {
    const { store, log, cluster } = options;
    const clock = (this.clock = options.clock ?? systemClock);
    const events = (this.events = new HubEvents(log));
    const gate = (this.gate = new Gate(cluster !== undefined));
    const bans = (this.bans = new Bans(store, clock, cluster && ((t, ban) => cluster.notify({ t, ban }))));
    const connections = (this.connections = new Connections(options, log, events, clock));
    const presence = (this.presence = new Presence({ connections, gate, events, clock, cluster }));
    const sessions = (this.sessions = new Sessions({ store, connections, presence, clock, log, cluster }, options.graceMs));
    connections.onDropped = (user, motivo) => sessions.hold(user, motivo);
    const delivery = (this.delivery = new Delivery({ store, connections, sessions, presence, gate, events, clock, log, cluster }, options));
    this.queries = new Queries({ store, sessions, delivery, connections, clock }, options);
    const operator = (this.operator = new Operator({ sessions, connections, delivery, bans, store, gate, clock, log, cluster }));
    if (cluster === undefined) {
      sessions.restore();
      return;
    }
    const welcome = {
      join: (peer: Peer, user: User, token: string) => this.join(peer, user, token),
      resume: (peer: Peer, user: User, desde: number | undefined, token: string) => this.resume(peer, user, desde, token),
      refuse: (peer: Peer, refusal: Refusal) => this.refuse(peer, refusal),
    };
    this.clusterSync = new ClusterSync({ cluster, sessions, connections, presence, delivery, operator, bans, store, gate, events, clock, log, welcome });
    cluster.start(this.clusterSync, store.lastId());
  }

  /** A transport calls this for every new connection. */
  connect(link: Link): PeerHandle {
    const peer = this.connections.add(link);
    const closing = this.gate.closingNotice;
    if (closing !== null) {
      this.connections.send(peer, closing.out);
      this.connections.close(peer, CloseCode.shuttingDown, closing.motivo);
    }
    return {
      receive: (text) => this.receive(peer, text),
      ended: (how) => this.ended(peer, how),
    };
  }

  /**
   * Shutdown: every connection, identified or not, gets `servidor_cerrando` and is closed
   * with 1001; nobody is told anyone left (docs/protocol.md). Sessions stay in the store:
   * after a restart within the grace period, clients resume.
   */
  shutdown(motivo: string, reintentarEnMs?: number): void {
    const out = new Outbound({ tipo: 'servidor_cerrando', motivo, ...(reintentarEnMs !== undefined && { reintentar_en_ms: reintentarEnMs }) });
    this.gate.close({ out, motivo });
    this.connections.closeAll(out, CloseCode.shuttingDown, motivo);
    this.sessions.shutdown();
  }

  /** Told how long each store write took (seconds), for metrics. */
  observeStoreWrites(observer: (seconds: number) => void): void {
    this.delivery.onStoreWrite = observer;
  }

  // The embedding API other packages' tests use on `app.hub`: each one is the operator's.

  kick(name: string, motivo: string): boolean {
    return this.operator.kick(name, motivo) !== undefined;
  }

  setAccepting(accepting: boolean, disconnectAll?: boolean, motivo?: string): void {
    this.operator.setAccepting(accepting, disconnectAll, motivo);
  }

  stats(): HubStats {
    return this.operator.stats();
  }

  // ------------------------------------------------------------------ frames in

  private receive(peer: Peer, text: string): void {
    if (peer.closed) return;
    const { connections } = this;
    connections.received(text);
    const decoded = decode(text);
    if (!decoded.ok) return connections.refuse(peer, decoded.codigo, decoded.detalle, decoded.ref);
    const frame = decoded.frame;
    const user = peer.user;
    if (user === null) {
      if (peer.identifying) return connections.refuse(peer, 'no_identificado', 'la identificación está en curso', refOf(frame));
      if (frame.tipo === 'identificacion') return this.identify(peer, frame);
      return connections.refuse(peer, 'no_identificado', 'identifícate primero con "identificacion"', refOf(frame));
    }
    user.lastActivity = this.clock.now();
    switch (frame.tipo) {
      case 'identificacion':
        return connections.refuse(peer, 'ya_identificado', `ya estás identificado como ${user.name}`);
      case 'mensaje':
        return this.delivery.onMensaje(peer, user, frame);
      case 'privado':
        return this.delivery.onPrivado(peer, user, frame);
      case 'escribiendo':
        return this.presence.onEscribiendo(peer, user, frame.activo);
      case 'historial':
        return this.queries.onHistorial(peer, user, frame);
      case 'usuarios':
        return this.queries.onUsuarios(peer);
      case 'ping':
        return connections.send(peer, new Outbound({ tipo: 'pong', ...(frame.ref !== undefined && { ref: frame.ref }) }));
      case 'desconexion':
        this.sessions.leave(user, 'salida');
        return connections.close(peer, CloseCode.normal, 'hasta pronto');
    }
  }

  private identify(peer: Peer, frame: ClientFrameOf<'identificacion'>): void {
    const { options, gate, sessions, connections } = this;
    const entry = checkEntry(frame, { accepting: gate.accepting, available: gate.available, joinSecret: options.joinSecret, reservedNames: options.reservedNames });
    if (isRefusal(entry)) return this.refuse(peer, entry);
    const { name, key } = entry;
    const resumed = sessions.resumable(key, frame.token);
    const refusal = checkSeat({
      name,
      ban: this.bans.match(key, peer.link.address),
      taken: sessions.has(key),
      resumes: resumed !== undefined,
      // In a cluster, a token this node does not know may still be valid: the cluster decides.
      mayResume: this.clusterSync !== undefined && frame.token !== undefined,
      replacing: resumed?.peer != null,
      connections: connections.count,
      fromAddress: connections.fromAddress(peer.link.address),
      maxConnections: options.maxConnections,
      maxPerAddress: options.maxPerAddress,
    });
    if (refusal !== undefined) return this.refuse(peer, refusal);
    if (this.clusterSync !== undefined) return this.clusterSync.identify(peer, frame, name, key);
    if (resumed !== undefined) return this.resume(peer, resumed, frame.desde, newToken());
    this.join(peer, sessions.newUser(name, key), newToken());
  }

  private refuse(peer: Peer, { motivo, detalle }: Refusal): void {
    this.options.log.info({ peer: peer.id, motivo }, 'identification refused');
    this.connections.countRefusal(motivo, peer);
    this.connections.send(peer, new Outbound({ tipo: 'rechazado', motivo, detalle }));
    this.connections.close(peer, CloseCode.identificationRefused, motivo);
  }

  private join(peer: Peer, user: User, token: string): void {
    this.sessions.join(peer, user, token);
    this.connections.send(peer, this.queries.aceptado(user, token, false, undefined));
    this.presence.joined(user, peer);
    this.options.log.info({ peer: peer.id, user: user.name }, 'user joined');
  }

  private resume(peer: Peer, user: User, desde: number | undefined, token: string): void {
    const old = this.sessions.resume(peer, user, token);
    this.connections.send(peer, this.queries.aceptado(user, token, true, desde));
    this.options.log.info({ peer: peer.id, user: user.name, replaced: old?.id }, 'user resumed');
  }

  private ended(peer: Peer, how: LinkEnd): void {
    // Closed by the server, which has already dealt with the user.
    if (!this.connections.ended(peer)) return;
    const user = peer.user;
    if (user === null || user.peer !== peer) return;
    if (how === 'left') this.sessions.leave(user, 'salida');
    else this.sessions.hold(user, 'conexion_perdida');
  }
}

/** The `ref` of a frame that may carry one, to echo in an `error`. */
function refOf(frame: object): string | undefined {
  return 'ref' in frame && typeof frame.ref === 'string' ? frame.ref : undefined;
}
