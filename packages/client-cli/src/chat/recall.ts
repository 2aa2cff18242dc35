/**
 * Up/Down recall of what was submitted, like a shell's history: Up walks back, Down walks
 * forward and finally returns the line that was being typed before browsing began.
 */
export class Recall {
  private readonly entries: string[] = [];
  /** Index into `entries`; `entries.length` is the draft. */
  private position = 0;
  private draft = '';

  constructor(private readonly max = 500) {}

  /** A submitted line: remembered (a repeat of the last one is not), browsing starts over. */
  add(line: string): void {
    if (line.trim() !== '' && this.entries.at(-1) !== line) {
      this.entries.push(line);
      if (this.entries.length > this.max) this.entries.shift();
    }
    this.position = this.entries.length;
    this.draft = '';
  }

  /** Up: the previous line, or null at the oldest. `current` is kept as the draft. */
  older(current: string): string | null {
    if (this.position === 0) return null;
    if (this.position === this.entries.length) this.draft = current;
    this.position--;
    return this.entries[this.position] ?? null;
  }

  /** Down: the next line, then the draft; null when not browsing. */
  newer(): string | null {
    if (this.position >= this.entries.length) return null;
    this.position++;
    return this.position === this.entries.length ? this.draft : (this.entries[this.position] ?? null);
  }
}
