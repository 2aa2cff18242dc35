/**
 * Text <-> frames. Decoding never throws: it returns the frame or a typed error whose
 * `codigo` the server sends back as `error{codigo}` (docs/protocol.md's first two checks).
 */
import type { z } from 'zod';
import { REF_MAX } from './limits.js';
import {
  CLIENT_FRAME_TYPES,
  ClientFrame,
  SERVER_FRAME_TYPES,
  ServerFrame,
} from './frames.js';

export interface DecodeError {
  ok: false;
  codigo: 'json_invalido' | 'trama_invalida';
  detalle: string;
  /** The frame's `tipo` when it had a string one; for `trama_invalida` answers and logs. */
  tipo?: string;
  /** True when `tipo` is a string this version does not know. */
  tipoDesconocido?: boolean;
  /** The refused frame's `ref`, echoed in the `error` so the client can match it. */
  ref?: string;
}
export type DecodeResult<T> = { ok: true; frame: T } | DecodeError;

/** Decodes one client frame (what a server reads). */
export function decode(text: string): DecodeResult<ClientFrame> {
  return decodeWith(text, ClientFrame, CLIENT_FRAME_TYPES);
}

/**
 * Decodes one server frame (what a client reads). A client should ignore a result with
 * `tipoDesconocido` (forward compatibility: newer servers may send new frame types).
 */
export function decodeServerFrame(text: string): DecodeResult<ServerFrame> {
  return decodeWith(text, ServerFrame, SERVER_FRAME_TYPES);
}

/** One frame as the text of one WebSocket message or one TCP line (without the `\n`). */
export function encode(frame: ClientFrame | ServerFrame): string {
  return JSON.stringify(frame);
}

function decodeWith<T>(
  text: string,
  schema: z.ZodType<T>,
  knownTypes: readonly string[],
): DecodeResult<T> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, codigo: 'json_invalido', detalle: 'la trama no es JSON válido' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, codigo: 'trama_invalida', detalle: 'la trama debe ser un objeto JSON' };
  }
  const record = value as Record<string, unknown>;
  const tipo = typeof record.tipo === 'string' ? record.tipo : undefined;
  const ref = typeof record.ref === 'string' && record.ref.length <= REF_MAX ? record.ref : undefined;
  const context = { ...(tipo !== undefined && { tipo }), ...(ref !== undefined && { ref }) };
  if (tipo === undefined || !knownTypes.includes(tipo)) {
    return {
      ok: false,
      codigo: 'trama_invalida',
      detalle: tipo === undefined ? 'falta el campo "tipo"' : `tipo desconocido: ${tipo.slice(0, 64)}`,
      ...context,
      ...(tipo !== undefined && { tipoDesconocido: true }),
    };
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, frame: parsed.data };
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  return {
    ok: false,
    codigo: 'trama_invalida',
    detalle: `${tipo}: ${path === '' ? '' : `campo "${path}": `}${issue?.message ?? 'no válida'}`,
    ...context,
  };
}
