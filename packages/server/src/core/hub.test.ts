/**
 * The Hub as transports see it: frames in (malformed ones, the order of checks), shutdown, and
 * its event listeners. No network: every connection is a TestLink (src/testing/test-hub.ts);
 * timers are fake.
 */
import { CloseCode } from '@charla/protocol';
import { describe, expect, it, vi } from 'vitest';
import { errorCodes, flush, GatedStore, ids, say, setup, silent, useFakeTime, whisper } from '../testing/test-hub.js';

useFakeTime();

// ------------------------------------------------------------------ malformed frames, order of checks

describe('malformed frames and the order of checks', () => {
  it.each([
    ['json_invalido', 'text that is not JSON', '{nope'],
    ['trama_invalida', 'a JSON value that is not an object', '[1,2]'],
    ['trama_invalida', 'an unknown tipo', '{"tipo":"bailar"}'],
    ['trama_invalida', 'a missing tipo', '{"contenido":"hola"}'],
    ['trama_invalida', 'a schema failure', '{"tipo":"mensaje","contenido":5}'],
  ])('answers %s to %s and the connection stays up', async (codigo, _, text) => {
    const { join } = setup();
    const ana = join('ana');
    const bea = join('bea');
    ana.raw(text);
    await flush();
    expect(errorCodes(ana.drain())).toEqual([codigo]);
    expect(ana.closeCode).toBeUndefined();
    expect(bea.drain()).toEqual([]);
    ana.send({ tipo: 'ping', ref: 'still' });
    expect(ana.last()).toEqual({ tipo: 'pong', ref: 'still' });
  });

  it('echoes the ref of a frame refused by the schema', () => {
    const { join } = setup();
    const ana = join('ana');
    ana.send({ tipo: 'mensaje', contenido: 5, ref: 'r9' });
    expect(ana.last()).toMatchObject({ tipo: 'error', codigo: 'trama_invalida', ref: 'r9' });
  });

  it('checks trama_invalida before no_identificado', () => {
    const { open } = setup();
    const client = open();
    client.send({ tipo: 'bailar' });
    client.send({ tipo: 'mensaje' });
    expect(errorCodes(client.frames)).toEqual(['trama_invalida', 'trama_invalida']);
  });

  it('checks origen_invalido before contenido_vacio', () => {
    const { join } = setup();
    const ana = join('ana');
    say(ana, '   ', { remitente: 'bea' });
    expect(errorCodes(ana.drain())).toEqual(['origen_invalido']);
  });

  it('checks contenido_vacio and demasiado_grande before limite_de_frecuencia', async () => {
    const { join } = setup({ messagesPer10s: 2, contentMax: 10 });
    const ana = join('ana');
    say(ana, 'uno');
    say(ana, 'dos');
    await flush();
    ana.drain();
    say(ana, ' ');
    say(ana, 'x'.repeat(11));
    say(ana, 'tres');
    expect(errorCodes(ana.drain())).toEqual(['contenido_vacio', 'demasiado_grande', 'limite_de_frecuencia']);
  });

  it('checks limite_de_frecuencia before destinatario_desconocido', async () => {
    const { join } = setup({ messagesPer10s: 1 });
    const ana = join('ana');
    say(ana, 'uno');
    await flush();
    ana.drain();
    whisper(ana, 'nadie', 'hola');
    expect(errorCodes(ana.drain())).toEqual(['limite_de_frecuencia']);
  });
});

// ------------------------------------------------------------------ shutdown

describe('shutdown', () => {
  it('sends servidor_cerrando to every connection, identified or not, then closes 1001; nobody is told anyone left', async () => {
    const { hub, open, join } = setup({ graceMs: 1000 });
    const ana = join('ana');
    const bea = join('bea');
    const carl = join('carl');
    const lurker = open();
    carl.handle.ended('lost'); // held, in grace
    for (const client of [ana, bea]) client.drain();
    hub.shutdown('mantenimiento', 5000);
    for (const client of [ana, bea, lurker]) {
      expect(client.drain()).toEqual([{ tipo: 'servidor_cerrando', motivo: 'mantenimiento', reintentar_en_ms: 5000 }]);
      expect(client.closeCode).toBe(CloseCode.shuttingDown);
      client.handle.ended('left');
    }
    vi.advanceTimersByTime(60_000);
    await flush();
    for (const client of [ana, bea, lurker]) expect(client.drain()).toEqual([]);
  });

  it('closes connections opened after shutdown with 1001 and refuses them', () => {
    const { hub, open } = setup();
    hub.shutdown('adiós');
    const late = open();
    expect(late.closeCode).toBe(CloseCode.shuttingDown);
    late.send({ tipo: 'identificacion', nombre: 'ana' });
    expect(late.of('aceptado')).toEqual([]);
  });

  it('sends servidor_cerrando to a connection opened after shutdown before closing it', () => {
    // docs/protocol.md: "every connection, identified or not, gets servidor_cerrando".
    const { hub, open } = setup();
    hub.shutdown('adiós', 2000);
    const late = open();
    expect(late.frames).toEqual([{ tipo: 'servidor_cerrando', motivo: 'adiós', reintentar_en_ms: 2000 }]);
    expect(late.closeCode).toBe(CloseCode.shuttingDown);
  });
});

// ------------------------------------------------------------------ the event stream's listeners

describe('event listeners', () => {
  it('a listener that throws cannot stop delivery: every commit is still broadcast and acked, and the error is logged', async () => {
    const errors: unknown[] = [];
    const store = new GatedStore(100);
    const { hub, join } = setup({ store, log: { ...silent, error: (fields) => errors.push(fields) } });
    const seen: string[] = [];
    hub.events.on(() => {
      throw new Error('a broken listener');
    });
    hub.events.on((event) => seen.push(event.type));
    const [ana, bea] = [join('ana'), join('bea')];
    say(ana, 'uno', { ref: 'a' });
    say(ana, 'dos', { ref: 'b' });
    // Both writes complete before the flush: one flushPending delivers both, and emits for each.
    for (const open of store.gates) open();
    await flush();
    expect(ids(bea.of('mensaje'))).toEqual([1, 2]);
    expect(ana.of('acuse')).toEqual([
      { tipo: 'acuse', ref: 'a', id: 1 },
      { tipo: 'acuse', ref: 'b', id: 2 },
    ]);
    expect(seen).toEqual(['connection', 'join', 'connection', 'join', 'message', 'message']);
    expect(errors).toHaveLength(6);
    expect(errors.at(-1)).toMatchObject({ event: 'message', err: expect.any(Error) });
  });
});
