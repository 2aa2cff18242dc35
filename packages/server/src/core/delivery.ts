/**
 * Delivery: a message's way from its frame to every screen that may show it. Owns the id
 * sequence (ids given, the last one delivered), the commits waiting for the store (broadcast
 * and acked only once durable, always in id order), who is owed an `acuse` (a re-send that
 * came while its message was still in flight included), and the fan-out: one Outbound per
 * message, the same bytes for every recipient. In a cluster the ids come from the cluster,
 * and every message, this node's own included, comes back through `fromCluster`.
 */
import type { ClientFrameOf } from '@charla/protocol';
import { nameKey, normalizeName } from '@charla/protocol';
import type { Connections, Peer } from './connections.js';
import type { HubEvent, HubEvents } from './events.js';
import type { Gate } from './gate.js';
import { Outbound } from './outbound.js';
import type { Clock, ClusterPort, Draft, Logger, Store, StoredMessage } from './ports.js';
import { iso } from './ports.js';
import type { Presence } from './presence.js';
import { SentRefs } from './refs.js';
import type { Sessions, User } from './sessions.js';

/** A ref whose message is on its way to the cluster: a re-send is neither sent nor acked. */
const IN_FLIGHT = Number.POSITIVE_INFINITY;
const NOT_SAVED = 'no se pudo guardar el mensaje; reintenta';
const RETRY_WHEN_RESUMED = 'el chat está en pausa; se reanudará solo';

/** A message accepted and waiting for the store before it is broadcast. */
interface Pending {
  readonly stored: StoredMessage;
  state: 'writing' | 'durable' | 'failed';
}

export interface DeliveryDeps {
  readonly store: Store;
  readonly connections: Connections;
  readonly sessions: Sessions;
  readonly presence: Presence;
  readonly gate: Gate;
  readonly events: HubEvents;
  readonly clock: Clock;
  readonly log: Logger;
  readonly cluster: ClusterPort | undefined;
}

export interface DeliveryOptions {
  readonly contentMax: number;
  readonly messagesPer10s: number;
}

export class Delivery {
  private lastId: number;
  private deliveredId: number;
  private readonly pending: Pending[] = [];
  /** Who is waiting for the `acuse` of each message id not delivered yet. */
  private readonly acks = new Map<number, { readonly user: User; readonly ref: string }>();
  private total = 0;
  /** Told how long each store write took (seconds), for metrics. */
  onStoreWrite: ((seconds: number) => void) | undefined;

  constructor(
    private readonly deps: DeliveryDeps,
    private readonly options: DeliveryOptions,
  ) {
    this.lastId = deps.store.lastId();
    this.deliveredId = this.lastId;
  }

  /** The newest id delivered: what history may show, and `aceptado.ultimo_id`. */
  get delivered(): number {
    return this.deliveredId;
  }

  /** Messages accepted since the start (public and private). */
  get messagesTotal(): number {
    return this.total;
  }

  onMensaje(peer: Peer, user: User, frame: ClientFrameOf<'mensaje'>): void {
    const { ref } = frame;
    if (frame.remitente !== undefined && frame.remitente.normalize('NFKC').trim() !== user.name) {
      return this.deps.connections.refuse(peer, 'origen_invalido', 'el remitente no es el nombre de esta sesión', ref);
    }
    if (!this.acceptable(peer, user, frame.contenido, ref)) return;
    const message = { tipo: 'mensaje', remitente: user.name, contenido: frame.contenido, marca_tiempo: iso(this.deps.clock.now()) } as const;
    this.accept(user, { frame: message, senderLineage: user.lineage, ref });
  }

  onPrivado(peer: Peer, user: User, frame: ClientFrameOf<'privado'>): void {
    const { ref } = frame;
    if (!this.acceptable(peer, user, frame.contenido, ref)) return;
    const to = normalizeName(frame.para);
    const target = to.ok ? this.deps.sessions.get(nameKey(to.name)) : undefined;
    if (target === undefined) {
      return this.deps.connections.refuse(peer, 'destinatario_desconocido', `no hay nadie conectado con el nombre «${frame.para}»`, ref);
    }
    const message = {
      tipo: 'privado',
      remitente: user.name,
      para: target.name,
      contenido: frame.contenido,
      marca_tiempo: iso(this.deps.clock.now()),
    } as const;
    this.accept(user, { frame: message, senderLineage: user.lineage, ref, recipientLineage: target.lineage });
  }

  /** A message the cluster ordered (this node's own included). */
  fromCluster(message: StoredMessage): void {
    this.total++;
    this.commit(message);
  }

  /**
   * The checks a message passes before it gets an id, in docs/protocol.md's order (content, then
   * frequency). A re-sent ref that was already accepted is acked again instead.
   */
  private acceptable(peer: Peer, user: User, contenido: string, ref: string | undefined): boolean {
    const { connections, gate, clock } = this.deps;
    if (contenido.trim() === '') {
      connections.refuse(peer, 'contenido_vacio', 'el mensaje está vacío', ref);
      return false;
    }
    if (contenido.length > this.options.contentMax && codePoints(contenido) > this.options.contentMax) {
      connections.refuse(peer, 'demasiado_grande', `el mensaje pasa de ${this.options.contentMax} caracteres`, ref);
      return false;
    }
    const known = ref === undefined ? undefined : user.refs?.get(ref);
    if (ref !== undefined && known !== undefined) {
      // Already accepted: ack again now if it is delivered, else along with the first send.
      if (known <= this.deliveredId) connections.send(peer, new Outbound({ tipo: 'acuse', ref, id: known }));
      else user.refs?.markResent(ref);
      return false;
    }
    if (!gate.available) {
      // Held by the client and re-sent after estado{disponible:true}; not counted toward 1008.
      connections.refuse(peer, 'no_disponible', RETRY_WHEN_RESUMED, ref);
      return false;
    }
    if (!peer.limits.messages.tryTake(clock.now())) {
      this.refuseRate(peer, ref);
      return false;
    }
    return true;
  }

