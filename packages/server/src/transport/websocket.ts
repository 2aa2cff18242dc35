/**
 * The WebSocket transport on `/ws`: a thin adapter between `ws` sockets and the Hub.
 * Binary frames close with 1003; oversize frames are closed with 1009 by `ws` itself
 * (maxPayload); protocol-level pings detect lost peers.
 */
import type { FastifyInstance } from 'fastify';
import * as ws from 'ws';
import WebSocket from 'ws';
import { CloseCode } from '@charla/protocol';
import type { Hub } from '../core/hub.js';
import type { Link, PeerHandle } from '../core/link.js';
import type { Outbound } from '../core/outbound.js';

/** ws's frame builder (a named export of ws, missing from @types/ws). */
const { Sender } = ws as unknown as {
  Sender: { frame(data: Buffer, options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean }): Buffer[] };
};

/** After a close frame, how long a peer gets to answer before the socket is destroyed. */
const CLOSE_HANDSHAKE_MS = 2000;
/** Pongs a peer may miss before it counts as lost (PROTOCOL.md: two). */
const MISSED_PONGS_LOST = 2;

class WsLink implements Link {
  readonly transport = 'ws';
  missedPongs = 0;

  constructor(
    readonly socket: WebSocket,
    readonly address: string,
  ) {}

  bufferedBytes(): number {
    return this.socket.bufferedAmount;
  }

  send(out: Outbound): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    // Framed once per broadcast: every recipient gets the same header + payload buffer.
    // Writing it straight to the socket is what ws's own sender does when, as here,
    // permessage-deflate is off (nothing is ever queued inside the sender).
    out.wsFrame ??= Buffer.concat(
      Sender.frame(out.bytes, { fin: true, opcode: 1, mask: false, readOnly: true, rsv1: false }),
    );
    const raw = (this.socket as unknown as { _socket?: { write(b: Buffer): boolean } })._socket;
    if (raw === undefined) this.socket.send(out.bytes, { binary: false });
    else raw.write(out.wsFrame);
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    this.socket.close(code, truncateReason(reason));
    setTimeout(() => this.socket.terminate(), CLOSE_HANDSHAKE_MS).unref();
  }
}

export interface WebSocketTransportOptions {
  readonly pingMs: number;
}

/** Registers `/ws`. Call after `@fastify/websocket` is registered. */
export function registerWebSocketTransport(app: FastifyInstance, hub: Hub, options: WebSocketTransportOptions): void {
  const links = new Set<WsLink>();

  const heartbeat = setInterval(() => {
    for (const link of links) {
      if (link.missedPongs >= MISSED_PONGS_LOST) {
        link.socket.terminate();
        continue;
      }
      link.missedPongs++;
      link.socket.ping();
    }
  }, options.pingMs);
  heartbeat.unref();
  app.addHook('onClose', async () => clearInterval(heartbeat));

  app.get('/ws', { websocket: true }, (socket, request) => {
    const link = new WsLink(socket, request.ip);
    links.add(link);
    const peer: PeerHandle = hub.connect(link);
    // Handlers are attached synchronously, before any await, so no early frame is lost.
    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        link.close(CloseCode.binaryFrame, 'solo se admiten tramas de texto');
        peer.ended('lost');
        return;
      }
      peer.receive(data.toString());
    });
    socket.on('pong', () => {
      link.missedPongs = 0;
    });
    socket.on('error', () => {
      // 'close' follows; the error itself (reset, bad frame) needs no other handling.
    });
    socket.on('close', (code) => {
      links.delete(link);
      // 1000/1001, or a close frame with no code (1005): the client said goodbye.
      peer.ended(code === 1000 || code === 1001 || code === 1005 ? 'left' : 'lost');
    });
  });
}

/** A close reason is at most 123 bytes on the wire. */
function truncateReason(reason: string): string {
  let text = reason;
  while (Buffer.byteLength(text) > 123) text = text.slice(0, -1);
  return text;
}
