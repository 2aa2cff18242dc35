import type { ErrorCode, RejectionReason } from '@charla/protocol';

/** Why a call failed, as a code a program can switch on. */
export type ChatErrorCode =
  /** The server refused a frame (`error.codigo`). */
  | ErrorCode
  /** The server refused the identification (`rechazado.motivo`). */
  | RejectionReason
  /** The connection could not be made or was lost before an answer. */
  | 'red'
  /** The client is disconnected for good (disconnect(), kick, refusal) */
  | 'desconectado'
  /** Too many sends waiting while disconnected or paused. */
  | 'cola_llena';

export class ChatError extends Error {
  // A literal, not the class name: bundlers rename classes (trpc #4848).
  override readonly name = 'ChatError';

  constructor(
    readonly code: ChatErrorCode,
    message: string,
  ) {
    super(message);
  }
}
