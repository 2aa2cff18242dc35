/**
 * Queries: what a session reads. The `aceptado` it gets on identifying (the user list, the
 * history it may see: the newest on a join, everything after `desde` on a resume, and the
 * server's limits), `historial` pages and the `usuarios` list; every list cut to the
 * list-frame bound (256 KiB), and saying so. Reads go up to the last delivered id only.
 */
import type { ClientFrameOf, ServerAceptado } from '@charla/protocol';
import { HISTORY_KEEP, HISTORY_PAGE_DEFAULT, HISTORY_PAGE_MAX, LIST_FRAME_MAX_BYTES, PROTOCOL_VERSION, QUERIES_PER_10S } from '@charla/protocol';
import type { Connections, Peer } from './connections.js';
import type { Delivery } from './delivery.js';
import { fitFirst, fitNewest } from './history.js';
import { Outbound } from './outbound.js';
import type { Clock, Store } from './ports.js';
import { iso } from './ports.js';
import type { Sessions, User } from './sessions.js';

/** Room left in a list frame for everything but the list. */
const LIST_FRAME_OVERHEAD = 4096;

export interface QueryDeps {
  readonly store: Store;
  readonly sessions: Sessions;
  readonly delivery: Delivery;
  readonly connections: Connections;
  readonly clock: Clock;
}

/** What `aceptado` tells a client about this server: its name and version, what a join shows, its limits. */
export interface QueryOptions {
  readonly serverName: string;
  readonly version: string;
  /** Messages in a fresh join's `aceptado`. */
  readonly historyOnJoin: number;
  readonly contentMax: number;
  readonly frameMaxBytes: number;
  readonly messagesPer10s: number;
  readonly identificationMs: number;
  readonly pingMs: number;
  /** How long a lost user's name is held (sessions); told to clients as `gracia_ms`. */
  readonly graceMs: number;
}

export class Queries {
  constructor(
    private readonly deps: QueryDeps,
    private readonly options: QueryOptions,
  ) {}

  /** The `aceptado` of a join (`reanudado` false) or a resume from `desde`. */
  aceptado(user: User, token: string, reanudado: boolean, desde: number | undefined): Outbound {
    const { store, sessions, delivery } = this.deps;
    const { options } = this;
    const names = fitFirst(
      Array.from(sessions.values(), (u) => u.name),
      LIST_FRAME_MAX_BYTES / 2,
    );
    const page = store.history(user, {
      ...(reanudado && desde !== undefined ? { after: desde } : {}),
      upTo: delivery.delivered,
      limit: reanudado && desde !== undefined ? HISTORY_KEEP : options.historyOnJoin,
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
      ultimo_id: delivery.delivered,
      token,
      servidor: { nombre: options.serverName, version: options.version },
      limites: {
        contenido_max: options.contentMax,
        trama_max_bytes: options.frameMaxBytes,
        mensajes_por_10s: options.messagesPer10s,
        identificacion_ms: options.identificationMs,
        ping_ms: options.pingMs,
        gracia_ms: options.graceMs,
      },
    };
    return new Outbound(aceptado);
  }

  onHistorial(peer: Peer, user: User, frame: ClientFrameOf<'historial'>): void {
    if (!this.mayQuery(peer)) return;
    const limit = Math.min(frame.limite ?? HISTORY_PAGE_DEFAULT, HISTORY_PAGE_MAX);
    const page = this.deps.store.history(user, {
      ...(frame.antes !== undefined && { before: frame.antes }),
      upTo: this.deps.delivery.delivered,
      limit,
    });
    const fitted = fitNewest(page.messages.map((m) => m.frame), LIST_FRAME_MAX_BYTES - LIST_FRAME_OVERHEAD);
    this.deps.connections.send(peer, new Outbound({ tipo: 'historial', mensajes: fitted.kept, completo: !page.more && !fitted.cut }));
  }

  onUsuarios(peer: Peer): void {
    if (!this.mayQuery(peer)) return;
    const rows = Array.from(this.deps.sessions.values(), (u) => ({ nombre: u.name, desde: iso(u.since) }));
    const fitted = fitFirst(rows, LIST_FRAME_MAX_BYTES - LIST_FRAME_OVERHEAD);
    this.deps.connections.send(peer, new Outbound({ tipo: 'usuarios', usuarios: fitted.kept, completo: !fitted.cut }));
  }

  /** `historial` + `usuarios`: 5 per 10 s per connection. */
  private mayQuery(peer: Peer): boolean {
    if (peer.limits.queries.tryTake(this.deps.clock.now())) return true;
    this.deps.connections.refuse(peer, 'limite_de_frecuencia', `más de ${QUERIES_PER_10S} consultas en 10 s`);
    return false;
  }
}
