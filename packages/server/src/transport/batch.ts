/**
 * Frames for one socket within one turn of the event loop go out together: one write (one
 * system call, a writev) per socket per turn instead of one per frame. A burst (a group
 * commit's messages, a wave of joins announced to everyone) then costs each recipient one
 * write; a lone frame costs what it did. The batch is written in the same turn, in the check
 * phase (`setImmediate`), right after the I/O and timers that produced it. The frames are not
 * copied into one buffer per socket: a broadcast's frame stays one buffer shared by every
 * recipient, which matters when 10,000 sockets each get a turn's worth of joins.
 */
import type { Writable } from 'node:stream';

/** What a socket is handed: bytes, or text it encodes (UTF-8) into memory it frees once written. */
export type Chunk = Buffer | string;

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
  /** One chunk, or several once a second arrives within the turn. */
  private pending: Chunk | Chunk[] | undefined;
  private pendingLength = 0;

  /** Writes to the socket now, with writeAll (nothing pending is older than this). */
  protected abstract writeNow(chunks: Chunk | readonly Chunk[]): void;

  /** Bytes queued for this turn's write, not yet handed to the socket. */
  protected get pendingBytes(): number {
    return this.pendingLength;
  }

  /** `byteLength`: the chunk's size on the wire (a string's UTF-8 length). */
  protected queue(chunk: Chunk, byteLength: number): void {
    this.pendingLength += byteLength;
    const pending = this.pending;
    if (pending === undefined) {
      this.pending = chunk;
      due.push(this);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flushDue);
      }
    } else if (Array.isArray(pending)) pending.push(chunk);
    else this.pending = [pending, chunk];
  }

  /** Writes what is pending now: at the end of the turn, or before the link closes. */
  flush(): void {
    const pending = this.pending;
    if (pending === undefined) return;
    this.pending = undefined;
    this.pendingLength = 0;
    this.writeNow(pending);
  }
}

/** One chunk, or several in one writev (corked, so the stream hands them over together). */
export function writeAll(stream: Writable, chunks: Chunk | readonly Chunk[]): void {
  if (!Array.isArray(chunks)) {
    stream.write(chunks);
    return;
  }
  stream.cork();
  for (const chunk of chunks as readonly Chunk[]) stream.write(chunk);
  stream.uncork();
}
