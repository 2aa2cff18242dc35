/**
 * Failed admin logins per address: after a few, answers slow down; past the bound, the
 * address gets 429 for a while. Bounded memory: old entries are forgotten.
 */
const WINDOW_MS = 60_000;
const FREE_FAILURES = 5;
const BLOCK_AFTER = 20;
const BLOCK_MS = 5 * 60_000;
const STEP_DELAY_MS = 100;
const MAX_DELAY_MS = 2000;
const MAX_ADDRESSES = 10_000;

interface Record {
  failures: number;
  first: number;
  blockedUntil: number;
}

export class FailedAttempts {
  private readonly byAddress = new Map<string, Record>();

  /** True while the address is answered 429. */
  blocked(address: string, now = Date.now()): boolean {
    return (this.byAddress.get(address)?.blockedUntil ?? 0) > now;
  }

  /** Records a failure; returns how long to delay the 401. */
  fail(address: string, now = Date.now()): number {
    let record = this.byAddress.get(address);
    if (record === undefined || now - record.first > WINDOW_MS) {
      if (this.byAddress.size >= MAX_ADDRESSES) this.prune(now);
      record = { failures: 0, first: now, blockedUntil: 0 };
      this.byAddress.set(address, record);
    }
    record.failures++;
    if (record.failures >= BLOCK_AFTER) record.blockedUntil = now + BLOCK_MS;
    return Math.min(MAX_DELAY_MS, Math.max(0, record.failures - FREE_FAILURES) * STEP_DELAY_MS);
  }

  succeed(address: string): void {
    if (!this.blocked(address)) this.byAddress.delete(address);
  }

  private prune(now: number): void {
    for (const [address, record] of this.byAddress) {
      if (now - record.first > WINDOW_MS && record.blockedUntil <= now) this.byAddress.delete(address);
    }
    // Still full (an attack from many addresses): forget the oldest.
    for (const address of this.byAddress.keys()) {
      if (this.byAddress.size < MAX_ADDRESSES) break;
      this.byAddress.delete(address);
    }
  }
}
