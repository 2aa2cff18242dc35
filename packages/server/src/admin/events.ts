/**
 * `GET /api/events`: the live event stream (docs/admin-api.md). Auth by `Authorization` header or
 * a first frame `{"type":"auth","token":"..."}` within 5 s (else 4401); viewers may listen.
 * Once in, a listener gets the node's recent events (`replay: true`), then `ready`, then the
 * stats at once and live events, with a `stats` every second. Each listener is bounded: one that falls behind is
 * dropped, never buffered without limit.
 */
import type { FastifyInstance } from 'fastify';
import type WebSocket from 'ws';
import { admin, AdminCloseCode, CloseCode } from '@charla/protocol';
import type { AdminAuth } from './auth.js';
import { bearer } from './auth.js';
import type { RecentEvents } from './recent-events.js';
import type { StatsSampler } from './stats.js';

const AUTH_TIMEOUT_MS = 5000;
/** A listener this far behind is dropped. */
const LISTENER_QUEUE_BYTES = 1024 * 1024;

export interface EventStreamContext {
  readonly auth: AdminAuth;
  readonly sampler: StatsSampler;
}

export function registerEventStream(app: FastifyInstance, ctx: EventStreamContext, recent: RecentEvents): void {
  const listeners = new Set<WebSocket>();
  // The chat's shutdown closes chat connections only; listeners are told here, or closing
  // the app would wait for them.
  app.addHook('preClose', async () => {
    for (const socket of listeners) socket.close(CloseCode.shuttingDown, 'server shutting down');
  });

  app.get('/api/events', { websocket: true }, (socket, request) => {
    if (ctx.auth.blocked(request.ip)) {
      socket.close(AdminCloseCode.unauthorized, 'too many failed attempts');
      return;
    }
    listeners.add(socket);
    const unsubscribe: (() => void)[] = [];
    let authorized = false;

    const send = (event: admin.AdminEvent) => {
      if (socket.bufferedAmount > LISTENER_QUEUE_BYTES) {
        request.log.info('event listener too slow; dropped');
        socket.terminate();
        return;
      }
      socket.send(JSON.stringify(event));
    };

    const start = () => {
      authorized = true;
      clearTimeout(deadline);
      const at = () => new Date().toISOString();
      // Replay and subscription happen in one turn of the event loop: no event falls between.
      const { replay, stop } = recent.follow(send);
      unsubscribe.push(stop);
      for (const event of replay) send(event);
      send({ type: 'ready', at: at() });
      // The figures now, not in up to a second: a console shows its cards at once, and counts
      // refusals and messages from the moment it connected (their totals' baseline).
      const stats = (sample: admin.Stats) => send({ type: 'stats', at: at(), ...sample });
      stats(ctx.sampler.current());
      unsubscribe.push(ctx.sampler.subscribe(stats));
    };

    const deadline = setTimeout(() => socket.close(AdminCloseCode.unauthorized, 'unauthorized'), AUTH_TIMEOUT_MS);
    deadline.unref();
    socket.on('close', () => {
      listeners.delete(socket);
      clearTimeout(deadline);
      for (const off of unsubscribe) off();
    });
    socket.on('message', (data: WebSocket.RawData) => {
      if (authorized) return; // the stream is one-way once open
      const frame = admin.EventsAuth.safeParse(safeJson(String(data)));
      if (!ctx.auth.verify(request.ip, frame.success ? frame.data.token : undefined).ok) {
        socket.close(AdminCloseCode.unauthorized, 'unauthorized');
        return;
      }
      start();
    });

    const token = bearer(request);
    if (token !== undefined) {
      if (!ctx.auth.verify(request.ip, token).ok) {
        socket.close(AdminCloseCode.unauthorized, 'unauthorized');
        return;
      }
      start();
    }
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
