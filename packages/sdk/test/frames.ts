/** Server frames for the unit tests: a valid `aceptado` and `mensaje` with the fields a test varies. */
import type { ServerFrameOf } from '@charla/protocol';

export const at = '2026-11-24T10:00:00.000Z';

export const limites = { contenido_max: 4000, trama_max_bytes: 65536, mensajes_por_10s: 30, identificacion_ms: 10000, ping_ms: 25000, gracia_ms: 15000 };

export const aceptado = (extra: Partial<ServerFrameOf<'aceptado'>> = {}): ServerFrameOf<'aceptado'> => ({
  tipo: 'aceptado',
  nombre: 'ana',
  protocolo: 1,
  reanudado: false,
  usuarios: ['ana'],
  historial: [],
  historial_incompleto: false,
  ultimo_id: 0,
  token: 'tok-1',
  servidor: { nombre: 'charla', version: '1.0.0' },
  limites,
  ...extra,
});

export const mensaje = (id: number, contenido: string, remitente = 'bea'): ServerFrameOf<'mensaje'> => ({
  tipo: 'mensaje',
  id,
  remitente,
  contenido,
  marca_tiempo: at,
});
