/**
 * What happens in the Hub, for operators: the admin event stream, metrics and logs listen
 * here. Emitting costs nothing when nobody listens, and a listener that throws is logged and
 * skipped: what the chat was doing when it emitted (delivering a commit) goes on.
 */
import type { Logger } from './ports.js';

export type HubEvent =
  | { type: 'connection'; address: string; transport: 'ws' | 'tcp' }
  | { type: 'disconnection'; address: string; transport: 'ws' | 'tcp' }
  | { type: 'join'; name: string; address: string }
  | { type: 'leave'; name: string; reason: string }
  | { type: 'message'; id: number; sender: string; content: string }
  | { type: 'private'; id: number; sender: string; recipient: string }
  | { type: 'refused'; code: string; address: string }
  | { type: 'node'; id: string; address: string; connections: number; uptimeSeconds: number; state: 'up' | 'down' };

export type HubEventListener = (event: HubEvent) => void;

export class HubEvents {
  private readonly listeners = new Set<HubEventListener>();

  constructor(private readonly log: Logger) {}

  /** Subscribes; returns the unsubscribe function. */
  on(listener: HubEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listening(): boolean {
    return this.listeners.size > 0;
  }

  emit(event: HubEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.log.error({ err: error, event: event.type }, 'event listener failed');
      }
    }
  }
}
