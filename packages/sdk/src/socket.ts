/**
 * The part of the WebSocket API the client uses: the browser's WebSocket and the `ws`
 * package's both fit, so the constructor is injected (Node 20 has no stable global one).
 */

/** A handler type checked bivariantly, so both DOM and `ws` event types fit (as React's types do). */
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack'];

export interface WebSocketLike {
  readonly readyState: number;
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ data: unknown }> | null;
  onclose: Handler<{ code: number; reason: string }> | null;
  onerror: Handler<unknown> | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** `WebSocket.OPEN`, the same in every implementation. */
export const OPEN = 1;
