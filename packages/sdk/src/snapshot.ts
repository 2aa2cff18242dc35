/**
 * The snapshot a UI renders and the pure reducer that keeps it: connection state, our name,
 * whether sends may go out, the log, who is here, who is typing, unread counts, why we stopped.
 * Each function takes a snapshot and returns the next one, or the very same object when
 * nothing changed, so the client emits `change` exactly when there is something new.
 * No sockets, no timers, no clock: the client owns the current snapshot and feeds it here.
 */
import type { ServerFrame, ServerFrameOf } from '@charla/protocol';
import type { ConnectionState, EndReason } from './connection.js';
import { append, markDeleted, mergeMessages, noticeEntry } from './log.js';
import type { LogEntry } from './log.js';

export interface ChatSnapshot {
  readonly state: ConnectionState;
  /** Our name as the server shows it, once accepted. */
  readonly nombre: string | null;
  /** False while the server said `estado{disponible:false}`: sends wait. */
  readonly available: boolean;
  readonly log: readonly LogEntry[];
  /** Who is in the chat, as the server last told us. */
  readonly users: readonly string[];
  /** Who is typing, ourselves excluded. */
  readonly typing: readonly string[];
  /** Unread private messages per conversation partner. */
  readonly unread: Readonly<Record<string, number>>;
  /** When the next reconnect attempt starts (epoch ms), while `reconectando`. */
  readonly retryAt: number | null;
  /** The last `aceptado.reanudado`: false after a reconnect means a fresh session. */
  readonly resumed: boolean | null;
  /** The server's limits, from `aceptado`. */
  readonly limits: ServerFrameOf<'aceptado'>['limites'] | null;
  readonly ended: EndReason | null;
}

export const INITIAL_SNAPSHOT: ChatSnapshot = {
  state: 'desconectado',
  nombre: null,
  available: true,
  log: [],
  users: [],
  typing: [],
  unread: {},
  retryAt: null,
  resumed: null,
  limits: null,
  ended: null,
};

/** The next snapshot after a server frame; `logMax` bounds the log. */
export function reduce(s: ChatSnapshot, frame: ServerFrame, logMax: number): ChatSnapshot {
  switch (frame.tipo) {
    case 'aceptado':
      return accepted(s, frame, logMax);
    case 'mensaje':
    case 'privado': {
      const unread = frame.tipo === 'privado' && frame.remitente !== s.nombre
        ? { ...s.unread, [frame.remitente]: (s.unread[frame.remitente] ?? 0) + 1 }
        : s.unread;
      // A message ends its sender's typing.
      return { ...withoutTypist(s, frame.remitente), log: mergeMessages(s.log, [frame], s.nombre, logMax), unread };
    }
    case 'usuario_conectado':
      return {
        ...s,
        users: s.users.includes(frame.nombre) ? s.users : [...s.users, frame.nombre],
        log: append(s.log, noticeEntry(frame), logMax),
      };
    case 'usuario_desconectado':
      return {
        ...withoutTypist(s, frame.nombre),
        users: s.users.filter((u) => u !== frame.nombre),
        log: append(s.log, noticeEntry(frame), logMax),
      };
    case 'escribiendo':
      if (!frame.activo) return withoutTypist(s, frame.nombre);
      return s.typing.includes(frame.nombre) ? s : { ...s, typing: [...s.typing, frame.nombre] };
    case 'expulsado':
    case 'servidor_cerrando':
    case 'sistema':
      return { ...s, log: append(s.log, noticeEntry(frame), logMax) };
    case 'mensaje_borrado':
      return { ...s, log: markDeleted(s.log, frame.id) };
    case 'estado':
      return { ...s, available: frame.disponible };
    case 'usuarios':
      // Only a complete list replaces ours; a partial page just answers a query.
      return frame.completo ? { ...s, users: frame.usuarios.map((u) => u.nombre) } : s;
    case 'rechazado': // the close that follows decides
    case 'acuse': // answers to our own sends, queries and pings: the client settles them
    case 'error':
    case 'historial':
    case 'pong':
    case 'cierre': // TCP only
      return s;
  }
}

/** Identified. A resumed session keeps its log; a fresh one keeps only the notices, then merges `historial`. */
function accepted(s: ChatSnapshot, frame: ServerFrameOf<'aceptado'>, logMax: number): ChatSnapshot {
  const log = frame.reanudado ? s.log : s.log.filter((e) => !e.key.startsWith('m'));
  return {
    ...s,
    state: 'conectado',
    nombre: frame.nombre,
    available: true,
    users: frame.usuarios,
    typing: [],
    resumed: frame.reanudado,
    limits: frame.limites,
    retryAt: null,
    log: mergeMessages(log, frame.historial, frame.nombre, logMax),
  };
}

/** `connect()` starts over: nothing of the last session stays but its limits. */
export function started(s: ChatSnapshot): ChatSnapshot {
  return { ...s, ended: null, log: [], users: [], typing: [], unread: {}, nombre: null, resumed: null };
}

/** A socket is opening. */
export function opening(s: ChatSnapshot, state: 'conectando' | 'reconectando'): ChatSnapshot {
  return { ...s, state, retryAt: null };
}

/** The connection was lost; the next attempt starts at `retryAt`. */
export function waiting(s: ChatSnapshot, retryAt: number): ChatSnapshot {
  return { ...s, state: 'reconectando', retryAt, typing: [] };
}

/** Stopped for good. */
export function ended(s: ChatSnapshot, reason: EndReason): ChatSnapshot {
  return { ...s, state: 'desconectado', retryAt: null, ended: reason, typing: [] };
}

/** The server refused a send with `no_disponible`: sends wait until `estado{disponible:true}`. */
export function paused(s: ChatSnapshot): ChatSnapshot {
  return { ...s, available: false };
}

/** Someone stopped typing (said so, or went quiet past the expiry). */
export function withoutTypist(s: ChatSnapshot, nombre: string): ChatSnapshot {
  return s.typing.includes(nombre) ? { ...s, typing: s.typing.filter((n) => n !== nombre) } : s;
}

/** An older page of messages, merged into the log by id. */
export function withHistory(s: ChatSnapshot, frame: ServerFrameOf<'historial'>, logMax: number): ChatSnapshot {
  return { ...s, log: mergeMessages(s.log, frame.mensajes, s.nombre, logMax) };
}

/** A private conversation was read. */
export function markRead(s: ChatSnapshot, partner: string): ChatSnapshot {
  if (s.unread[partner] === undefined) return s;
  const { [partner]: _, ...rest } = s.unread;
  return { ...s, unread: rest };
}
