/**
 * Questions the server answers on the connection they were asked on: `usuarios` and
 * `historial` (no ref, so answered in the order asked) and `ping` (by ref, timed). A lost
 * connection fails them all with `red`: their answers will not come.
 */
import type { ClientFrame, ServerFrame, ServerFrameOf } from '@charla/protocol';
import { ChatError } from './errors.js';

/** What requests need from the connection. */
export interface RequestLink {
  isOpen(): boolean;
  write(frame: ClientFrame): void;
  /** A ref no send or other ping of this client uses. */
  newRef(): string;
}

type QueryType = 'historial' | 'usuarios';

interface Pending<T> {
  readonly resolve: (value: T) => void;
  readonly reject: (error: ChatError) => void;
}

export class Requests {
  private readonly queries: (Pending<ServerFrame> & { readonly tipo: QueryType })[] = [];
  private readonly pings = new Map<string, Pending<number> & { readonly started: number }>();

  constructor(private readonly link: RequestLink) {}

  query<T extends QueryType>(frame: ClientFrame & { tipo: T }): Promise<ServerFrameOf<T>> {
    if (!this.link.isOpen()) return Promise.reject(new ChatError('red', 'not connected'));
    return new Promise<ServerFrame>((resolve, reject) => {
      this.queries.push({ tipo: frame.tipo, resolve, reject });
      this.link.write(frame);
    }) as Promise<ServerFrameOf<T>>;
  }

  /** Round-trip time, in ms. */
  ping(): Promise<number> {
    if (!this.link.isOpen()) return Promise.reject(new ChatError('red', 'not connected'));
    const ref = this.link.newRef();
    return new Promise((resolve, reject) => {
      this.pings.set(ref, { started: performanceNow(), resolve, reject });
      this.link.write({ tipo: 'ping', ref });
    });
  }

  /** A `usuarios`, `historial` or `pong` may answer one of ours. */
  answered(frame: ServerFrameOf<QueryType | 'pong'>): void {
    if (frame.tipo === 'pong') {
      const ping = frame.ref === undefined ? undefined : this.pings.get(frame.ref);
      if (ping === undefined || frame.ref === undefined) return;
      this.pings.delete(frame.ref);
      return ping.resolve(performanceNow() - ping.started);
    }
    const index = this.queries.findIndex((q) => q.tipo === frame.tipo);
    if (index !== -1) this.queries.splice(index, 1)[0]?.resolve(frame);
  }

  /** An `error` that is not about a send: a refused ping, or a rate-limited query. */
  refused(frame: ServerFrameOf<'error'>): void {
    const ping = frame.ref === undefined ? undefined : this.pings.get(frame.ref);
    if (ping !== undefined && frame.ref !== undefined) {
      this.pings.delete(frame.ref);
      return ping.reject(new ChatError(frame.codigo, frame.detalle));
    }
    // Queries carry no ref: a refusal without one answers the oldest query.
    if (frame.ref === undefined && frame.codigo === 'limite_de_frecuencia') {
      this.queries.shift()?.reject(new ChatError(frame.codigo, frame.detalle));
    }
  }

  /** The connection is gone. */
  dropAll(): void {
    for (const query of this.queries.splice(0)) query.reject(new ChatError('red', 'connection lost'));
    for (const ping of this.pings.values()) ping.reject(new ChatError('red', 'connection lost'));
    this.pings.clear();
  }
}

function performanceNow(): number {
  return typeof performance === 'undefined' ? Date.now() : performance.now();
}
