import type { ServerFrameOf } from '@charla/protocol';
import type { ChatClient, ChatEvents } from '@charla/sdk';
import { describe, expect, it } from 'vitest';
import { Transcript } from './transcript.js';
import type { TranscriptSource } from './transcript.js';

/** Plays the client: the test emits its events. */
class FakeClient implements TranscriptSource {
  nombre: string | null = 'ana';
  private readonly listeners = new Map<keyof ChatEvents, ((value: never) => void)[]>();

  on = ((type: keyof ChatEvents, listener: (value: never) => void) => {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
    return () => undefined;
  }) as ChatClient['on'];

  getSnapshot() {
    return { nombre: this.nombre };
  }

  emit<K extends keyof ChatEvents>(type: K, value: ChatEvents[K]): void {
    for (const listener of this.listeners.get(type) ?? []) listener(value as never);
  }
}

const AT = '2026-03-14T18:30:00.000Z';
const mensaje = (id: number, remitente = 'bea', contenido = `m${id}`): ServerFrameOf<'mensaje'> => ({ tipo: 'mensaje', id, remitente, contenido, marca_tiempo: AT });
const aceptado = (historial: ServerFrameOf<'mensaje'>[], reanudado = false): ServerFrameOf<'aceptado'> => ({
  tipo: 'aceptado',
  nombre: 'ana',
  protocolo: 1,
  reanudado,
  usuarios: ['ana', 'bea'],
  historial,
  historial_incompleto: false,
  ultimo_id: historial.at(-1)?.id ?? 0,
  token: 't',
  servidor: { nombre: 'charla', version: '1.0.0' },
  limites: { contenido_max: 4000, trama_max_bytes: 65536, mensajes_por_10s: 30, identificacion_ms: 10000, ping_ms: 25000, gracia_ms: 15000 },
});

function setup() {
  const client = new FakeClient();
  const transcript = new Transcript(client, () => new Date(AT));
  const texts = () => transcript.getSnapshot().map(({ line }) => ('text' in line ? line.text : line.kind));
  return { client, transcript, texts };
}

describe('Transcript', () => {
  it('prints the history on joining, then a joined line, then live messages', () => {
    const { client, texts } = setup();
    client.emit('aceptado', aceptado([mensaje(1), mensaje(2)]));
    client.emit('mensaje', mensaje(3, 'ana'));
    expect(texts()).toEqual(['m1', 'm2', 'joined as ana; 2 online; /help lists the commands', 'm3']);
  });

  it('after a resume says how many messages it caught up and prints only those not shown', () => {
    const { client, texts } = setup();
    client.emit('aceptado', aceptado([mensaje(1)]));
    client.emit('state', 'reconectando');
    client.emit('aceptado', aceptado([mensaje(2), mensaje(3)], true));
    expect(texts().slice(2)).toEqual(['connection lost; reconnecting…', 'reconnected, 2 messages caught up', 'm2', 'm3']);
  });

  it('after a fresh session repeats no message already on screen', () => {
    const { client, texts } = setup();
    client.emit('aceptado', aceptado([mensaje(1), mensaje(2)]));
    client.emit('aceptado', aceptado([mensaje(1), mensaje(2), mensaje(3)], false));
    expect(texts().slice(3)).toEqual(['reconnected as a new session, 1 message caught up', 'm3']);
  });

  it("says whose message an operator deleted when it is on screen", () => {
    const { client, transcript } = setup();
    client.emit('mensaje', mensaje(5, 'bea'));
    client.emit('mensaje_borrado', { tipo: 'mensaje_borrado', id: 5 });
    client.emit('mensaje_borrado', { tipo: 'mensaje_borrado', id: 99 });
    expect(transcript.getSnapshot().map((e) => e.line).slice(1)).toEqual([
      { kind: 'deleted', at: AT, id: 5, original: { author: 'bea', at: AT } },
      { kind: 'deleted', at: AT, id: 99 },
    ]);
  });

  it('shows /history pages even when their messages were shown before, and tells subscribers', () => {
    const { client, transcript, texts } = setup();
    let changes = 0;
    transcript.subscribe(() => changes++);
    client.emit('mensaje', mensaje(1));
    transcript.showHistory([mensaje(1)]);
    expect(texts()).toEqual(['m1', 'the last 1 message:', 'm1', 'end of history']);
    expect(changes).toBe(4);
  });

  it('gives every entry a new key and a new array, as <Static> needs', () => {
    const { transcript } = setup();
    const before = transcript.getSnapshot();
    transcript.add({ kind: 'info', text: 'a' });
    transcript.add({ kind: 'info', text: 'b' });
    expect(transcript.getSnapshot()).not.toBe(before);
    expect(transcript.getSnapshot().map((e) => e.key)).toEqual([0, 1]);
  });
});
