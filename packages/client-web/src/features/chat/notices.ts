import type { LogFrame } from '@charla/sdk';
import type { Dictionary } from '../../i18n/dictionary';

export type NoticeFrame = Exclude<LogFrame, { tipo: 'mensaje' | 'privado' }>;

/** The sentence a system line shows; announcements keep the operator's text as it was written. */
export function noticeText(frame: NoticeFrame, t: Dictionary): string {
  switch (frame.tipo) {
    case 'usuario_conectado':
      return t.notice.joined(frame.nombre);
    case 'usuario_desconectado':
      return t.notice.left[frame.motivo](frame.nombre);
    case 'sistema':
      return frame.contenido;
    case 'mensaje_borrado':
      return t.notice.deleted;
    case 'servidor_cerrando':
      return t.notice.shutdown;
    case 'expulsado':
      return t.status.kicked;
  }
}

/** The server's or operator's own words behind a notice, shown apart as theirs; null when none. */
export function noticeDetail(frame: NoticeFrame, t: Dictionary): string | null {
  if (frame.tipo !== 'servidor_cerrando' && frame.tipo !== 'expulsado') return null;
  return frame.motivo.trim() === '' ? null : t.join.serverSays(frame.motivo);
}
