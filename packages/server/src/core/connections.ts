/**
 * Connections: every open link, which of them are identified (broadcasts reach those), how
 * many come from each address (for the caps), each one's identification deadline and rate
 * windows, and the traffic counters. Everything the core writes to a link goes through
 * here: `send` keeps the outbound queue bound (4004), `refuse` answers `error` and closes a
 * connection refused too often (1008), `close` ends a link from the server's side.
 */
import type { ErrorCode, LeaveReason } from '@charla/protocol';
import { CloseCode, QUERIES_PER_10S, REFUSALS_PER_10S, TYPING_PER_SECOND } from '@charla/protocol';
import type { HubEvents } from './events.js';
import type { Link } from './link.js';
import { Outbound } from './outbound.js';
import type { Clock, Logger } from './ports.js';
import { SlidingWindow } from './rate.js';
import type { User } from './sessions.js';

const WINDOW_10S = 10_000;

/** One connection, identified or not. */
export class Peer {
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

export interface ConnectionOptions {
  readonly messagesPer10s: number;
  readonly identificationMs: number;
  readonly outboundQueueBytes: number;
}

/** Frames and bytes in and out, and refusals by code, since the start (for stats and metrics). */
export interface Traffic {
  readonly bytesIn: number;
  readonly bytesOut: number;
  readonly deliveries: number;
  readonly refusedByCode: Record<string, number>;
}

export class Connections {
  private readonly all = new Set<Peer>();
  private readonly identified = new Set<Peer>();
  private readonly byAddress = new Map<string, number>();
  private nextId = 1;
  private readonly counters = { bytesIn: 0, bytesOut: 0, deliveries: 0, refusedByCode: {} as Record<string, number> };
  /** What follows for the user of a connection the server dropped (the Hub: they are held). */
  onDropped: (user: User, motivo: LeaveReason) => void = () => undefined;

  constructor(
    private readonly options: ConnectionOptions,
    private readonly log: Logger,
    private readonly events: HubEvents,
    private readonly clock: Clock,
  ) {}

  /** A new connection: counted, and closed with 4002 unless it identifies in time. */
  add(link: Link): Peer {
    const peer = new Peer(this.nextId++, link, this.options.messagesPer10s);
    this.all.add(peer);
    this.byAddress.set(link.address, (this.byAddress.get(link.address) ?? 0) + 1);
    this.log.info({ peer: peer.id, address: link.address, transport: link.transport }, 'connection opened');
    if (this.events.listening) this.events.emit({ type: 'connection', address: link.address, transport: link.transport });
    peer.identificationTimer = setTimeout(() => {
      if (peer.user === null) this.close(peer, CloseCode.identificationTimeout, 'sin identificación a tiempo');
    }, this.options.identificationMs);
    peer.identificationTimer.unref();
    return peer;
  }

  /** Open connections, identified or not. */
  get count(): number {
    return this.all.size;
  }

  fromAddress(address: string): number {
    return this.byAddress.get(address) ?? 0;
  }

  /** The connection is `user`'s now: it gets broadcasts, and its identification deadline is gone. */
  identify(peer: Peer, user: User): void {
    clearTimeout(peer.identificationTimer);
    // Dropped, not just cleared: a spent timer and its closure would stay for the session.
    peer.identificationTimer = undefined;
    peer.user = user;
    this.identified.add(peer);
  }

  /** No more broadcasts to it (its user is held, left, or is someone else's now). */
  unlist(peer: Peer): void {
    this.identified.delete(peer);
  }

  /** A frame came in. */
  received(text: string): void {
    this.counters.bytesIn += text.length;
  }

  send(peer: Peer, out: Outbound): void {
    if (peer.closed) return;
    if (peer.link.bufferedBytes() + out.byteLength > this.options.outboundQueueBytes) {
      return this.drop(peer, CloseCode.tooSlow, 'no lee lo bastante rápido', 'lento');
    }
    this.counters.bytesOut += out.byteLength;
    this.counters.deliveries++;
    peer.link.send(out);
  }

  /** To every identified connection but `except`; one Outbound, encoded once. */
  broadcast(out: Outbound, except?: Peer): void {
    for (const peer of this.identified) if (peer !== except) this.send(peer, out);
  }

  /** `error{codigo}` (the ref echoed); the 20th refusal within 10 s closes the connection (1008). */
  refuse(peer: Peer, codigo: ErrorCode, detalle: string, ref?: string): void {
    this.countRefusal(codigo, peer);
    this.send(peer, new Outbound({ tipo: 'error', codigo, detalle, ...(ref !== undefined && { ref }) }));
    // Refusals the client could not avoid (the backend is down) do not count toward 1008.
    if (codigo !== 'no_disponible' && peer.limits.refusals.recordAndCheckFull(this.clock.now())) {
      this.drop(peer, CloseCode.policy, 'demasiadas tramas rechazadas', 'conexion_perdida');
    }
  }

  /** A refused frame or identification, by code, for stats and the event stream. */
  countRefusal(code: string, peer: Peer): void {
    this.counters.refusedByCode[code] = (this.counters.refusedByCode[code] ?? 0) + 1;
    if (this.events.listening) this.events.emit({ type: 'refused', code, address: peer.link.address });
  }

  /** `out` to every connection, identified or not, then closed with `code` (shutdown, disconnect all). */
  closeAll(out: Outbound, code: number, reason: string): void {
    for (const peer of this.all) {
      this.send(peer, out);
      this.close(peer, code, reason);
    }
  }

  /** Closes a connection from the server side; what follows for its user is the caller's. */
  close(peer: Peer, code: number, reason: string): void {
    if (peer.closed) return;
    this.forget(peer);
    peer.link.close(code, reason);
  }

  /** The transport saw the link end. False when the server had closed it (and dealt with its user). */
  ended(peer: Peer): boolean {
    if (peer.closed) return false;
    this.forget(peer);
    return true;
  }

  traffic(): Traffic {
    return { ...this.counters, refusedByCode: { ...this.counters.refusedByCode } };
  }

  /** The server ends a connection that misbehaved or fell behind; its user is held. */
  private drop(peer: Peer, code: number, reason: string, motivo: LeaveReason): void {
    const user = peer.user;
    this.log.info({ peer: peer.id, user: user?.name, code }, 'connection dropped');
    this.close(peer, code, reason);
    if (user !== null && user.peer === peer) this.onDropped(user, motivo);
  }

  private forget(peer: Peer): void {
    peer.closed = true;
    clearTimeout(peer.identificationTimer);
    this.all.delete(peer);
    this.identified.delete(peer);
    const left = (this.byAddress.get(peer.link.address) ?? 1) - 1;
    if (left === 0) this.byAddress.delete(peer.link.address);
    else this.byAddress.set(peer.link.address, left);
    this.log.info({ peer: peer.id, user: peer.user?.name }, 'connection closed');
    if (this.events.listening) {
      this.events.emit({ type: 'disconnection', address: peer.link.address, transport: peer.link.transport });
    }
  }
}
