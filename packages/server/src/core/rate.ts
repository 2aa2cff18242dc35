/**
 * A sliding-window counter: at most `limit` events within `windowMs`. It remembers the
 * times of the last `limit` events in a ring, so each check is O(1) and the window is exact
 * (no burst of 2 × limit at a fixed window's edge). The ring grows only as events happen,
 * so a generous limit costs memory only for connections that use it.
 */
export class SlidingWindow {
  private readonly times: number[] = [];
  private next = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Records an event at `now` if the window has room; returns whether it had. */
  tryTake(now: number): boolean {
    if (!this.hasRoom(now)) return false;
    this.record(now);
    return true;
  }

  /** Records an event unconditionally; returns true when the window is now full. */
  recordAndCheckFull(now: number): boolean {
    this.record(now);
    return !this.hasRoom(now);
  }

  private hasRoom(now: number): boolean {
    if (this.times.length < this.limit) return true;
    // Full ring: the slot about to be overwritten holds the oldest of the last `limit` events.
    return now - (this.times[this.next] as number) >= this.windowMs;
  }

  private record(now: number): void {
    if (this.times.length < this.limit) {
      this.times.push(now);
      return;
    }
    this.times[this.next] = now;
    this.next = (this.next + 1) % this.limit;
  }
}
