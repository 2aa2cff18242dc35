import { memo } from 'react';
import type { LogEntry } from '@charla/sdk';
import type { Dictionary } from '../../i18n/dictionary';
import { useI18n } from '../../i18n/I18nProvider';
import { formatTime } from '../../lib/time';
import { Avatar } from '../avatar/Avatar';
import { actionText } from './action';
import { MessageText } from './MessageText';
import { noticeDetail, noticeText } from './notices';
import type { NoticeFrame } from './notices';

/** One line of the log: a message (author, time, text; ours marked) or a system notice. Entries never change, so lines re-render only for a new language. */
export const LogLine = memo(function LogLine({ entry }: { entry: LogEntry }) {
  const { t, language } = useI18n();
  const { frame } = entry;
  if (frame.tipo === 'mensaje' || frame.tipo === 'privado') {
    const action = actionText(frame.contenido);
    if (action !== null) {
      // `/me waves` (the terminal client's convention): shown as "* ana waves".
      return (
        <li className={entry.own ? 'message action own' : 'message action'}>
          <p className="text">
            * <span className="author">{frame.remitente}</span> <MessageText text={action} />{' '}
            <Time iso={frame.marca_tiempo} language={language} />
          </p>
        </li>
      );
    }
    return (
      <li className={entry.own ? 'message own' : 'message'}>
        <p className="meta">
          <Avatar name={frame.remitente} />
          <span className="author">{frame.remitente}</span>
          {entry.own && <span className="you"> ({t.chat.you})</span>} <Time iso={frame.marca_tiempo} language={language} />
        </p>
        <p className="text">
          <MessageText text={frame.contenido} />
        </p>
      </li>
    );
  }
  return <Notice frame={frame} t={t} language={language} />;
});

function Notice({ frame, t, language }: { frame: NoticeFrame; t: Dictionary; language: string }) {
  const tone = frame.tipo === 'sistema' ? 'announcement' : frame.tipo === 'usuario_conectado' || frame.tipo === 'usuario_desconectado' ? 'presence' : 'alert';
  return (
    <li className={`notice notice-${tone}`}>
      {frame.tipo === 'sistema' && <span className="notice-label">{t.notice.announcement}: </span>}
      <span className="notice-text">
        <MessageText text={noticeText(frame, t)} />
      </span>
      {noticeDetail(frame, t) !== null && <span className="notice-detail"> {noticeDetail(frame, t)}</span>}
      {'marca_tiempo' in frame && (
        <>
          {' '}
          <Time iso={frame.marca_tiempo} language={language} />
        </>
      )}
    </li>
  );
}

function Time({ iso, language }: { iso: string; language: string }) {
  const time = formatTime(iso, language);
  if (time === null) return null;
  return (
    <time dateTime={iso} title={time.full}>
      {time.short}
    </time>
  );
}
