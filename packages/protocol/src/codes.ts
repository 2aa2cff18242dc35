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

/** WebSocket close codes (docs/protocol.md, "Close codes"); TCP sends them in `cierre`. */
export const CloseCode = {
  normal: 1000,
  shuttingDown: 1001,
  binaryFrame: 1003,
  policy: 1008,
  tooBig: 1009,
  identificationRefused: 4001,
  identificationTimeout: 4002,
  kicked: 4003,
  tooSlow: 4004,
  replaced: 4005,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
