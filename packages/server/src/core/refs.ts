/**
 * A session lineage's refs, for idempotent re-sends (docs/protocol.md: a `ref` already
 * accepted gets the same `acuse` again, and nothing is delivered twice): the id each ref got,
 * the newest 1,024, and the re-sends that came while their message was still in flight,
 * each owed an `acuse` of its own. Delivery's; a User carries it, made by its first ref.
 */

/** Refs remembered per session lineage. */
const REFS_REMEMBERED = 1024;

/** A lineage's sent refs (ref -> id) and the re-sends still owed an acuse. */
export class SentRefs {
  private readonly ids = new Map<string, number>();
  private resent: Map<string, number> | undefined;

  /** From the store after a restart (newest first there). */
  static restored(refs: readonly (readonly [string, number])[]): SentRefs {
    const restored = new SentRefs();
    for (const [ref, id] of [...refs].reverse()) restored.ids.set(ref, id);
    return restored;
  }

  get(ref: string): number | undefined {
    return this.ids.get(ref);
  }

  /** The oldest goes past REFS_REMEMBERED. */
  remember(ref: string, id: number): void {
    this.ids.set(ref, id);
    if (this.ids.size > REFS_REMEMBERED) this.ids.delete(this.ids.keys().next().value as string);
  }

  /** A ref re-sent before its message was delivered: that send is owed an acuse too. */
  markResent(ref: string): void {
    this.resent ??= new Map();
    this.resent.set(ref, (this.resent.get(ref) ?? 0) + 1);
  }

  /** How many re-sends of `ref` wait for its acuse; they wait no more. */
  takeResent(ref: string): number {
    const count = this.resent?.get(ref) ?? 0;
    this.resent?.delete(ref);
    return count;
  }

  /** The message of `ref` was not accepted after all: a later send of it is a new one. */
  forget(ref: string): void {
    this.ids.delete(ref);
    this.resent?.delete(ref);
  }
}
