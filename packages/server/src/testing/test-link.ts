/**
 * Test doubles for the Hub (used only by tests): a Link that records what the Hub sends it,
 * and a client that drives one connection through its PeerHandle. No sockets.
 */
import type { ServerFrame, ServerFrameOf, ServerFrameType } from '@charla/protocol';
import { decodeServerFrame } from '@charla/protocol';
import type { Link, PeerHandle } from '../core/link.js';
import type { Outbound } from '../core/outbound.js';

/** A Link that keeps every Outbound it was sent and the close it got. */
export class TestLink implements Link {
  /** The Outbound objects exactly as the Hub passed them (identity matters for broadcasts). */
  readonly sent: Outbound[] = [];
  closed: { code: number; reason: string } | undefined;
  /** What bufferedBytes() reports; raise it to simulate a client that does not read. */
  buffered = 0;

  constructor(
    readonly address = '192.0.2.1',
    readonly transport: 'ws' | 'tcp' = 'ws',
  ) {}

  bufferedBytes(): number {
    return this.buffered;
  }

  send(out: Outbound): void {
    if (this.closed !== undefined) throw new Error(`send after close: ${out.text.slice(0, 80)}`);
    this.sent.push(out);
  }

  close(code: number, reason: string): void {
    if (this.closed !== undefined) throw new Error(`closed twice: ${this.closed.code} then ${code}`);
    this.closed = { code, reason };
  }
}

/** Decodes what the Hub sent; every server frame must pass the protocol's own schema. */
export function decodeSent(out: Outbound): ServerFrame {
  const decoded = decodeServerFrame(out.text);
  if (!decoded.ok) throw new Error(`the Hub sent an invalid frame (${decoded.detalle}): ${out.text.slice(0, 200)}`);
  return decoded.frame;
}

/** One connection to a Hub, seen from the client side. */
export class TestClient {
  private seen = 0;

  constructor(
    readonly link: TestLink,
    readonly handle: PeerHandle,
  ) {}

  /** Sends a client frame (any object: tests send invalid ones too). */
  send(frame: object): void {
    this.handle.receive(JSON.stringify(frame));
  }

  /** Sends raw text, as one WebSocket message or TCP line. */
  raw(text: string): void {
    this.handle.receive(text);
  }

  /** Every frame received since the connection opened. */
  get frames(): ServerFrame[] {
    return this.link.sent.map(decodeSent);
  }

  /** Frames received since the previous call to `drain` (or since the start). */
  drain(): ServerFrame[] {
    const fresh = this.link.sent.slice(this.seen).map(decodeSent);
    this.seen = this.link.sent.length;
    return fresh;
  }

  /** Every received frame of one `tipo`. */
  of<T extends ServerFrameType>(tipo: T): ServerFrameOf<T>[] {
    return this.frames.filter((f): f is ServerFrameOf<T> => f.tipo === tipo);
  }

  /** The newest frame received, or undefined. */
  last(): ServerFrame | undefined {
    const out = this.link.sent.at(-1);
    return out === undefined ? undefined : decodeSent(out);
  }

  get closeCode(): number | undefined {
    return this.link.closed?.code;
  }
}
