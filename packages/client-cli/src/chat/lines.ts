/**
 * What the CLI prints, one `Line` per event: made from a server frame, or locally (help,
 * answers to commands, errors). Plain data: ui/render-line.ts turns a Line into text, the
 * same way for the interactive scrollback and for `charla listen`/`history`.
 */
import type { LeaveReason, ServerFrameOf } from '@charla/protocol';
import type { LogFrame } from '@charla/sdk';

/** `/me waves` travels as an ordinary message with this prefix (the IRC convention). */
export const ACTION_PREFIX = '/me ';

interface Said {
  readonly id: number;
  /** ISO 8601, from the frame. */
  readonly at: string;
  readonly text: string;
  /** Sent by this client's user. */
  readonly own: boolean;
}

export type Line =
  | (Said & { readonly kind: 'message' | 'action'; readonly author: string })
  | (Said & { readonly kind: 'private'; readonly from: string; readonly to: string })
  | { readonly kind: 'join'; readonly at: string; readonly name: string }
  | { readonly kind: 'leave'; readonly at: string; readonly name: string; readonly reason: LeaveReason }
  | { readonly kind: 'system'; readonly at: string; readonly text: string }
  /** `original` when the deleted message is still on screen, to say which one it was. */
  | { readonly kind: 'deleted'; readonly at: string; readonly id: number; readonly original?: { readonly author: string; readonly at: string } }
  | { readonly kind: 'closing' | 'kicked'; readonly at: string; readonly reason: string }
  | { readonly kind: 'paused'; readonly at: string; readonly reason: string | undefined }
  | { readonly kind: 'available'; readonly at: string }
  /** Local notices: not from the network, no time. */
  | { readonly kind: 'info'; readonly text: string }
  /** `detail`: the server's own words (its `detalle`), shown dimmed after `text`. */
  | { readonly kind: 'error'; readonly text: string; readonly detail?: string };

/**
 * The server frames that become a line: those of the SDK's message log, and `estado`,
 * which a chat window shows as its state but a terminal prints as it comes.
 */
export type LineFrame = LogFrame | ServerFrameOf<'estado'>;

export const LINE_FRAME_TYPES = [
  'mensaje',
  'privado',
  'usuario_conectado',
  'usuario_desconectado',
  'sistema',
  'mensaje_borrado',
  'servidor_cerrando',
  'expulsado',
  'estado',
] as const satisfies readonly LineFrame['tipo'][];

/**
 * The line for a frame. `me` is our name (null before we have one); `now` stamps frames
 * that carry no time of their own.
 */
export function frameToLine(frame: LineFrame, me: string | null, now: string): Line {
  switch (frame.tipo) {
    case 'mensaje': {
      const said = { id: frame.id, at: frame.marca_tiempo, author: frame.remitente, own: frame.remitente === me };
      return frame.contenido.startsWith(ACTION_PREFIX)
        ? { kind: 'action', ...said, text: frame.contenido.slice(ACTION_PREFIX.length) }
        : { kind: 'message', ...said, text: frame.contenido };
    }
    case 'privado':
      return { kind: 'private', id: frame.id, at: frame.marca_tiempo, from: frame.remitente, to: frame.para, text: frame.contenido, own: frame.remitente === me };
    case 'usuario_conectado':
      return { kind: 'join', at: frame.marca_tiempo, name: frame.nombre };
    case 'usuario_desconectado':
      return { kind: 'leave', at: frame.marca_tiempo, name: frame.nombre, reason: frame.motivo };
    case 'sistema':
      return { kind: 'system', at: frame.marca_tiempo, text: frame.contenido };
    case 'mensaje_borrado':
      return { kind: 'deleted', at: now, id: frame.id };
    case 'servidor_cerrando':
      return { kind: 'closing', at: now, reason: frame.motivo };
    case 'expulsado':
      return { kind: 'kicked', at: now, reason: frame.motivo };
    case 'estado':
      return frame.disponible ? { kind: 'available', at: now } : { kind: 'paused', at: now, reason: frame.motivo };
  }
}
