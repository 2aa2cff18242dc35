/**
 * What `/api/events` tells, gathered once per node: every Hub event and audit entry is
 * stamped once, kept in a ring of the last 200 (the replay a listener gets on connecting,
 * docs/admin-api.md) and handed to the listeners. A replayed event is the very frame that went out
 * live, `replay: true` added, so a console that reconnects can tell what it already has.
 * Per node by contract: in a cluster each node keeps and replays its own.
 */
import { admin } from '@charla/protocol';
import type { HubEvent, HubEvents } from '../core/events.js';
import type { AuditRecord } from '../core/ports.js';
import { Ring } from './ring.js';

type Untimed = admin.AdminEvent extends infer E ? (E extends admin.AdminEvent ? Omit<E, 'at'> : never) : never;

/**
 * An event as kept: the time as a number, made text only when sent (busy chats record an
 * event per message whether or not anyone listens; most are never sent).
 */
interface Kept {
  readonly at: number;
  readonly event: Untimed;
}

export type EventListener = (event: admin.AdminEvent) => void;

export class RecentEvents {
  private readonly kept = new Ring<Kept>(admin.EVENTS_REPLAY_MAX);
  private readonly listeners = new Set<EventListener>();
  private readonly unsubscribe: () => void;

  constructor(hubEvents: HubEvents, includeContent: boolean) {
    this.unsubscribe = hubEvents.on((event) => this.record(Date.now(), withoutContent(event, includeContent)));
  }

  /** An audit entry, as it is written. */
  audit(entry: AuditRecord): void {
    const { at, ...rest } = entry;
    this.record(Date.parse(at), { type: 'admin', ...rest });
  }

  /**
   * The kept events as replay frames, oldest first, and from the same moment on every new
   * one to `listener`: nothing missed between the two, nothing twice. Stats are not here:
   * they come every second from the sampler, and a ring of 200 they filled would hold three
   * minutes of them and push out every event worth replaying (the history route has them).
   */
  follow(listener: EventListener): { replay: admin.AdminEvent[]; stop: () => void } {
    const replay = this.kept.last().map((kept) => ({ ...frame(kept), replay: true }));
    this.listeners.add(listener);
    return { replay, stop: () => this.listeners.delete(listener) };
  }

  close(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  private record(at: number, event: Untimed): void {
    const kept = { at, event };
    this.kept.push(kept);
    if (this.listeners.size === 0) return;
    const live = frame(kept);
    for (const listener of this.listeners) listener(live);
  }
}

function frame(kept: Kept): admin.AdminEvent {
  return { ...kept.event, at: new Date(kept.at).toISOString() } as admin.AdminEvent;
}

/** Message content goes out (and is kept) only with `--events-include-content`. */
function withoutContent(event: HubEvent, includeContent: boolean): Untimed {
  if (event.type === 'message' && !includeContent) {
    const { content: _content, ...rest } = event;
    return rest;
  }
  return event;
}