  /** An accepted message gets its id: here, or from the cluster (delivered when it comes back). */
  private accept(user: User, draft: Draft): void {
    this.deps.presence.stopTyping(user);
    const { ref } = draft;
    const { cluster } = this.deps;
    if (cluster === undefined) {
      const id = ++this.lastId;
      user.messagesSent++;
      this.total++;
      if (ref !== undefined) this.awaitAck(user, ref, id);
      this.commit({ ...draft, frame: { ...draft.frame, id } } as StoredMessage);
      return;
    }
    if (ref !== undefined) remember(user, ref, IN_FLIGHT);
    cluster.submit(draft).then(
      (result) => {
        if ('limited' in result) {
          // Sessions of this user on other nodes (or before a resume) used up the window.
          if (ref !== undefined) user.refs?.forget(ref);
          if (user.peer !== null) this.refuseRate(user.peer, ref);
          return;
        }
        if (!result.duplicate) user.messagesSent++;
        const { id } = result;
        if (ref === undefined) return;
        if (id > this.deliveredId) return this.awaitAck(user, ref, id);
        remember(user, ref, id);
        this.ack(user, ref, id);
      },
      (error: unknown) => {
        this.deps.log.warn({ err: error, user: user.name }, 'cluster refused a message');
        if (ref !== undefined) user.refs?.forget(ref);
        if (user.peer !== null) this.deps.connections.refuse(user.peer, 'no_disponible', RETRY_WHEN_RESUMED, ref);
      },
    );
  }

  private refuseRate(peer: Peer, ref: string | undefined): void {
    this.deps.connections.refuse(peer, 'limite_de_frecuencia', `más de ${this.options.messagesPer10s} mensajes en 10 s`, ref);
  }

  private awaitAck(user: User, ref: string, id: number): void {
    remember(user, ref, id);
    this.acks.set(id, { user, ref });
  }

  /** The acuse of a delivered message: for its first send and each re-send that came meanwhile. */
  private ack(user: User, ref: string, id: number): void {
    const sends = 1 + (user.refs?.takeResent(ref) ?? 0);
    if (user.peer === null) return;
    const out = new Outbound({ tipo: 'acuse', ref, id });
    for (let i = 0; i < sends; i++) this.deps.connections.send(user.peer, out);
  }

  /**
   * Broadcast and ack only after the store accepted the message durably, and always in id
   * order, even if writes complete out of order.
   */
  private commit(stored: StoredMessage): void {
    const item: Pending = { stored, state: 'writing' };
    this.pending.push(item);
    const started = performance.now();
    this.deps.store.append(stored).then(
      () => {
        this.onStoreWrite?.((performance.now() - started) / 1000);
        item.state = 'durable';
        this.flushPending();
      },
      (error: unknown) => {
        this.deps.log.error({ err: error, id: stored.frame.id }, 'store refused a message');
        item.state = 'failed';
        this.flushPending();
      },
    );
  }

  private flushPending(): void {
    const { gate, events, connections, cluster } = this.deps;
    while (this.pending[0] !== undefined && this.pending[0].state !== 'writing') {
      const item = this.pending.shift() as Pending;
      if (gate.closing) continue;
      const id = item.stored.frame.id;
      const ack = this.acks.get(id);
      this.acks.delete(id);
      // In a cluster the message is already accepted for everyone: a local write failure
      // costs this node's history, not the delivery.
      if (item.state === 'failed' && cluster === undefined) {
        if (ack === undefined) continue;
        ack.user.refs?.forget(ack.ref);
        if (ack.user.peer !== null) connections.refuse(ack.user.peer, 'no_disponible', NOT_SAVED, ack.ref);
        continue;
      }
      this.deliveredId = id;
      this.deliver(item.stored);
      if (events.listening) events.emit(messageEvent(item.stored));
      if (ack !== undefined) this.ack(ack.user, ack.ref, id);
    }
  }

  /** A public message to everyone here; a private one to its sender's and recipient's sessions here. */
  private deliver({ frame, senderLineage, recipientLineage }: StoredMessage): void {
    const { connections } = this.deps;
    const out = new Outbound(frame);
    if (frame.tipo === 'mensaje') return connections.broadcast(out);
    const sender = this.sessionHere(frame.remitente, senderLineage);
    const recipient = this.sessionHere(frame.para, recipientLineage);
    if (recipient !== undefined) connections.send(recipient, out);
    if (sender !== undefined && sender !== recipient) connections.send(sender, out);
  }

  private sessionHere(name: string, lineage: string | undefined): Peer | undefined {
    const user = this.deps.sessions.get(nameKey(name));
    return user !== undefined && user.lineage === lineage ? (user.peer ?? undefined) : undefined;
  }
}

/** Remembers `ref` for the user's lineage (the memory is made by its first ref). */
function remember(user: User, ref: string, id: number): void {
  (user.refs ??= new SentRefs()).remember(ref, id);
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
