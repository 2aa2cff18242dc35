/**
 * `charla send -` sends many lines in order, each acked, without waiting a round trip per
 * line: lines go out as fast as the server's rate limit allows (`limites.mensajes_por_10s`,
 * a sliding window, as the server counts), and a line refused with `limite_de_frecuencia`
 * anyway (our clock is not the server's) waits for room and goes again.
 */
import { ChatError } from '@charla/sdk';

export interface Rate {
  readonly limit: number;
  readonly windowMs: number;
}

/** The server counts arrivals, we count departures: keep this much room for the difference. */
const MARGIN_MS = 250;
/** After a refusal our count was wrong: wait at least this long before trying that line again. */
const REFUSED_WAIT_MS = 1000;

/** The times of the last `limit` sends; how long until one more fits. */
export class RateWindow {
  private readonly times: number[] = [];

  constructor(private readonly rate: Rate) {}

  /** Ms to wait at `now` before the next send fits in the window. */
  waitMs(now: number): number {
    if (this.times.length < this.rate.limit) return 0;
    const oldest = this.times[this.times.length - this.rate.limit] ?? -Infinity;
    return Math.max(0, oldest + this.rate.windowMs + MARGIN_MS - now);
  }

  record(now: number): void {
    this.times.push(now);
    if (this.times.length > this.rate.limit) this.times.shift();
  }
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A line that could not be sent, with its 1-based number in the input. */
export class LineFailure extends Error {
  override readonly name = 'LineFailure';

  constructor(
    readonly line: number,
    cause: unknown,
  ) {
    super(`line ${line}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * Sends every non-blank line, in order, and resolves once all are acked. The first failure
 * stops reading and rejects with a LineFailure, after the lines already sent settle.
 */
export async function sendLines(lines: AsyncIterable<string>, send: (text: string) => Promise<unknown>, rate: Rate, clock: Clock = realClock): Promise<void> {
  const window = new RateWindow(rate);
  const pace = async (atLeastMs = 0) => {
    await clock.sleep(Math.max(atLeastMs, window.waitMs(clock.now())));
    window.record(clock.now());
  };
  const deliver = async (text: string): Promise<void> => {
    for (;;) {
      try {
        await send(text);
        return;
      } catch (error) {
        if (!(error instanceof ChatError && error.code === 'limite_de_frecuencia')) throw error;
        await pace(REFUSED_WAIT_MS);
      }
    }
  };
  let failure: LineFailure | undefined;
  const sent: Promise<void>[] = [];
  let number = 0;
  for await (const line of lines) {
    number++;
    if (failure !== undefined) break;
    if (line.trim() === '') continue;
    await pace();
    const lineNumber = number;
    // Handled at once: a failure is kept, not left as an unhandled rejection while reading.
    sent.push(deliver(line).catch((error: unknown) => void (failure ??= new LineFailure(lineNumber, error))));
  }
  await Promise.all(sent);
  if (failure !== undefined) throw failure;
}
