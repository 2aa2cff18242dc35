/**
 * Line-JSON over raw TCP on the chat's own port (the seed's transport: `nc HOST 55555` is a
 * client). A connection whose first byte is `{` is a line session; anything else (HTTP,
 * WebSocket upgrades) is handed to the HTTP server unchanged. With TLS the same rule applies
 * to the first decrypted byte (`openssl s_client -connect HOST:55555` is a client). TCP has no close
 * codes, so the server's last line is `{"tipo":"cierre","codigo":N,"motivo":"..."}`.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { Server as TlsServer } from 'node:tls';
import { CloseCode, encode } from '@charla/protocol';
import type { ChatEntrance, Link } from '../core/link.js';
import type { Outbound } from '../core/outbound.js';
import { Framing } from '../core/outbound.js';
import type { Chunk } from './batch.js';
import { BatchedLink, writeAll } from './batch.js';

const OPEN_BRACE = 0x7b;
const NEWLINE = 0x0a;
const LINE_END = '\n';
/** WebSocket's code for a text frame that is not UTF-8; TCP says it in `cierre`. */
const INVALID_UTF8 = 1007;
/** After the `cierre` line, how long the peer has to read it before the socket is destroyed. */
const END_GRACE_MS = 2000;
/** A broadcast's line (payload + `\n`), kept with its Outbound: built once, shared by every socket. */
const TCP_LINE = new Framing((out) => Buffer.from(`${out.text}\n`));

export interface TcpTransportOptions {
  readonly frameMaxBytes: number;
  readonly identificationMs: number;
  readonly pingMs: number;
}

class TcpLink extends BatchedLink implements Link {
  readonly transport = 'tcp';
  closed = false;

  constructor(
    readonly socket: Socket,
    readonly address: string,
  ) {
    super();
  }

  bufferedBytes(): number {
    return this.socket.writableLength + this.pendingBytes;
  }

  send(out: Outbound): void {
    if (this.closed) return;
    // Text for one socket, one shared line for a broadcast, as on the WebSocket transport.
    if (out.firstSend()) {
      this.queue(out.text, out.byteLength);
      this.queue(LINE_END, 1);
      return;
    }
    const line = out.framedBy(TCP_LINE);
    this.queue(line, line.length);
  }

  protected writeNow(chunks: Chunk | readonly Chunk[]): void {
    if (!this.socket.destroyed) writeAll(this.socket, chunks);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.socket.end(`${encode({ tipo: 'cierre', codigo: code, motivo: reason })}\n`);
    setTimeout(() => this.socket.destroy(), END_GRACE_MS).unref();
  }
}

export interface TcpSharing {
  /**
   * For a stop: destroys the connections that have not sent a byte yet, and any that come
   * later. Neither the HTTP server nor the Hub knows them, so nothing else would close them
   * and the server's close would wait for them (a load balancer's health check is one).
   */
  close(): void;
}

/**
 * Puts a sniffer in front of the HTTP server's connection handling: it reads the first
 * chunk of every connection and routes it. Connections that send nothing are closed after
 * the identification timeout either way.
 */
export function shareWithTcp(server: Server, hub: ChatEntrance, options: TcpTransportOptions): TcpSharing {
  // On an https server, 'connection' listeners do the TLS handshake (a client speaking plain
  // text fails it and is closed) and 'secureConnection' ones get the decrypted socket: that
  // is where HTTP listens, so that is where the sniffer stands. (A stop reaches sockets still
  // in their handshake through the app's list of open sockets.)
  const event = server instanceof TlsServer ? 'secureConnection' : 'connection';
  const httpListeners = server.listeners(event) as ((socket: Socket) => void)[];
  server.removeAllListeners(event);
  const waiting = new Set<Socket>();
  let closing = false;
  server.on(event, (socket: Socket) => {
    if (closing) {
      socket.destroy();
      return;
    }
    waiting.add(socket);
    const settle = () => {
      clearTimeout(silent);
      waiting.delete(socket);
      socket.off('close', settle);
    };
    const silent = setTimeout(() => socket.destroy(), options.identificationMs);
    silent.unref();
    socket.once('error', settle);
    socket.on('close', settle);
    socket.once('data', (first: Buffer) => {
      settle();
      socket.pause();
      if (first[0] === OPEN_BRACE) {
        startLineSession(socket, first, hub, options);
        return;
      }
      socket.unshift(first);
      for (const listener of httpListeners) listener.call(server, socket);
      // The HTTP parser takes over; the chunk read here is replayed first.
      process.nextTick(() => socket.resume());
    });
  });
  return {
    close() {
      closing = true;
      for (const socket of waiting) socket.destroy();
      waiting.clear();
    },
  };
}

function startLineSession(socket: Socket, first: Buffer, hub: ChatEntrance, options: TcpTransportOptions): void {
  socket.setNoDelay(true);
  // Liveness for TCP is the kernel's keepalive (docs/protocol.md); app-level ping is optional.
  socket.setKeepAlive(true, options.pingMs);
  const link = new TcpLink(socket, socket.remoteAddress ?? 'unknown');
  const peer = hub.connect(link);
  const lines = new LineReader(options.frameMaxBytes);
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    peer.ended('lost');
  };
  const refuse = (code: number, reason: string) => {
    link.close(code, reason);
    end();
  };
  const onData = (chunk: Buffer) => {
    if (link.closed) return;
    const result = lines.push(chunk);
    for (const line of result.lines) {
      if (link.closed) return;
      peer.receive(line);
    }
    if (result.problem === 'too_big') refuse(CloseCode.tooBig, 'línea demasiado larga');
    else if (result.problem === 'invalid_utf8') refuse(INVALID_UTF8, 'la línea no es UTF-8 válido');
  };
  socket.on('data', onData);
  // A FIN without `desconexion` is not a goodbye: a crashed client's OS sends one too.
  socket.on('close', end);
  socket.on('error', () => undefined); // 'close' follows
  onData(first);
  socket.resume();
}

/**
 * Splits a byte stream into UTF-8 lines, bounded: a line (or a partial line) longer than
 * `maxBytes` is a problem, never a growing buffer.
 */
export class LineReader {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): { lines: string[]; problem?: 'too_big' | 'invalid_utf8' } {
    const lines: string[] = [];
    let start = 0;
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, start)) {
      const part = chunk.subarray(start, at);
      start = at + 1;
      if (this.pendingBytes + part.length > this.maxBytes) return { lines, problem: 'too_big' };
      const bytes = this.pendingBytes === 0 ? part : Buffer.concat([...this.pending, part]);
      this.pending = [];
      this.pendingBytes = 0;
      let text: string;
      try {
        text = this.decoder.decode(bytes);
      } catch {
        return { lines, problem: 'invalid_utf8' };
      }
      if (text.endsWith('\r')) text = text.slice(0, -1);
      if (text.trim() !== '') lines.push(text);
    }
    const rest = chunk.subarray(start);
    if (this.pendingBytes + rest.length > this.maxBytes) return { lines, problem: 'too_big' };
    if (rest.length > 0) {
      this.pending.push(rest);
      this.pendingBytes += rest.length;
    }
    return { lines };
  }
}
