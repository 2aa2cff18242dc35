/**
 * Presence: telling everyone who came and who went (`usuario_conectado`,
 * `usuario_desconectado`, the event stream's join and leave), and who is typing
 * (`escribiendo`: at most one per second, expiring after 6 s without a refresh, told to the
 * other nodes of a cluster too). Owns the typing timers: a user types while presence holds
 * a timer for them.
 */
import type { LeaveReason } from '@charla/protocol';
import { TYPING_EXPIRY_MS } from '@charla/protocol';
import type { Connections, Peer } from './connections.js';
import type { HubEvents } from './events.js';
import type { Gate } from './gate.js';
import { Outbound } from './outbound.js';
import type { Clock, ClusterPort } from './ports.js';
import { iso } from './ports.js';
import type { User } from './sessions.js';

export interface PresenceDeps {
  readonly connections: Connections;
  readonly gate: Gate;
  readonly events: HubEvents;
  readonly clock: Clock;
  readonly cluster: ClusterPort | undefined;
}

export class Presence {
  private readonly typing = new Map<User, NodeJS.Timeout>();

  constructor(private readonly deps: PresenceDeps) {}

  /** `usuario_conectado` to everyone here but the user's own connection. */
  joined(user: User, except?: Peer): void {
    const { connections, events, clock } = this.deps;
    connections.broadcast(new Outbound({ tipo: 'usuario_conectado', nombre: user.name, marca_tiempo: iso(clock.now()) }), except);
    if (events.listening) events.emit({ type: 'join', name: user.name, address: user.address });
  }

  /** `usuario_desconectado` to everyone here but the user's own connection (nobody during shutdown). */
  left(user: User, motivo: string): void {
    const { connections, events, clock, gate } = this.deps;
    if (events.listening) events.emit({ type: 'leave', name: user.name, reason: motivo });
    if (gate.closing) return;
    connections.broadcast(
      new Outbound({ tipo: 'usuario_desconectado', nombre: user.name, motivo: motivo as LeaveReason, marca_tiempo: iso(clock.now()) }),
      user.peer ?? undefined,
    );
  }

  /** `escribiendo` from a client. */
  onEscribiendo(peer: Peer, user: User, activo: boolean): void {
    if (!activo) return this.stopTyping(user);
    // One per second; extra ones are dropped silently (docs/protocol.md).
    if (!peer.limits.typing.tryTake(this.deps.clock.now())) return;
    const before = this.typing.get(user);
    clearTimeout(before);
    const timer = setTimeout(() => this.stopTyping(user), TYPING_EXPIRY_MS);
    timer.unref();
    this.typing.set(user, timer);
    if (before === undefined) this.changed(user, true);
  }

  /** The user stopped typing (said so, sent a message, expired, or was lost): the others are told. */
  stopTyping(user: User): void {
    // Nobody types: the common case on a message's way costs no lookup.
    if (this.typing.size === 0) return;
    const timer = this.typing.get(user);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.typing.delete(user);
    this.changed(user, false);
  }

  /** Forgets the user's typing without telling anyone (they are gone, or moved to another node). */
  forget(user: User): void {
    clearTimeout(this.typing.get(user));
    this.typing.delete(user);
  }

  /** Shutdown: every typing timer goes, silently. */
  forgetAll(): void {
    for (const timer of this.typing.values()) clearTimeout(timer);
    this.typing.clear();
  }

  /** Another node's user started or stopped typing. */
  remoteTyping(name: string, activo: boolean): void {
    this.deps.connections.broadcast(new Outbound({ tipo: 'escribiendo', nombre: name, activo }));
  }

  private changed(user: User, activo: boolean): void {
    const { connections, gate, cluster } = this.deps;
    connections.broadcast(new Outbound({ tipo: 'escribiendo', nombre: user.name, activo }), user.peer ?? undefined);
    if (gate.available) cluster?.notify({ t: 'typing', name: user.name, activo });
  }
}
