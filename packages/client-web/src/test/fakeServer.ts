/**
 * A fake charla server behind a fake WebSocket, for component tests: the real ChatClient
 * speaks the real protocol to it, so components see exactly what a server would cause.
 * It accepts any name (or refuses with the reason given), acks and echoes messages, and
 * lets a test push any server frame.
 */
import type { ClientFrame, ErrorCode, HistoryEntry, Limites, ServerFrame, ServerFrameOf } from '@charla/protocol';
import { CONTENT_MAX, encode, FRAME_MAX_BYTES, GRACE_MS, IDENTIFICATION_MS, MESSAGES_PER_10S, PING_MS } from '@charla/protocol';
import { ChatClient } from '@charla/sdk';
import type { WebSocketLike } from '@charla/sdk';

export const LIMITS: Limites = {
  contenido_max: CONTENT_MAX,
  trama_max_bytes: FRAME_MAX_BYTES,
  mensajes_por_10s: MESSAGES_PER_10S,
  identificacion_ms: IDENTIFICATION_MS,
  ping_ms: PING_MS,
  gracia_ms: GRACE_MS,
};

export interface FakeServerOptions {
  /** Who else is online. */
  readonly users?: readonly string[];
  readonly limits?: Partial<Limites>;
  /** Refuse identification with this reason (and this detail). */
  readonly refuse?: Pick<ServerFrameOf<'rechazado'>, 'motivo' | 'detalle'>;
  /** Fail the connection as an unreachable server does. */
  readonly unreachable?: boolean;
  /** Refuse every message with this error code instead of accepting it. */
  readonly refuseSends?: ErrorCode;
  /** Let the client reconnect by itself (quickly: the first retry after ~0.3 s). */
  readonly reconnect?: boolean;
}

export interface FakeServer {
  readonly client: ChatClient;
  /** Every frame the client sent, in order. */
  readonly received: ClientFrame[];
  /** Sends a frame to the connected client. */
  push(frame: ServerFrame): void;
  /** A message from someone else, with the next id. */
  say(remitente: string, contenido: string, para?: string): void;
  /** Goes away: drops the connection without a close frame, as a network failure does, and refuses new ones until up(). */
  down(): void;
  up(): void;
  /** An operator's kick: `expulsado`, then close 4003. */
  kick(motivo: string): void;
  /** A message sent while the client is away: the next resume delivers it. */
  sayWhileAway(remitente: string, contenido: string): void;
}

export function fakeServer(options: FakeServerOptions = {}): FakeServer {
  const received: ClientFrame[] = [];
  const sockets: FakeSocket[] = [];
  const missed: HistoryEntry[] = [];
  let nextId = 1;
  let reachable = options.unreachable !== true;
  const now = () => new Date().toISOString();

  const answer = (frame: ClientFrame): ServerFrame[] => {
    switch (frame.tipo) {
      case 'identificacion':
        if (options.refuse !== undefined) return [{ tipo: 'rechazado', ...options.refuse }];
        return [
          {
            tipo: 'aceptado',
            nombre: frame.nombre,
            protocolo: 1,
            reanudado: frame.token !== undefined,
            usuarios: [...(options.users ?? []), frame.nombre],
            historial: frame.token === undefined ? [] : missed.splice(0),
            historial_incompleto: false,
            ultimo_id: nextId - 1,
            token: 'token',
            servidor: { nombre: 'charla', version: '1.0.0' },
            limites: { ...LIMITS, ...options.limits },
          },
        ];
      case 'mensaje':
      case 'privado': {
        if (options.refuseSends !== undefined) return [{ tipo: 'error', codigo: options.refuseSends, detalle: 'refused', ...(frame.ref !== undefined && { ref: frame.ref }) }];
        const id = nextId++;
        const base = { id, remitente: nameOf(), contenido: frame.contenido, marca_tiempo: now() };
        const echo: ServerFrame = frame.tipo === 'mensaje' ? { tipo: 'mensaje', ...base } : { tipo: 'privado', para: frame.para, ...base };
        return [...(frame.ref === undefined ? [] : [{ tipo: 'acuse' as const, ref: frame.ref, id }]), echo];
      }
      default:
        return [];
    }
  };
  const nameOf = () => {
    const identification = received.find((f) => f.tipo === 'identificacion');
    return identification?.tipo === 'identificacion' ? identification.nombre : '';
  };

  class FakeSocket implements WebSocketLike {
    readyState = 0;
    onopen: WebSocketLike['onopen'] = null;
    onmessage: WebSocketLike['onmessage'] = null;
    onclose: WebSocketLike['onclose'] = null;
    onerror: WebSocketLike['onerror'] = null;

    constructor(_url: string) {
      sockets.push(this);
      // Network events never arrive synchronously.
      queueMicrotask(() => {
        if (!reachable) return this.close(1006);
        this.readyState = 1;
        this.onopen?.({});
      });
    }

    send(data: string): void {
      const frame = JSON.parse(data) as ClientFrame;
      received.push(frame);
      const replies = answer(frame);
      queueMicrotask(() => {
        for (const reply of replies) this.deliver(reply);
        if (replies[0]?.tipo === 'rechazado') this.close(4001);
      });
    }

    deliver(frame: ServerFrame): void {
      if (this.readyState === 1) this.onmessage?.({ data: encode(frame) });
    }

    close(code = 1000): void {
      if (this.readyState === 3) return;
      this.readyState = 3;
      this.onclose?.({ code, reason: '' });
    }
  }

  const current = () => sockets.at(-1);
  const message = (remitente: string, contenido: string) => ({ tipo: 'mensaje' as const, id: nextId++, remitente, contenido, marca_tiempo: now() });
  return {
    client: new ChatClient({
      WebSocket: FakeSocket,
      reconnect: options.reconnect === true ? { baseMs: 300, maxMs: 300 } : false,
      random: () => 0.99,
    }),
    received,
    push: (frame) => current()?.deliver(frame),
    say: (remitente, contenido, para) => {
      const frame = message(remitente, contenido);
      current()?.deliver(para === undefined ? frame : { ...frame, tipo: 'privado', para });
    },
    down: () => {
      reachable = false;
      current()?.close(1006);
    },
    up: () => {
      reachable = true;
    },
    kick: (motivo) => {
      current()?.deliver({ tipo: 'expulsado', motivo });
      current()?.close(4003);
    },
    sayWhileAway: (remitente, contenido) => {
      missed.push(message(remitente, contenido));
    },
  };
}
