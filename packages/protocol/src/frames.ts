/**
 * Every chat frame of docs/protocol.md, both directions, as zod schemas. A schema and its type
 * share a name. Unknown fields are stripped (forward compatibility); every string and list
 * has a bound; no transforms, so each schema describes exactly what is on the wire.
 */
import { z } from 'zod';
import { ERROR_CODES, LEAVE_REASONS, REJECTION_REASONS } from './codes.js';
import { REF_MAX, WIRE } from './limits.js';

const text = (max: number) => z.string().max(max);
const content = text(WIRE.contentChars);
const name = text(WIRE.nameChars);
const ref = text(REF_MAX);
const id = z.int().positive();
/** ISO 8601 UTC, as the server writes it (`new Date().toISOString()`). */
const timestamp = text(WIRE.timestampChars);
const list = <T extends z.ZodType>(item: T) => z.array(item).max(WIRE.listItems);

// ---------------------------------------------------------------- client -> server

export const ClientIdentificacion = z.object({
  tipo: z.literal('identificacion'),
  nombre: name,
  /** The only version is 1; any other is refused with `version_no_soportada`. */
  protocolo: z.int().positive().optional(),
  /** With `desde`: resume the session this token belongs to. */
  token: text(WIRE.tokenChars).optional(),
  desde: z.int().nonnegative().optional(),
  /** The server's join secret, when it has one. */
  clave: text(WIRE.secretChars).optional(),
});
export type ClientIdentificacion = z.infer<typeof ClientIdentificacion>;

export const ClientMensaje = z.object({
  tipo: z.literal('mensaje'),
  contenido: content,
  ref: ref.optional(),
  /** Seed-style clients send the sender; it must equal the session's name. */
  remitente: name.optional(),
  /** Seed-style clients send a time; the server's clock sets the broadcast one. */
  marca_tiempo: timestamp.optional(),
});
export type ClientMensaje = z.infer<typeof ClientMensaje>;

export const ClientPrivado = z.object({
  tipo: z.literal('privado'),
  para: name,
  contenido: content,
  ref: ref.optional(),
});
export type ClientPrivado = z.infer<typeof ClientPrivado>;

export const ClientEscribiendo = z.object({
  tipo: z.literal('escribiendo'),
  activo: z.boolean(),
});
export type ClientEscribiendo = z.infer<typeof ClientEscribiendo>;

export const ClientHistorial = z.object({
  tipo: z.literal('historial'),
  antes: id.optional(),
  /** Clamped by the server to 1..200; 50 when absent. */
  limite: z.int().positive().optional(),
});
export type ClientHistorial = z.infer<typeof ClientHistorial>;

export const ClientUsuarios = z.object({ tipo: z.literal('usuarios') });
export type ClientUsuarios = z.infer<typeof ClientUsuarios>;

export const ClientPing = z.object({ tipo: z.literal('ping'), ref: ref.optional() });
export type ClientPing = z.infer<typeof ClientPing>;

export const ClientDesconexion = z.object({ tipo: z.literal('desconexion') });
export type ClientDesconexion = z.infer<typeof ClientDesconexion>;

export const ClientFrame = z.discriminatedUnion('tipo', [
  ClientIdentificacion,
  ClientMensaje,
  ClientPrivado,
  ClientEscribiendo,
  ClientHistorial,
  ClientUsuarios,
  ClientPing,
  ClientDesconexion,
]);
export type ClientFrame = z.infer<typeof ClientFrame>;
export type ClientFrameType = ClientFrame['tipo'];
export const CLIENT_FRAME_TYPES = ClientFrame.options.map((o) => o.shape.tipo.value);

// ---------------------------------------------------------------- server -> client

export const ServerMensaje = z.object({
  tipo: z.literal('mensaje'),
  id,
  remitente: name,
  contenido: content,
  marca_tiempo: timestamp,
});
export type ServerMensaje = z.infer<typeof ServerMensaje>;

export const ServerPrivado = z.object({
  tipo: z.literal('privado'),
  id,
  remitente: name,
  para: name,
  contenido: content,
  marca_tiempo: timestamp,
});
export type ServerPrivado = z.infer<typeof ServerPrivado>;

/** What history holds: public and private messages, in id order. */
export const HistoryEntry = z.discriminatedUnion('tipo', [ServerMensaje, ServerPrivado]);
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const Limites = z.object({
  contenido_max: z.int().positive(),
  trama_max_bytes: z.int().positive(),
  mensajes_por_10s: z.int().positive(),
  identificacion_ms: z.int().positive(),
  ping_ms: z.int().positive(),
  gracia_ms: z.int().nonnegative(),
});
export type Limites = z.infer<typeof Limites>;

export const ServerAceptado = z.object({
  tipo: z.literal('aceptado'),
  nombre: name,
  protocolo: z.literal(1),
  reanudado: z.boolean(),
  usuarios: list(name),
  historial: list(HistoryEntry),
  historial_incompleto: z.boolean(),
  ultimo_id: z.int().nonnegative(),
  token: text(WIRE.tokenChars),
  servidor: z.object({ nombre: text(256), version: text(64) }),
  limites: Limites,
});
export type ServerAceptado = z.infer<typeof ServerAceptado>;

