import type { LeaveReason } from '@charla/protocol';
import type { LiveEvent } from '../../api/events';
import type { Dictionary } from '../../i18n/dictionary';

/** One event as a sentence, in the reader's language; the activity filter searches these. */
export function describeEvent(event: LiveEvent, t: Dictionary): string {
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
      return d.refused(event.address, event.code);
    case 'admin':
      return d.admin(event.actor, event.action, event.target);
    case 'node':
      return d.node(event.id, event.state, event.address);
  }
}
