/** Outbound: a server frame encoded once, and whatever each transport made of it for the wire. */
import type { ServerFrame } from '@charla/protocol';
import { encode } from '@charla/protocol';

/**
 * A server frame encoded once. A broadcast builds one Outbound and hands the same object to
 * every recipient, so the text is encoded once; each transport frames it once too (a
 * WebSocket frame, a TCP line: see `Framing`) and every socket gets the same bytes. The core
 * never knows what a transport's framing is: it only carries it.
 *
 * A frame that goes to one socket only (an `aceptado` with the user list, a history page,
 * an ack) is written as text and never becomes a Buffer: the socket copies text into native
 * memory it frees as soon as the kernel has the bytes, where a Buffer lives until the next
 * garbage collection. During a wave of joins, thousands of ever-larger `aceptado` Buffers
 * waiting for the collector fragmented the allocator's heap: 12 KB of RSS per connection
 * at 10,000 users (docs/benchmarks.md). So the first send goes as text (`firstSend`); a
 * second send means a broadcast, and the transport builds its one shared framing then.
 */
export class Outbound {
  readonly text: string;
  /** The text's UTF-8 size: what the frame adds to a connection's outbound queue. */
  readonly byteLength: number;
  private sends = 0;
  /** The first transport's framing of this frame, and which Framing made it. */
  private framing: Framing<unknown> | undefined;
  private framed: unknown;
  /** Other transports' framings (a broadcast that reaches WebSocket and TCP clients alike). */
  private moreFramed: Map<Framing<unknown>, unknown> | undefined;

  constructor(readonly frame: ServerFrame) {
    this.text = encode(frame);
    this.byteLength = Buffer.byteLength(this.text);
  }

  /** Counts a send; true for the first (write it as text), false once it is a broadcast. */
  firstSend(): boolean {
    return this.sends++ === 0;
  }

  /** `framing`'s bytes for this frame: made by the first call, the same object for every later one. */
  framedBy<T>(framing: Framing<T>): T {
    if (this.framing === framing) return this.framed as T;
    if (this.framing === undefined) {
      this.framing = framing;
      this.framed = framing.make(this);
      return this.framed as T;
    }
    this.moreFramed ??= new Map();
    let framed = this.moreFramed.get(framing) as T | undefined;
    if (framed === undefined) {
      framed = framing.make(this);
      this.moreFramed.set(framing, framed);
    }
    return framed;
  }
}

/**
 * How one transport puts a frame on the wire (a WebSocket frame, a TCP line), made at most
 * once per Outbound and kept with it. Each transport holds one Framing; the core never
 * looks inside.
 */
export class Framing<T> {
  constructor(readonly make: (out: Outbound) => T) {}
}
