/**
 * An Outbound is encoded once, and each transport's framing of it is made once and shared:
 * what keeps a broadcast to N sockets at one encode and one framing per transport.
 */
import { describe, expect, it } from 'vitest';
import { Framing, Outbound } from './outbound.js';

describe('Outbound', () => {
  it('counts sends: the first goes as text, every later one is a broadcast', () => {
    const out = new Outbound({ tipo: 'pong' });
    expect(out.text).toBe('{"tipo":"pong"}');
    expect(out.byteLength).toBe(15);
    expect([out.firstSend(), out.firstSend(), out.firstSend()]).toEqual([true, false, false]);
  });

  it("makes each transport's framing once, whatever the number of recipients", () => {
    const made: string[] = [];
    const ws = new Framing((out) => {
      made.push('ws');
      return Buffer.from(`ws:${out.text}`);
    });
    const tcp = new Framing((out) => {
      made.push('tcp');
      return Buffer.from(`${out.text}\n`);
    });
    const out = new Outbound({ tipo: 'sistema', contenido: 'hola', marca_tiempo: '2030-01-02T03:04:05.000Z' });
    const wsFrames = Array.from({ length: 1000 }, () => out.framedBy(ws));
    const tcpFrames = Array.from({ length: 1000 }, () => out.framedBy(tcp));
    expect(made).toEqual(['ws', 'tcp']);
    expect(new Set(wsFrames).size).toBe(1);
    expect(new Set(tcpFrames).size).toBe(1);
    expect(String(tcpFrames[0])).toBe(`${out.text}\n`);
    // Interleaved (a broadcast that reaches both kinds of client): still one of each.
    expect(out.framedBy(ws)).toBe(wsFrames[0]);
    expect(out.framedBy(tcp)).toBe(tcpFrames[0]);
    expect(made).toEqual(['ws', 'tcp']);
  });
});