export const ServerRechazado = z.object({
  tipo: z.literal('rechazado'),
  motivo: z.enum(REJECTION_REASONS),
  detalle: text(WIRE.reasonChars),
});
export type ServerRechazado = z.infer<typeof ServerRechazado>;

export const ServerAcuse = z.object({ tipo: z.literal('acuse'), ref, id });
export type ServerAcuse = z.infer<typeof ServerAcuse>;

export const ServerUsuarioConectado = z.object({
  tipo: z.literal('usuario_conectado'),
  nombre: name,
  marca_tiempo: timestamp,
});
export type ServerUsuarioConectado = z.infer<typeof ServerUsuarioConectado>;

export const ServerUsuarioDesconectado = z.object({
  tipo: z.literal('usuario_desconectado'),
  nombre: name,
  motivo: z.enum(LEAVE_REASONS),
  marca_tiempo: timestamp,
});
export type ServerUsuarioDesconectado = z.infer<typeof ServerUsuarioDesconectado>;

export const ServerEscribiendo = z.object({
  tipo: z.literal('escribiendo'),
  nombre: name,
  activo: z.boolean(),
});
export type ServerEscribiendo = z.infer<typeof ServerEscribiendo>;

export const ServerHistorial = z.object({
  tipo: z.literal('historial'),
  mensajes: list(HistoryEntry),
  completo: z.boolean(),
});
export type ServerHistorial = z.infer<typeof ServerHistorial>;

export const UserEntry = z.object({ nombre: name, desde: timestamp });
export type UserEntry = z.infer<typeof UserEntry>;

export const ServerUsuarios = z.object({
  tipo: z.literal('usuarios'),
  usuarios: list(UserEntry),
  completo: z.boolean(),
});
export type ServerUsuarios = z.infer<typeof ServerUsuarios>;

export const ServerSistema = z.object({
  tipo: z.literal('sistema'),
  contenido: content,
  marca_tiempo: timestamp,
});
export type ServerSistema = z.infer<typeof ServerSistema>;

export const ServerMensajeBorrado = z.object({ tipo: z.literal('mensaje_borrado'), id });
export type ServerMensajeBorrado = z.infer<typeof ServerMensajeBorrado>;

export const ServerEstado = z.object({
  tipo: z.literal('estado'),
  disponible: z.boolean(),
  motivo: text(WIRE.reasonChars).optional(),
});
export type ServerEstado = z.infer<typeof ServerEstado>;

export const ServerExpulsado = z.object({
  tipo: z.literal('expulsado'),
  motivo: text(WIRE.reasonChars),
});
export type ServerExpulsado = z.infer<typeof ServerExpulsado>;

export const ServerServidorCerrando = z.object({
  tipo: z.literal('servidor_cerrando'),
  motivo: text(WIRE.reasonChars),
  reintentar_en_ms: z.int().nonnegative().optional(),
});
export type ServerServidorCerrando = z.infer<typeof ServerServidorCerrando>;

export const ServerError = z.object({
  tipo: z.literal('error'),
  codigo: z.enum(ERROR_CODES),
  detalle: text(WIRE.reasonChars),
  ref: ref.optional(),
});
export type ServerError = z.infer<typeof ServerError>;

export const ServerPong = z.object({ tipo: z.literal('pong'), ref: ref.optional() });
export type ServerPong = z.infer<typeof ServerPong>;

/** TCP only: the last line before the server ends the socket. */
export const ServerCierre = z.object({
  tipo: z.literal('cierre'),
  codigo: z.int(),
  motivo: text(WIRE.reasonChars),
});
export type ServerCierre = z.infer<typeof ServerCierre>;

export const ServerFrame = z.discriminatedUnion('tipo', [
  ServerAceptado,
  ServerRechazado,
  ServerMensaje,
  ServerAcuse,
  ServerPrivado,
  ServerUsuarioConectado,
  ServerUsuarioDesconectado,
  ServerEscribiendo,
  ServerHistorial,
  ServerUsuarios,
  ServerSistema,
  ServerMensajeBorrado,
  ServerEstado,
  ServerExpulsado,
  ServerServidorCerrando,
  ServerError,
  ServerPong,
  ServerCierre,
]);
export type ServerFrame = z.infer<typeof ServerFrame>;
export type ServerFrameType = ServerFrame['tipo'];
export const SERVER_FRAME_TYPES = ServerFrame.options.map((o) => o.shape.tipo.value);

/** The server frame of one `tipo`: `ServerFrameOf<'mensaje'>`. */
export type ServerFrameOf<T extends ServerFrameType> = Extract<ServerFrame, { tipo: T }>;
/** The client frame of one `tipo`. */
export type ClientFrameOf<T extends ClientFrameType> = Extract<ClientFrame, { tipo: T }>;
