/**
 * The client's state machine against a fake socket the test drives frame by frame, with fake
 * timers: deterministic reconnects, backoff, resume, the send queue and listener isolation.
 */
import type { ClientFrame, ServerFrame } from '@charla/protocol';
import { decode, encode } from '@charla/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatClient } from './client.js';
import type { WebSocketLike } from './socket.js';
import { aceptado, mensaje } from '../test/frames.js';

class FakeSocket implements WebSocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  onopen: WebSocketLike['onopen'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;
  readonly sent: ClientFrame[] = [];
  closedWith: number | undefined;

  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }

  send(data: string): void {
    const result = decode(data);
    if (!result.ok) throw new Error(`client sent an invalid frame: ${data}`);
    this.sent.push(result.frame);
  }

  close(code?: number): void {
    this.closedWith = code ?? 1005;
    this.readyState = 3;
  }

  // The test plays the server:
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  deliver(frame: ServerFrame | string): void {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : encode(frame) });
  }

  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
}

const latest = () => FakeSocket.all.at(-1) as FakeSocket;

function newClient() {
  return new ChatClient({ WebSocket: FakeSocket, reconnect: { baseMs: 1000, maxMs: 8000 }, random: () => 0.5, queueMax: 2 });
}

async function connected(client = newClient()) {
  const accepted = client.connect({ url: 'ws://chat/ws', nombre: 'ana' });
  latest().open();
  latest().deliver(aceptado());
  await accepted;
  return client;
}

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ChatClient state machine', () => {
  it('identifies on open with protocol 1, and becomes conectado on aceptado', async () => {
    const client = newClient();
    const states: string[] = [];
    client.on('state', (s) => states.push(s));
    const accepted = client.connect({ url: 'ws://chat/ws', nombre: 'ana', clave: 'k' });
    expect(client.state).toBe('conectando');
    latest().open();
    expect(latest().sent).toEqual([{ tipo: 'identificacion', nombre: 'ana', protocolo: 1, clave: 'k' }]);
    latest().deliver(aceptado());
    await expect(accepted).resolves.toMatchObject({ tipo: 'aceptado' });
    expect(states).toEqual(['conectando', 'conectado']);
  });

  it('reconnects after an abnormal loss with full-jitter backoff, resuming with token and desde', async () => {
    const client = await connected();
    latest().deliver(mensaje(7, 'hola'));
    latest().drop(1006);
    expect(client.state).toBe('reconectando');
    // random 0.5 × base 1000 = 500 ms.
    expect(client.getSnapshot().retryAt).toBe(Date.now() + 500);
    vi.advanceTimersByTime(499);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(2);
    latest().open();
    expect(latest().sent[0]).toEqual({ tipo: 'identificacion', nombre: 'ana', protocolo: 1, token: 'tok-1', desde: 7 });
    // The second failure waits longer: 0.5 × 2000.
    latest().drop(1006);
    expect(client.getSnapshot().retryAt).toBe(Date.now() + 1000);
  });

  it('re-sends unacknowledged messages with their original ref after a resume', async () => {
    const client = await connected();
    const sent = client.send('uno');
    const ref = (latest().sent.at(-1) as { ref: string }).ref;
    latest().drop(1006);
    const queued = client.send('dos');
    vi.advanceTimersByTime(500);
    latest().open();
    latest().deliver(aceptado({ reanudado: true, token: 'tok-2' }));
    const resent = latest().sent.slice(1);
    expect(resent).toEqual([
      { tipo: 'mensaje', contenido: 'uno', ref },
      { tipo: 'mensaje', contenido: 'dos', ref: expect.any(String) },
    ]);
    latest().deliver({ tipo: 'acuse', ref, id: 1 });
    latest().deliver({ tipo: 'acuse', ref: (resent[1] as { ref: string }).ref, id: 2 });
    await expect(sent).resolves.toBe(1);
    await expect(queued).resolves.toBe(2);
  });

  it('bounds the queue of sends made while disconnected', async () => {
    const client = await connected();
    latest().drop(1006);
    const waiting = [client.send('a'), client.send('b')];
    await expect(client.send('c')).rejects.toMatchObject({ code: 'cola_llena' });
    client.disconnect();
    for (const w of waiting) await expect(w).rejects.toMatchObject({ code: 'desconectado' });
  });

  it('waits for estado{disponible:true} after no_disponible, then sends again', async () => {
    const client = await connected();
    const sent = client.send('hola');
    const frame = latest().sent.at(-1) as { ref: string };
    latest().deliver({ tipo: 'error', codigo: 'no_disponible', detalle: 'redis caído', ref: frame.ref });
    expect(client.getSnapshot().available).toBe(false);
    latest().deliver({ tipo: 'estado', disponible: true });
    expect(latest().sent.filter((f) => f.tipo === 'mensaje')).toHaveLength(2);
    latest().deliver({ tipo: 'acuse', ref: frame.ref, id: 3 });
    await expect(sent).resolves.toBe(3);
  });

  it('honours reintentar_en_ms from servidor_cerrando', async () => {
    const client = await connected();
    latest().deliver({ tipo: 'servidor_cerrando', motivo: 'reinicio', reintentar_en_ms: 3000 });
    latest().drop(1001);
    expect(client.getSnapshot().retryAt).toBe(Date.now() + 3000);
  });

  it.each([
    ['a kick', { tipo: 'expulsado', motivo: 'spam' } as ServerFrame, 4003, 'expulsado'],
    ['a ban', { tipo: 'rechazado', motivo: 'vetado', detalle: '' } as ServerFrame, 4001, 'rechazado'],
    ['a taken name', { tipo: 'rechazado', motivo: 'nombre_duplicado', detalle: '' } as ServerFrame, 4001, 'rechazado'],
  ])('never reconnects after %s', async (_, frame, code, kind) => {
    const client = await connected();
    latest().drop(1006);
    vi.advanceTimersByTime(500);
    latest().open();
    latest().deliver(frame);
    latest().drop(code);
    expect(client.getSnapshot()).toMatchObject({ state: 'desconectado', ended: { kind } });
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it.each([4001, 4006])('never reconnects after close %i, even with no frame saying why', async (code) => {
    const client = await connected();
    latest().drop(code);
    expect(client.getSnapshot()).toMatchObject({ state: 'desconectado', ended: { kind: 'red', codigo: code } });
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  // The server holds the session after these (docs/protocol.md, "Close codes"): resuming is right.
  it.each([1001, 1003, 1007, 1008, 1009, 4002, 4004])('reconnects after close %i', async (code) => {
    const client = await connected();
    latest().drop(code);
    expect(client.getSnapshot()).toMatchObject({ state: 'reconectando', ended: null });
    vi.advanceTimersByTime(500);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('retries after no_aceptando and servidor_lleno', async () => {
    const client = await connected();
    latest().drop(1006);
    vi.advanceTimersByTime(500);
    latest().open();
    latest().deliver({ tipo: 'rechazado', motivo: 'servidor_lleno', detalle: '' });
    latest().drop(4001);
    expect(client.state).toBe('reconectando');
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.all).toHaveLength(3);
  });

  it('treats silence past two heartbeat intervals as a lost connection', async () => {
    const client = await connected();
    vi.advanceTimersByTime(25_000);
    expect(latest().sent.at(-1)).toEqual({ tipo: 'ping' });
    vi.advanceTimersByTime(25_000);
    expect(client.state).toBe('reconectando');
    expect(FakeSocket.all[0]?.closedWith).toBe(4000);
  });

  it('ignores unknown server frames and survives a listener that throws', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const client = await connected();
    const seen: string[] = [];
    client.on('mensaje', () => {
      throw new Error('user bug');
    });
    client.on('mensaje', (m) => seen.push(m.contenido));
    latest().deliver('{"tipo":"reaccion","id":1,"emoji":"👍"}');
    latest().deliver(mensaje(1, 'sigue funcionando'));
    expect(seen).toEqual(['sigue funcionando']);
    expect(client.getSnapshot().log.map((e) => e.key)).toEqual(['m1']);
    expect(errors).toHaveBeenCalledOnce();
    errors.mockRestore();
  });

  it('merges resumed history without duplicates and keeps the log bounded', async () => {
    const client = new ChatClient({ WebSocket: FakeSocket, logMax: 3, random: () => 0 });
    const accepted = client.connect({ url: 'ws://chat/ws', nombre: 'ana' });
    latest().open();
    latest().deliver(aceptado({ historial: [mensaje(1, 'a') as never, mensaje(2, 'b') as never] }));
    await accepted;
    latest().drop(1006);
    vi.advanceTimersByTime(0);
    latest().open();
    latest().deliver(aceptado({ reanudado: true, historial: [mensaje(2, 'b') as never, mensaje(3, 'c') as never, mensaje(4, 'd') as never] }));
    expect(client.getSnapshot().log.map((e) => e.key)).toEqual(['m2', 'm3', 'm4']);
  });
});

describe('typing', () => {
  it('throttles typing to one per second but still says it once the second is up', async () => {
    const client = await connected();
    const typing = () => latest().sent.filter((f) => f.tipo === 'escribiendo');
    client.setTyping(true);
    client.setTyping(false);
    client.setTyping(true);
    client.setTyping(true);
    expect(typing()).toEqual([
      { tipo: 'escribiendo', activo: true },
      { tipo: 'escribiendo', activo: false },
    ]);
    vi.advanceTimersByTime(1000);
    expect(typing()).toHaveLength(3);
    expect(typing()[2]).toEqual({ tipo: 'escribiendo', activo: true });
    // Stopping before the second is up cancels the late one.
    client.setTyping(false);
    client.setTyping(true);
    client.setTyping(false);
    vi.advanceTimersByTime(2000);
    expect(typing().map((f) => (f as { activo: boolean }).activo)).toEqual([true, false, true, false]);
  });
});
