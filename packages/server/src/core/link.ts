/**
 * What the core and a transport exchange per connection: the Link a transport gives (send,
 * close, its queue), the PeerHandle it gets back (frames in, the end), and ChatEntrance, the
 * one call that joins the two.
 */
import type { Outbound } from './outbound.js';

/**
 * What the Hub needs from a connection, whatever carries it (WebSocket, TCP line-JSON, a
 * test double). Transports implement it in a few lines; the Hub never sees a socket.
 */
export interface Link {
  readonly address: string;
  readonly transport: 'ws' | 'tcp';
  /** Bytes handed to the link and not yet taken by the network (the outbound queue). */
  bufferedBytes(): number;
  send(out: Outbound): void;
  /** Ends the connection with a close code (WebSocket) or a final `cierre` line (TCP). */
  close(code: number, reason: string): void;
}

/** How a connection ended, as the transport saw it. */
export type LinkEnd =
  /** The client said goodbye: a close frame 1000/1001 (or one without a code). */
  | 'left'
  /** Lost without a goodbye: socket error, missed heartbeats, an abnormal close. */
  | 'lost';

/** What a transport holds of the Hub: one call per new connection. */
export interface ChatEntrance {
  connect(link: Link): PeerHandle;
}

/** What the Hub gives a transport for one connection. */
export interface PeerHandle {
  /** One text frame (WebSocket message or TCP line). */
  receive(text: string): void;
  /** The link closed; call once. */
  ended(how: LinkEnd): void;
}
