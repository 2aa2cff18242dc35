/** `error.codigo`: a frame was refused; the connection stays up. */
export const ERROR_CODES = [
  'json_invalido',
  'trama_invalida',
  'no_identificado',
  'ya_identificado',
  'origen_invalido',
  'contenido_vacio',
  'demasiado_grande',
  'limite_de_frecuencia',
  'destinatario_desconocido',
  'no_disponible',
  'no_soportado',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** `rechazado.motivo`: identification refused, then close 4001. */
export const REJECTION_REASONS = [
  'nombre_duplicado',
  'nombre_invalido',
  'servidor_lleno',
  'no_aceptando',
  'vetado',
  'clave_incorrecta',
  'version_no_soportada',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** `usuario_desconectado.motivo`. */
export const LEAVE_REASONS = ['salida', 'conexion_perdida', 'expulsado', 'lento'] as const;
export type LeaveReason = (typeof LEAVE_REASONS)[number];

/**
 * Every close code a chat connection can end with (docs/protocol.md, "Close codes"); TCP
 * sends them in `cierre`. The one table: no other package writes a close code as a number.
 */
export const CloseCode = {
  normal: 1000,
  shuttingDown: 1001,
  binaryFrame: 1003,
  /** Never sent: what a client reports when the connection ended without a close frame. */
  abnormal: 1006,
  invalidUtf8: 1007,
  policy: 1008,
  tooBig: 1009,
  identificationRefused: 4001,
  identificationTimeout: 4002,
  kicked: 4003,
  tooSlow: 4004,
  replaced: 4005,
  /** Version 2: this device session was revoked (password change, `cerrar_sesiones`). */
  sessionRevoked: 4006,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** The admin event stream's close codes (docs/admin-api.md, "Live events"). */
export const AdminCloseCode = {
  /** A wrong token, none within 5 s, or an address blocked for failed attempts. */
  unauthorized: 4401,
} as const;
export type AdminCloseCode = (typeof AdminCloseCode)[keyof typeof AdminCloseCode];

/**
 * Closes after which a client must not reconnect by itself: someone decided it should be
 * gone (kicked, replaced by its own resumed session, revoked, refused a token). 4001 is
 * final too, unless the `rechazado` before it gave a reason in RETRYABLE_REJECTIONS.
 */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set<number>([
  CloseCode.identificationRefused,
  CloseCode.kicked,
  CloseCode.replaced,
  CloseCode.sessionRevoked,
  AdminCloseCode.unauthorized,
]);

/** Refusals that say "not now" rather than "not you": a client may try again later. */
export const RETRYABLE_REJECTIONS: readonly RejectionReason[] = ['no_aceptando', 'servidor_lleno'];
