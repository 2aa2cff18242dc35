/** The outbox against a fake link and a hand-moved clock: no socket, no timers. */
import type { ClientFrame } from '@charla/protocol';
import { describe, expect, it } from 'vitest';
import { Outbox } from './outbox.js';

function setup(queueMax = 2) {
  let now = 1_000;
  const link = { open: true, written: [] as ClientFrame[] };
  const outbox = new Outbox(
    { canSend: () => link.open, write: (frame) => link.written.push(frame) },
    { queueMax, ackTimeoutMs: 15_000, now: () => now },
  );
  const send = (contenido: string) => {
    const ref = outbox.newRef();
    return { ref, done: outbox.add({ tipo: 'mensaje', contenido, ref }) };
  };
  return { outbox, link, send, tick: (ms: number) => (now += ms) };
}

describe('Outbox', () => {
  it('makes refs that never repeat', () => {
    const { outbox } = setup();
    const refs = Array.from({ length: 50 }, () => outbox.newRef());
    expect(new Set(refs).size).toBe(50);
  });

  it('holds sends while the link cannot take them and writes them in order when it can', async () => {
    const { outbox, link, send } = setup();
    link.open = false;
    const a = send('a');
    const b = send('b');
    outbox.flush();
    expect(link.written).toEqual([]);
    link.open = true;
    outbox.flush();
    expect(link.written).toEqual([
      { tipo: 'mensaje', contenido: 'a', ref: a.ref },
      { tipo: 'mensaje', contenido: 'b', ref: b.ref },
    ]);
    outbox.acked({ tipo: 'acuse', ref: b.ref, id: 8 });
    outbox.acked({ tipo: 'acuse', ref: a.ref, id: 7 });
    await expect(a.done).resolves.toBe(7);
    await expect(b.done).resolves.toBe(8);
  });

  it('re-sends what was written but not acked, with the original ref, after the link comes back', () => {
    const { outbox, link, send, tick } = setup();
    const a = send('a');
    const b = send('b');
    outbox.acked({ tipo: 'acuse', ref: b.ref, id: 2 });
    link.open = false;
    outbox.unsent();
    // Its ack cannot come on a dead link: no timeout runs while it waits for the next one.
    tick(60_000);
    expect(outbox.overdue()).toBe(false);
    link.written.length = 0;
    link.open = true;
    outbox.flush();
    expect(link.written).toEqual([{ tipo: 'mensaje', contenido: 'a', ref: a.ref }]);
  });

  it('refuses past queueMax waiting sends, counting only those not written yet', async () => {
    const { outbox, link, send } = setup(2);
    send('written'); // on the link: does not count
    link.open = false;
    send('a');
    send('b');
    await expect(send('c').done).rejects.toMatchObject({ code: 'cola_llena' });
    link.open = true;
    outbox.flush();
    expect(link.written.map((f) => (f as { contenido: string }).contenido)).toEqual(['written', 'written', 'a', 'b']);
    // The bound is for waiting only: while the link takes sends, none waits.
    void send('d').done;
    expect(link.written.at(-1)).toMatchObject({ contenido: 'd' });
  });

  it('keeps a send refused with no_disponible and fails one refused for good', async () => {
    const { outbox, link, send, tick } = setup();
    const held = send('a');
    const failed = send('b');
    expect(outbox.refused({ tipo: 'error', codigo: 'no_disponible', detalle: '', ref: held.ref })).toBe('held');
    expect(outbox.refused({ tipo: 'error', codigo: 'contenido_vacio', detalle: 'vacío', ref: failed.ref })).toBe('refused');
    expect(outbox.refused({ tipo: 'error', codigo: 'limite_de_frecuencia', detalle: '' })).toBe('other');
    await expect(failed.done).rejects.toMatchObject({ code: 'contenido_vacio', message: 'vacío' });
    // While the server is unavailable no ack is due: a long pause is not a dead connection.
    tick(60_000);
    expect(outbox.overdue()).toBe(false);
    link.written.length = 0;
    outbox.flush();
    expect(link.written).toEqual([{ tipo: 'mensaje', contenido: 'a', ref: held.ref }]);
  });

  it('calls an ack overdue only for a written send past ackTimeoutMs', () => {
    const { outbox, link, send, tick } = setup();
    link.open = false;
    send('waiting');
    tick(60_000);
    expect(outbox.overdue()).toBe(false);
    link.open = true;
    outbox.flush();
    tick(15_000);
    expect(outbox.overdue()).toBe(false);
    tick(1);
    expect(outbox.overdue()).toBe(true);
  });

  it('fails every pending send when the client stops for good', async () => {
    const { outbox, link, send } = setup();
    const a = send('a');
    link.open = false;
    const b = send('b');
    outbox.rejectAll('not sent: desconexion');
    await expect(a.done).rejects.toMatchObject({ code: 'desconectado' });
    await expect(b.done).rejects.toMatchObject({ code: 'desconectado' });
    link.open = true;
    link.written.length = 0;
    outbox.flush();
    expect(link.written).toEqual([]);
  });
});
