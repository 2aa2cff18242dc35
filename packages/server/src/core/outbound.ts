import type { ServerFrame } from '@charla/protocol';
import { encode } from '@charla/protocol';

/**
 * A server frame encoded once. A broadcast builds one Outbound and hands the same object to
 * every recipient; each transport frames it once too and caches the result here, so the
 * same bytes go to every socket.
 *
 * A frame that goes to one socket only (an `aceptado` with the user list, a history page,
 * an ack) is written as text and never becomes a Buffer: the socket copies text into native
 * memory it frees as soon as the kernel has the bytes, where a Buffer lives until the next
 * garbage collection. During a wave of joins, thousands of ever-larger `aceptado` Buffers
 * waiting for the collector fragmented the allocator's heap: 12 KB of RSS per connection
 * at 10,000 users (docs/benchmarks.md). So the first send goes as text; a second send means
 * a broadcast, and the transport builds its one shared buffer then.
 */
export class Outbound {
  readonly text: string;
  /** The text's UTF-8 size: what the frame adds to a connection's outbound queue. */
  readonly byteLength: number;
  /** The WebSocket frame (header + payload), built by the second WebSocket send. */
  wsFrame: Buffer | undefined;
  /** The TCP line (payload + `\n`), built by the second TCP send. */
  tcpLine: Buffer | undefined;
  private sends = 0;

  constructor(readonly frame: ServerFrame) {
    this.text = encode(frame);
    this.byteLength = Buffer.byteLength(this.text);
  }

  /** Counts a send; true for the first (write it as text), false once it is a broadcast. */
  firstSend(): boolean {
    return this.sends++ === 0;
  }
}
