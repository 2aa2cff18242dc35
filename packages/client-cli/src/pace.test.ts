import { ChatError } from '@charla/sdk';
import { describe, expect, it } from 'vitest';
import { RateWindow, sendLines } from './pace.js';
import type { Clock } from './pace.js';

/** Time moves only when the code under test sleeps. */
class FakeClock implements Clock {
  time = 0;
  readonly slept: number[] = [];
  now = () => this.time;
  sleep = async (ms: number) => {
    this.slept.push(ms);
    this.time += ms;
  };
}

async function* lines(...texts: string[]): AsyncIterable<string> {
  yield* texts;
}

describe('RateWindow', () => {
  it('lets `limit` sends through, then waits for the oldest to leave the window (plus a margin)', () => {
    const window = new RateWindow({ limit: 2, windowMs: 10_000 });
    window.record(0);
    expect(window.waitMs(0)).toBe(0);
    window.record(100);
    expect(window.waitMs(100)).toBe(10_150);
    expect(window.waitMs(10_250)).toBe(0);
    window.record(10_250);
    expect(window.waitMs(10_250)).toBe(100 + 10_000 + 250 - 10_250);
  });
});

describe('sendLines', () => {
  it('sends every non-blank line in order, pacing to the rate', async () => {
    const clock = new FakeClock();
    const sent: string[] = [];
    await sendLines(lines('a', '', '  ', 'b', 'c'), async (text) => sent.push(text), { limit: 2, windowMs: 1000 }, clock);
    expect(sent).toEqual(['a', 'b', 'c']);
    expect(clock.slept).toEqual([0, 0, 1250]);
  });

  it('does not wait for one ack before sending the next line', async () => {
    const acks: (() => void)[] = [];
    let bothSent: () => void = () => undefined;
    const both = new Promise<void>((resolve) => (bothSent = resolve));
    const done = sendLines(
      lines('a', 'b'),
      (text) => {
        if (text === 'b') bothSent();
        return new Promise<void>((resolve) => acks.push(resolve));
      },
      { limit: 10, windowMs: 1000 },
      new FakeClock(),
    );
    await both; // hangs (and the test times out) if 'b' waited for 'a' to be acked
    for (const ack of acks) ack();
    await done;
  });

  it('waits and sends a line again when the server says it came too fast', async () => {
    const clock = new FakeClock();
    const sent: string[] = [];
    await sendLines(
      lines('a'),
      async (text) => {
        sent.push(text);
        if (sent.length === 1) throw new ChatError('limite_de_frecuencia', 'despacio');
      },
      { limit: 30, windowMs: 10_000 },
      clock,
    );
    expect(sent).toEqual(['a', 'a']);
    expect(clock.slept).toEqual([0, 1000]);
  });

  it('fails with the number of the first line the server refused', async () => {
    const refusal = new ChatError('demasiado_grande', 'demasiado largo');
    const attempt = sendLines(
      lines('ok', '', 'too long', 'never'),
      async (text) => {
        if (text === 'too long') throw refusal;
      },
      { limit: 30, windowMs: 10_000 },
      new FakeClock(),
    );
    await expect(attempt).rejects.toMatchObject({ name: 'LineFailure', line: 3, cause: refusal });
  });
});
