/**
 * Hands on messages in id order, each once. Published messages normally arrive in order;
 * when one arrives past a gap (this node's subscription missed some while Redis was away),
 * the missing ids are read from the shared log first, and what arrives meanwhile waits.
 */
export interface Sequenced<P = unknown> {
  readonly id: number;
  readonly payload: P;
}

/** Reads the log for ids in [from, to] (`to` undefined: up to the newest), oldest first. */
export type ReadLog<P> = (from: number, to: number | undefined) => Promise<Sequenced<P>[]>;

export class Sequencer<P = unknown> {
  private readonly waiting: Sequenced<P>[] = [];
  /** Reading the log, or stalled after a failed read: arrivals wait in `waiting`. */
  private state: 'open' | 'reading' | 'stalled' = 'open';

  constructor(
    private seen: number,
    private readonly readLog: ReadLog<P>,
    private readonly deliver: (message: Sequenced<P>) => void,
    private readonly onReadError: (error: unknown) => void,
  ) {}

  /** The highest id handed on. */
  get lastSeen(): number {
    return this.seen;
  }

  /** A message as published. */
  push(message: Sequenced<P>): void {
    if (this.state !== 'open') {
      this.waiting.push(message);
      return;
    }
    if (message.id <= this.seen) return;
    if (message.id === this.seen + 1) return this.handOn(message);
    this.waiting.push(message);
    void this.read(message.id - 1);
  }

  /**
   * Reads everything after the last id seen: at start, and after Redis came back. Resolves
   * once it is handed on (or the read failed; the next catchUp retries).
   */
  catchUp(): Promise<void> {
    return this.state === 'reading' ? Promise.resolve() : this.read(undefined);
  }

  private read(to: number | undefined): Promise<void> {
    this.state = 'reading';
    return this.readLog(this.seen + 1, to).then(
      (messages) => {
        for (const message of messages) if (message.id > this.seen) this.handOn(message);
        // Ids up to `to` that the log lacks do not exist (Redis lost them, or ids jumped
        // above a floor): each id is logged before it is published, never after.
        if (to !== undefined) this.seen = Math.max(this.seen, to);
        this.state = 'open';
        const arrived = this.waiting.splice(0).sort((a, b) => a.id - b.id);
        for (const message of arrived) this.push(message);
      },
      (error: unknown) => {
        // Nothing may jump the gap: arrivals keep waiting until catchUp() succeeds.
        this.state = 'stalled';
        this.onReadError(error);
      },
    );
  }

  private handOn(message: Sequenced<P>): void {
    this.seen = message.id;
    this.deliver(message);
  }
}
