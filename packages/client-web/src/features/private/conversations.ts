/**
 * The one log, seen as conversations: everyone's (public messages and every notice) and one
 * per private partner (the messages between us, and that person's comings and goings).
 */
import type { LogEntry } from '@charla/sdk';

/** The lines of the conversation with `partner`, or of the public one when it is null. */
export function conversationEntries(log: readonly LogEntry[], partner: string | null, me: string | null): LogEntry[] {
  if (partner === null) return log.filter((entry) => entry.frame.tipo !== 'privado');
  return log.filter(({ frame }) => {
    switch (frame.tipo) {
      case 'privado':
        return (frame.remitente === partner && frame.para === me) || (frame.remitente === me && frame.para === partner);
      case 'usuario_conectado':
      case 'usuario_desconectado':
        return frame.nombre === partner;
      default:
        return false;
    }
  });
}

/**
 * Everyone we have a private conversation with, in the order it started: from the log, plus
 * anyone with unread messages the (bounded) log no longer holds.
 */
export function privatePartners(log: readonly LogEntry[], me: string | null, unread: Readonly<Record<string, number>>): string[] {
  const partners = new Set<string>();
  for (const { frame } of log) {
    if (frame.tipo === 'privado') partners.add(frame.remitente === me ? frame.para : frame.remitente);
  }
  for (const name of Object.keys(unread)) partners.add(name);
  return [...partners];
}
