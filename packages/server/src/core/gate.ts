/**
 * The gate: the chat's three switches, in one place so every module asks the same. Whether
 * identifications are accepted (the operators' switch), whether the cluster backend is
 * reachable (`estado`; always with no cluster), and whether shutdown began, with the notice
 * every connection hears then. Who flips each one is its owner's business: the operator,
 * the cluster sync, the Hub's shutdown.
 */
import type { Outbound } from './outbound.js';

/** Shutdown's `servidor_cerrando`, and the close reason that goes with it (1001). */
export interface ClosingNotice {
  readonly out: Outbound;
  readonly motivo: string;
}

export class Gate {
  private open = true;
  private reachable: boolean;
  private notice: ClosingNotice | null = null;

  constructor(clustered: boolean) {
    this.reachable = !clustered;
  }

  /** Identifications are accepted (`rechazado{no_aceptando}` otherwise). */
  get accepting(): boolean {
    return this.open;
  }

  /** Never true again once shutdown began. */
  setAccepting(accepting: boolean): void {
    this.open = accepting && !this.closing;
  }

  /** False while the cluster backend is away: no joins, no messages (`no_disponible`). */
  get available(): boolean {
    return this.reachable;
  }

  /** Whether that changed anything. */
  setAvailable(available: boolean): boolean {
    if (available === this.reachable) return false;
    this.reachable = available;
    return true;
  }

  get closing(): boolean {
    return this.notice !== null;
  }

  /** What every connection hears once shutdown began, null before. */
  get closingNotice(): ClosingNotice | null {
    return this.notice;
  }

  close(notice: ClosingNotice): void {
    this.open = false;
    this.notice = notice;
  }
}
