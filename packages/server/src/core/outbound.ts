import type { ServerFrame } from '@charla/protocol';
import { encode } from '@charla/protocol';

/**
 * A server frame encoded once. A broadcast builds one Outbound and hands the same object to
 * every recipient; each transport frames it once too and caches the result here, so the
 * same bytes go to every socket.
 */
export class Outbound {
  readonly text: string;
  readonly bytes: Buffer;
  /** The WebSocket frame (header + payload), built by the first WebSocket send. */
  wsFrame: Buffer | undefined;
  /** The TCP line (payload + `\n`), built by the first TCP send. */
  tcpLine: Buffer | undefined;

  constructor(readonly frame: ServerFrame) {
    this.text = encode(frame);
    this.bytes = Buffer.from(this.text);
  }
}
