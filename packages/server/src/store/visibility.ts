/**
 * Rules every store applies the same way: who may see a message in history, and whose text
 * is confidential to operators. The Store interface itself is the core's (core/ports.ts).
 */
import type { StoredMessage, Viewer } from '../core/ports.js';

/** Whether `viewer` may see `message`. */
export function visibleTo(message: StoredMessage, viewer: Viewer): boolean {
  return (
    message.recipientLineage === undefined ||
    message.senderLineage === viewer.lineage ||
    message.recipientLineage === viewer.lineage
  );
}

/**
 * Whether a message's text belongs to its participants only: private messages now, and
 * messages of private rooms once rooms exist (add them here, and in the SQLite store's
 * CONFIDENTIAL_SQL, which says the same in SQL). Operators read such text only when the
 * server allows it (admin/reading.ts).
 */
export function confidential(message: StoredMessage): boolean {
  return message.frame.tipo === 'privado';
}
