import type { ButtonHTMLAttributes } from 'react';
import { useSession } from '../app/SessionProvider';
import { useI18n } from '../i18n/I18nProvider';

/** The id of the shell's read-only note: every disabled write control points at it. */
export const VIEWER_NOTE_ID = 'viewer-note';

/**
 * A button that changes something on the server. For a viewer token it is disabled, and
 * says why: its accessible description is the shell's read-only note, its tooltip too.
 */
export function WriteButton({ disabled, ...props }: ButtonHTMLAttributes<HTMLButtonElement>) {
  const { role } = useSession();
  const { t } = useI18n();
  const readOnly = role === 'viewer';
  return (
    <button
      type="button"
      {...props}
      disabled={readOnly || disabled}
      {...(readOnly && { 'aria-describedby': VIEWER_NOTE_ID, title: t.shell.viewer })}
    />
  );
}
