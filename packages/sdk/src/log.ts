/**
 * The message log a UI renders: messages and the notices between them, in order, bounded.
 * Pure functions over immutable arrays, so React sees a new array exactly when it changed.
 */
import type { HistoryEntry, ServerFrameOf } from '@charla/protocol';

/** What a chat window shows, line by line. */
export type LogFrame = ServerFrameOf<
  | 'mensaje'
  | 'privado'
  | 'usuario_conectado'
  | 'usuario_desconectado'
  | 'sistema'
  | 'mensaje_borrado'
  | 'servidor_cerrando'
  | 'expulsado'
>;

export interface LogEntry {
  /** Stable React key: `m<id>` for messages, `n<seq>` for notices. */
  readonly key: string;
  readonly frame: LogFrame;
  /** Sent by this client's user. */
  readonly own: boolean;
}

let noticeSeq = 0;

export function noticeEntry(frame: LogFrame): LogEntry {
  return { key: `n${++noticeSeq}`, frame, own: false };
}

function messageEntry(frame: HistoryEntry, me: string | null): LogEntry {
  return { key: `m${frame.id}`, frame, own: frame.remitente === me };
}

/** Appends, dropping the oldest entries past `max`. */
export function append(log: readonly LogEntry[], entry: LogEntry, max: number): readonly LogEntry[] {
  const next = log.length >= max ? log.slice(log.length - max + 1) : log.slice();
  next.push(entry);
  return next;
}

/**
 * Merges messages (from `aceptado`, a resume, or a `historial` page) by id: no duplicates,
 * messages in id order, notices kept where they were relative to the messages around them.
 */
export function mergeMessages(log: readonly LogEntry[], frames: readonly HistoryEntry[], me: string | null, max: number): readonly LogEntry[] {
  const known = new Set(log.filter((e) => isMessage(e)).map((e) => e.key));
  const fresh = frames.filter((f) => !known.has(`m${f.id}`)).map((f) => messageEntry(f, me));
  if (fresh.length === 0) return log;
  const merged: LogEntry[] = [];
  let i = 0;
  for (const entry of log) {
    if (isMessage(entry)) {
      const id = idOf(entry);
      while (i < fresh.length && idOf(fresh[i] as LogEntry) < id) merged.push(fresh[i++] as LogEntry);
    }
    merged.push(entry);
  }
  while (i < fresh.length) merged.push(fresh[i++] as LogEntry);
  return merged.length > max ? merged.slice(merged.length - max) : merged;
}

/** Replaces a deleted message by its `mensaje_borrado` notice. */
export function markDeleted(log: readonly LogEntry[], id: number): readonly LogEntry[] {
  const index = log.findIndex((e) => e.key === `m${id}`);
  if (index === -1) return log;
  const next = log.slice();
  next[index] = { key: `m${id}`, frame: { tipo: 'mensaje_borrado', id }, own: false };
  return next;
}

function isMessage(entry: LogEntry): boolean {
  return entry.key.startsWith('m');
}

function idOf(entry: LogEntry): number {
  return Number(entry.key.slice(1));
}
