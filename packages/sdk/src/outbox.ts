/**
 * The outbox: every `mensaje` and `privado` sent and not yet acknowledged, by `ref`, in send
 * order. It makes the refs, writes a send when the link can take it and holds it otherwise
 * (disconnected, or the server said it is not available), re-sends everything with the
 * original refs after a reconnect, spots an overdue ack and refuses more than `queueMax`
 * waiting sends. It knows nothing of sockets: the client passes a link.
 */
import type { ClientFrame, ServerFrameOf } from '@charla/protocol';
import { ChatError } from './errors.js';

/** What the outbox needs from the connection. */
export interface OutboxLink {
  /** Connected, identified and the server is taking messages. */
  canSend(): boolean;
  write(frame: ClientFrame): void;
}

export interface OutboxOptions {
  /** Sends that may wait while `canSend()` is false; more are refused (`cola_llena`). */
  readonly queueMax: number;
  /** An ack later than this, in ms, means the connection is dead. */
  readonly ackTimeoutMs: number;
  readonly now?: () => number;
}

export type SendFrame = ClientFrame & { tipo: 'mensaje' | 'privado'; ref: string };

interface PendingSend {
  readonly frame: SendFrame;
  readonly resolve: (id: number) => void;
  readonly reject: (error: ChatError) => void;
  /** When it was last written to a link; undefined while it waits. */
  sentAt: number | undefined;
}

export class Outbox {
  private readonly sends = new Map<string, PendingSend>();
  private nextRef = 1;
  private readonly now: () => number;

  constructor(
    private readonly link: OutboxLink,
    private readonly options: OutboxOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** A ref no other send or ping of this client has used. */
  newRef(): string {
    return `${this.now().toString(36)}-${(this.nextRef++).toString(36)}`;
  }

  /** Sends now or holds it; resolves with the server's id at its `acuse`. */
  add(frame: SendFrame): Promise<number> {
    const waiting = [...this.sends.values()].filter((s) => s.sentAt === undefined).length;
    if (!this.link.canSend() && waiting >= this.options.queueMax) {
      return Promise.reject(new ChatError('cola_llena', `${this.options.queueMax} messages already wait to be sent`));
    }
    return new Promise((resolve, reject) => {
      const send: PendingSend = { frame, resolve, reject, sentAt: undefined };
      this.sends.set(frame.ref, send);
      if (this.link.canSend()) this.transmit(send);
    });
  }

  /** (Re-)sends everything unacknowledged, in order, with the original refs. */
  flush(): void {
    for (const send of this.sends.values()) {
      if (!this.link.canSend()) return;
      this.transmit(send);
    }
  }

  /** The server stored a send. */
  acked(frame: ServerFrameOf<'acuse'>): void {
    const send = this.sends.get(frame.ref);
    if (send === undefined) return;
    this.sends.delete(frame.ref);
    send.resolve(frame.id);
  }

  /**
   * The server refused a frame. `held` when it was one of ours and the server is only
   * unavailable (it goes out again once the client may send), `refused` when the send failed
   * for good, `other` when the ref is not a pending send.
   */
  refused(frame: ServerFrameOf<'error'>): 'held' | 'refused' | 'other' {
    const send = frame.ref === undefined ? undefined : this.sends.get(frame.ref);
    if (send === undefined) return 'other';
    if (frame.codigo === 'no_disponible') {
      send.sentAt = undefined;
      return 'held';
    }
    this.sends.delete(send.frame.ref);
    send.reject(new ChatError(frame.codigo, frame.detalle));
    return 'refused';
  }

  /** The link is gone: nothing written on it counts as sent any more. */
  unsent(): void {
    for (const send of this.sends.values()) send.sentAt = undefined;
  }

  /** Some send has waited longer than `ackTimeoutMs` for its ack. */
  overdue(): boolean {
    const now = this.now();
    return [...this.sends.values()].some((s) => s.sentAt !== undefined && now - s.sentAt > this.options.ackTimeoutMs);
  }

  /** The client stopped for good: every pending send fails with `desconectado`. */
  rejectAll(detail: string): void {
    for (const send of this.sends.values()) send.reject(new ChatError('desconectado', detail));
    this.sends.clear();
  }

  private transmit(send: PendingSend): void {
    send.sentAt = this.now();
    this.link.write(send.frame);
  }
}
