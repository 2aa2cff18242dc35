/**
 * The WebSocket transport on `/ws`: a thin adapter between `ws` sockets and the Hub.
 * Binary frames close with 1003; oversize frames are closed with 1009 by `ws` itself
 * (maxPayload); protocol-level pings detect lost peers.
 *
 * `/ws` upgrades are taken straight from the HTTP server's `upgrade` event, before
 * @fastify/websocket (which still serves `/api/events`) sees them: routing an upgrade
 * through Fastify keeps its request, reply, raw response and logger alive for as long as
 * the socket lives, about 10 KB per idle connection (docs/benchmarks.md).
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import proxyAddr from '@fastify/proxy-addr';
import type { FastifyInstance } from 'fastify';
import WebSocket, { WebSocketServer } from 'ws';
import { CloseCode } from '@charla/protocol';
import type { ChatEntrance, Link, PeerHandle } from '../core/link.js';
import type { Outbound } from '../core/outbound.js';
import { Framing } from '../core/outbound.js';
import type { Chunk } from './batch.js';
import { BatchedLink, writeAll } from './batch.js';

/** After a close frame, how long a peer gets to answer before the socket is destroyed. */
const CLOSE_HANDSHAKE_MS = 2000;
/** Pongs a peer may miss before it counts as lost (docs/protocol.md: two). */
const MISSED_PONGS_LOST = 2;

class WsLink extends BatchedLink implements Link {
  readonly transport = 'ws';
  missedPongs = 0;

  constructor(
    readonly socket: WebSocket,
    readonly address: string,
  ) {
    super();
  }

  bufferedBytes(): number {
    return this.socket.bufferedAmount + this.pendingBytes;
  }

  send(out: Outbound): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    // Written straight to the socket, as ws's own sender does when, as here,
    // permessage-deflate is off (nothing is ever queued inside the sender).
    if (out.firstSend()) {
      const header = textFrameHeader(out.byteLength);
      this.queue(header, header.length);
      this.queue(out.text, out.byteLength);
      return;
    }
    // A broadcast: framed once, every recipient gets the same header + payload buffer.
    const frame = out.framedBy(WS_FRAME);
    this.queue(frame, frame.length);
  }

  protected writeNow(chunks: Chunk | readonly Chunk[]): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    writeAll((this.socket as unknown as { _socket: Duplex })._socket, chunks);
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    // What was sent before the close goes before the close frame.
    this.flush();
    this.socket.close(code, truncateReason(reason));
    setTimeout(() => this.socket.terminate(), CLOSE_HANDSHAKE_MS).unref();
  }
}

/** RFC 6455 §5.2 for a server's unmasked, unfragmented text frame: 2, 4 or 10 bytes. */
function headerLength(payloadBytes: number): number {
  if (payloadBytes < 126) return 2;
  return payloadBytes < 0x10000 ? 4 : 10;
}

function writeHeader(target: Buffer, payloadBytes: number): void {
  target[0] = 0x81; // FIN + opcode 1 (text)
  if (payloadBytes < 126) {
    target[1] = payloadBytes;
  } else if (payloadBytes < 0x10000) {
    target[1] = 126;
    target.writeUInt16BE(payloadBytes, 2);
  } else {
    target[1] = 127;
    target.writeBigUInt64BE(BigInt(payloadBytes), 2);
  }
}

function textFrameHeader(payloadBytes: number): Buffer {
  const header = Buffer.allocUnsafe(headerLength(payloadBytes));
  writeHeader(header, payloadBytes);
  return header;
}

/** Header and payload in one buffer (one allocation, one iovec per recipient). */
function textFrame(text: string, payloadBytes: number): Buffer {
  const head = headerLength(payloadBytes);
  const frame = Buffer.allocUnsafe(head + payloadBytes);
  writeHeader(frame, payloadBytes);
  frame.write(text, head);
  return frame;
}

/** A broadcast's WebSocket frame, kept with its Outbound: built once, shared by every socket. */
const WS_FRAME = new Framing((out) => textFrame(out.text, out.byteLength));

export interface WebSocketTransportOptions {
  readonly pingMs: number;
  /** Bigger frames close with 1009. */
  readonly maxPayload: number;
  /** CIDR,... whose X-Forwarded-For is believed (Fastify's `trustProxy`, the same rule). */
  readonly trustProxy?: string | undefined;
}

/**
 * Serves `/ws` on the app's HTTP server. Call after `@fastify/websocket` is registered: its
 * `upgrade` listener gets every other path, as before.
 */
export function registerWebSocketTransport(app: FastifyInstance, hub: ChatEntrance, options: WebSocketTransportOptions): void {
  const links = new Set<WsLink>();
  const wss = new WebSocketServer({ noServer: true, clientTracking: false, maxPayload: options.maxPayload, perMessageDeflate: false });
  const trust = options.trustProxy === undefined ? undefined : proxyAddr.compile(options.trustProxy.split(',').map((cidr) => cidr.trim()));
  const addressOf = (request: IncomingMessage): string =>
    (trust === undefined ? request.socket.remoteAddress : proxyAddr(request, trust)) ?? 'unknown';

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

  takeUpgrades(app.server, '/ws', (request, raw, head) => {
    const address = addressOf(request);
    wss.handleUpgrade(request, raw, head, (socket) => accept(socket, address));
  });

  const accept = (socket: WebSocket, address: string) => {
    const link = new WsLink(socket, address);
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
  };
}

type UpgradeListener = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * Puts `take` in front of the server's `upgrade` listeners for one path (query aside, as
 * Fastify's router matches it); every other upgrade goes to the listeners already there.
 */
function takeUpgrades(server: Server, path: string, take: UpgradeListener): void {
  const others = server.listeners('upgrade') as UpgradeListener[];
  server.removeAllListeners('upgrade');
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = request.url ?? '';
    const end = url.indexOf('?');
    if ((end === -1 ? url : url.slice(0, end)) === path) take(request, socket, head);
    else for (const listener of others) listener.call(server, request, socket, head);
  });
}

/** A close reason is at most 123 bytes on the wire. */
function truncateReason(reason: string): string {
  let text = reason;
  while (Buffer.byteLength(text) > 123) text = text.slice(0, -1);
  return text;
}
