import { describe, expect, it } from 'vitest';
import type { Sequenced } from './sequencer.js';
import { Sequencer } from './sequencer.js';

/** A log the sequencer reads gaps from; `fail` makes the next reads fail. */
function setup(seen: number, log: number[]) {
  const delivered: number[] = [];
  const errors: unknown[] = [];
  const reads: [number, number | undefined][] = [];
  const state = { fail: false };
  const sequencer = new Sequencer(
    seen,
    async (from, to) => {
      reads.push([from, to]);
      if (state.fail) throw new Error('redis away');
      return log.filter((id) => id >= from && (to === undefined || id <= to)).map((id) => message(id));
    },
    (m) => delivered.push(m.id),
    (error) => errors.push(error),
  );
  return { sequencer, delivered, errors, reads, state };
}

const message = (id: number): Sequenced => ({ id, payload: { id } });
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Sequencer', () => {
  it('hands on messages in order, once; old ids are ignored', () => {
    const { sequencer, delivered, reads } = setup(10, []);
    for (const id of [11, 12, 12, 9, 13]) sequencer.push(message(id));
    expect(delivered).toEqual([11, 12, 13]);
    expect(reads).toEqual([]);
    expect(sequencer.lastSeen).toBe(13);
  });

  it('fills a gap from the log before what arrived past it, holding later arrivals meanwhile', async () => {
    const { sequencer, delivered, reads } = setup(0, [1, 2, 3, 4]);
    sequencer.push(message(1));
    sequencer.push(message(4));
    sequencer.push(message(5));
    expect(delivered).toEqual([1]);
    await settle();
    expect(reads).toEqual([[2, 3]]);
    expect(delivered).toEqual([1, 2, 3, 4, 5]);
  });

  it('skips ids the log does not have (Redis lost them; ids jumped above the floor)', async () => {
    const { sequencer, delivered } = setup(5, []);
    sequencer.push(message(9));
    await settle();
    expect(delivered).toEqual([9]);
  });

  it('never jumps a gap it could not read; catchUp after recovery delivers all in order', async () => {
    const { sequencer, delivered, errors, state } = setup(0, [1, 2, 3]);
    state.fail = true;
    sequencer.push(message(3));
    sequencer.push(message(4));
    await settle();
    expect(delivered).toEqual([]);
    expect(errors).toHaveLength(1);
    state.fail = false;
    await sequencer.catchUp();
    expect(delivered).toEqual([1, 2, 3, 4]);
  });
});
