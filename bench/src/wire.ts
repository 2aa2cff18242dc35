/**
 * The load generator's client side of the wire, kept minimal so it costs less per delivery
 * than the servers it measures: a WebSocket handshake, unmasked-frame parsing (servers never
 * mask), and zero-mask client frames (valid per RFC 6455; the server unmasks a no-op).
 */
import { connect } from 'node:net';
import type { Socket } from 'node:net';

export interface RawClient {
  readonly socket: Socket;
  send(text: string): void;
}

/**
 * A text frame's payload: bytes `start` to `end` of `data`, not copied and valid only during
 * the call (at 10^6 deliveries/s a Buffer and a string per frame would cost the load
 * generator more than the server it measures).
 */
export type OnText = (client: RawClient, data: Buffer, start: number, end: number) => void;

/**
 * Opens a WebSocket with a raw TCP socket from `localAddress` (a loopback address) to
 * 127.0.0.1; `onText` gets every text frame's payload.
 */
export function openRaw(port: number, path: string, localAddress: string, onText: OnText): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress });
    socket.setNoDelay(true);
    const client: RawClient = { socket, send: (text) => socket.write(frame(text)) };
    let buffer: Buffer = Buffer.alloc(0);
    let upgraded = false;
    socket.once('error', reject);
    socket.on('connect', () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
    });
    socket.on('data', (chunk: Buffer) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end === -1) return;
        if (!buffer.subarray(0, 12).toString().includes('101')) {
          reject(new Error(`handshake refused: ${buffer.subarray(0, end).toString()}`));
          socket.destroy();
          return;
        }
        upgraded = true;
        buffer = buffer.subarray(end + 4);
        resolve(client);
      }
      buffer = parseFrames(buffer, (opcode, data, start, end) => {
        if (opcode === 1) onText(client, data, start, end);
        else if (opcode === 9) socket.write(frame(data.subarray(start, end), 10)); // ping -> pong
      });
    });
  });
}

/** Calls `each` for every complete frame (its payload is `buffer[start, end)`); returns the unparsed rest. */
export function parseFrames(buffer: Buffer, each: (opcode: number, buffer: Buffer, start: number, end: number) => void): Buffer {
  let offset = 0;
  for (;;) {
    if (buffer.length - offset < 2) break;
    const opcode = (buffer[offset] as number) & 0x0f;
    let length = (buffer[offset + 1] as number) & 0x7f;
    let header = 2;
    if (length === 126) {
      if (buffer.length - offset < 4) break;
      length = buffer.readUInt16BE(offset + 2);
      header = 4;
    } else if (length === 127) {
      if (buffer.length - offset < 10) break;
      length = Number(buffer.readBigUInt64BE(offset + 2));
      header = 10;
    }
    if (buffer.length - offset < header + length) break;
    each(opcode, buffer, offset + header, offset + header + length);
    offset += header + length;
  }
  return offset === 0 ? buffer : buffer.subarray(offset);
}

/** Whether `data[start, end)` begins with `prefix`. */
export function startsWith(data: Buffer, start: number, end: number, prefix: Buffer): boolean {
  if (end - start < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (data[start + i] !== prefix[i]) return false;
  return true;
}

/** A masked client frame with a zero mask. */
export function frame(data: string | Buffer, opcode = 1): Buffer {
  const payload = typeof data === 'string' ? Buffer.from(data) : data;
  const length = payload.length;
  const header = length < 126 ? 6 : length < 65536 ? 8 : 14;
  const out = Buffer.alloc(header + length);
  out[0] = 0x80 | opcode;
  if (length < 126) out[1] = 0x80 | length;
  else if (length < 65536) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(length, 2);
  } else {
    out[1] = 0x80 | 127;
    out.writeBigUInt64BE(BigInt(length), 2);
  }
  // Mask bytes stay 0.
  payload.copy(out, header);
  return out;
}
