/**
 * On connecting, the server first replays the events it kept (`replay: true`), then says
 * `ready`. After a reconnection most of them are already in the activity log: this tells
 * which. A replayed frame is the live frame it was plus `replay: true` (the same time, the
 * same fields), so events are matched by content; the counts keep two identical events (two
 * connections from one address in one millisecond) two.
 */
import type { LoggedEvent, LiveEvent } from './events';

export class ReplayFilter {
  private readonly counts = new Map<string, number>();

  constructor(log: readonly LoggedEvent[]) {
    for (const { event } of log) {
      const key = eventKey(event);
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    }
  }

  /** True when the log has this event already; each logged copy answers for one replayed copy. */
  known(event: LiveEvent): boolean {
    const key = eventKey(event);
    const count = this.counts.get(key) ?? 0;
    if (count === 0) return false;
    this.counts.set(key, count - 1);
    return true;
  }
}

function eventKey(event: LiveEvent): string {
  const { replay: _replay, ...rest } = event;
  return JSON.stringify(rest);
}
