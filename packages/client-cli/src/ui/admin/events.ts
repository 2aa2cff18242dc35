/** `charla admin events` as text: one line per event, its time to the second and its type. */
import type { admin } from '@charla/protocol';
import { clock, count } from '../../format.js';
import type { Style } from '../../format.js';
import { oneLine } from '../table.js';
import { detailsText } from './audit.js';

/** The longest type, `disconnection`: the texts start in one column. */
const TYPE_WIDTH = 13;

/** The events an operator looks out for stand out; the stats pulse fades. */
const COLOUR: Partial<Record<admin.AdminEventType, 'green' | 'yellow' | 'red' | 'magenta' | 'dim'>> = {
  join: 'green',
  leave: 'yellow',
  refused: 'red',
  admin: 'magenta',
  stats: 'dim',
};

/** The events printed: `ready` only marks the end of the server's replay (commands/admin/events.ts). */
export type PrintedEvent = Exclude<admin.AdminEvent, { type: 'ready' }>;

/** What happened, in words; every part may come from the network. */
function what(event: PrintedEvent): string {
  switch (event.type) {
    case 'connection':
    case 'disconnection':
      return `${event.address} (${event.transport})`;
    case 'join':
      return `${event.name} from ${event.address}`;
    case 'leave':
      return `${event.name} (${event.reason})`;
    case 'message':
      return `#${event.id} from ${event.sender}${event.content === undefined ? '' : `: ${event.content}`}`;
    case 'private':
      return `#${event.id} ${event.sender} → ${event.recipient}`;
    case 'refused':
      return `${event.code} from ${event.address}`;
    case 'admin':
      return `${event.actor} ${event.action} ${event.target} ${detailsText(event.details)}`.trimEnd();
    case 'node':
      return `${event.id} ${event.state} at ${event.address}, ${count(event.connections, 'connection')}`;
    case 'stats':
      return `${count(event.users, 'user')}, ${count(event.connections, 'connection')}, ${event.messagesPerSecond.last1s.toFixed(1)} messages/s`;
  }
}

export function renderEvent(event: PrintedEvent, style: Style, now: Date = new Date()): string {
  const colour = COLOUR[event.type];
  const type = event.type.padEnd(TYPE_WIDTH);
  return `${style.dim(clock(event.at, now, { seconds: true }))} ${colour === undefined ? type : style[colour](type)} ${oneLine(what(event))}`;
}
