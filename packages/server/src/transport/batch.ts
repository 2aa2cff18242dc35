/**
 * Frames for one socket within one turn of the event loop go out together: one write (one
 * system call) per socket per turn instead of one per frame. A burst (a group commit's
 * messages, a wave of joins announced to everyone) then costs each recipient one write; a
 * lone frame costs what it did. The batch is written in the same turn, in the check phase
 * (`setImmediate`), right after the I/O and timers that produced it.
 */

/** Links with something pending this turn, and whether the flush is scheduled. */
let due: BatchedLink[] = [];
let scheduled = false;

function flushDue(): void {
  scheduled = false;
  const links = due;
  due = [];
  for (const link of links) link.flush();
}

export abstract class BatchedLink {
  /** One buffer, or several once a second frame arrives within the turn. */
  private pending: Buffer | Buffer[] | undefined;
  private pendingLength = 0;

  /** Writes bytes to the socket now (nothing pending is older than them). */
  protected abstract writeNow(bytes: Buffer): void;

  /** Bytes queued for this turn's write, not yet handed to the socket. */
  protected get pendingBytes(): number {
    return this.pendingLength;
  }

  protected queue(bytes: Buffer): void {
    this.pendingLength += bytes.length;
    const pending = this.pending;
    if (pending === undefined) {
      this.pending = bytes;
      due.push(this);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flushDue);
      }
    } else if (Array.isArray(pending)) pending.push(bytes);
    else this.pending = [pending, bytes];
  }

  /** Writes what is pending now: at the end of the turn, or before the link closes. */
  flush(): void {
    const pending = this.pending;
    if (pending === undefined) return;
    this.pending = undefined;
    const length = this.pendingLength;
    this.pendingLength = 0;
    this.writeNow(Array.isArray(pending) ? Buffer.concat(pending, length) : pending);
  }
}
