import type { LeaveReason, RejectionReason } from '@charla/protocol';
import type { LiveEvent } from '../../api/events';
import type { Dictionary, Language } from '../../i18n/dictionary';
import { auditSentence } from '../audit/describe';

/** One event as a sentence, in the reader's language; the activity filter searches these. */
export function describeEvent(event: LiveEvent, t: Dictionary, language: Language): string {
  const d = t.activity.describe;
  switch (event.type) {
    case 'connection':
      return d.connection(event.address, event.transport);
    case 'disconnection':
      return d.disconnection(event.address, event.transport);
    case 'join':
      return d.join(event.name, event.address);
    case 'leave':
      return d.leave(event.name, t.activity.leaveReasons[event.reason as LeaveReason] ?? event.reason);
    case 'message':
      return event.content === undefined ? d.message(event.sender, event.id) : `${d.message(event.sender, event.id)}: ${event.content}`;
    case 'private':
      return d.private(event.sender, event.recipient, event.id);
    case 'refused':
      return d.refused(event.address, t.activity.refusedReasons[event.code as RejectionReason] ?? event.code);
    case 'admin':
      // Described from its audit action, as the Audit page describes it.
      return auditSentence(event, t, language);
    case 'node':
      return d.node(event.id, event.state, event.address);
  }
}
