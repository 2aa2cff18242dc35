/**
 * The line-JSON TCP transport behind the WebSocket interface, for Node:
 * `new ChatClient({ WebSocket: TcpSocket })` then `connect({ url: 'tcp://host:55555', ... })`.
 * One JSON frame per line; the server's `cierre` line carries the close code TCP lacks.
 */
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { CloseCode } from '@charla/protocol';
import type { WebSocketLike } from './socket.js';

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;
/** Server lines are at most a few hundred KiB; a longer one means a broken peer. */
const LINE_MAX_CHARS = 8 * 1024 * 1024;

export class TcpSocket implements WebSocketLike {
  readyState = CONNECTING;
  onopen: WebSocketLike['onopen'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;
  private readonly socket: Socket;
  private partial = '';
  private closing: { code: number; reason: string } = { code: CloseCode.abnormal, reason: '' };

  constructor(url: string) {
    const parsed = new URL(url);
    if (parsed.protocol !== 'tcp:') throw new Error(`TcpSocket needs a tcp:// url, not ${url}`);
    const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
    this.socket = connect(Number(parsed.port || 55555), host);
    this.socket.setEncoding('utf8');
    this.socket.setNoDelay(true);
    this.socket.on('connect', () => {
      this.readyState = OPEN;
      this.onopen?.({});
    });
    this.socket.on('data', (chunk: string) => this.read(chunk));
    this.socket.on('error', (error) => this.onerror?.(error));
    this.socket.on('close', () => {
      this.readyState = CLOSED;
      this.onclose?.(this.closing);
    });
  }

  send(data: string): void {
    if (this.readyState === OPEN) this.socket.write(`${data}\n`);
  }

  /** TCP has no close codes: the code is only what this side reports to its own onclose. */
  close(code: number = CloseCode.normal, reason = ''): void {
    if (this.readyState >= CLOSING) return;
    this.readyState = CLOSING;
    this.closing = { code, reason };
    this.socket.end();
  }

  private read(chunk: string): void {
    this.partial += chunk;
    if (this.partial.length > LINE_MAX_CHARS) {
      this.socket.destroy();
      return;
    }
    for (let at = this.partial.indexOf('\n'); at !== -1; at = this.partial.indexOf('\n')) {
      const line = this.partial.slice(0, at);
      this.partial = this.partial.slice(at + 1);
      this.noteCierre(line);
      this.onmessage?.({ data: line });
    }
  }

  /** The server's last line says how it closed; report that code when the socket ends. */
  private noteCierre(line: string): void {
    if (!line.startsWith('{"tipo":"cierre"')) return;
    try {
      const { codigo, motivo } = JSON.parse(line) as { codigo: number; motivo: string };
      this.closing = { code: codigo, reason: motivo };
    } catch {
      // Not a cierre after all.
    }
  }
}
