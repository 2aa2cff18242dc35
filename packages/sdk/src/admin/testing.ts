/**
 * A fake `/api/events` for tests of code built on AdminEventStream (the SDK's own, the
 * console's): a WebSocket constructor that records every socket it makes, and sockets the
 * test drives as the server would. No network, no timers: deterministic.
 */
import { CloseCode } from '@charla/protocol';
import type { AdminSocket } from './events.js';

/** The `at` a pushed event gets unless it has its own. */
export const FAKE_EVENT_AT = '2025-01-01T10:00:00.000Z';

/** The sockets of one test, newest last; `Socket` is the constructor to hand to the stream. */
export class FakeEventSockets {
  readonly sockets: FakeEventSocket[] = [];

  get latest(): FakeEventSocket {
    const socket = this.sockets.at(-1);
    if (socket === undefined) throw new Error('no events socket was opened');
    return socket;
  }

  /** The constructor to give AdminEventStream (or whatever wraps it) as its WebSocket. */
  readonly Socket = (() => {
    const sockets = this.sockets;
    return class extends FakeEventSocket {
      constructor(url: string, options?: { headers: Record<string, string> }) {
        super(url, options);
        sockets.push(this);
      }
    };
  })();
}

export class FakeEventSocket implements AdminSocket {
  onopen: AdminSocket['onopen'] = null;
  onmessage: AdminSocket['onmessage'] = null;
  onclose: AdminSocket['onclose'] = null;
  onerror: AdminSocket['onerror'] = null;
  /** What the client sent, parsed. */
  readonly sent: unknown[] = [];
  /** The code the client closed it with, if it did. */
  closed: number | null = null;

  constructor(
    readonly url: string,
    /** What the client gave the constructor (headers, with `auth: 'header'`). */
    readonly options?: { headers: Record<string, string> },
  ) {}

  /** The server accepts the connection. */
  open(): void {
    this.onopen?.({});
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }

  /** The server sends an event (`at` filled in). */
  push(event: Record<string, unknown> & { type: string }): void {
    this.onmessage?.({ data: JSON.stringify({ at: FAKE_EVENT_AT, ...event }) });
  }

  /** The server (or the network) closes it. */
  drop(code: number = CloseCode.abnormal, reason = ''): void {
    this.onclose?.({ code, reason });
  }

  close(code: number = CloseCode.normal): void {
    this.closed = code;
  }
}
