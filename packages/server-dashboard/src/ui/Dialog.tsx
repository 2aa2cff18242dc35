import { useEffect, useId, useRef } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';

interface DialogProps {
  readonly title: string;
  readonly children: ReactNode;
  /** Escape, Cancel, or the caller closing it. */
  readonly onClose: () => void;
  /** With a submit action the dialog is a form: Enter submits. */
  readonly onSubmit?: () => void;
  readonly submitLabel?: string;
  readonly submitting?: boolean;
  readonly danger?: boolean;
}

/**
 * A modal dialog: the native <dialog> (focus kept inside, Escape closes, the page behind
 * inert), shown as soon as it is rendered; the caller unmounts it to close it.
 */
export function Dialog({ title, children, onClose, onSubmit, submitLabel, submitting = false, danger = false }: DialogProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!submitting) onSubmit?.();
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={submit} className="dialog-form">
        <h3 id={titleId}>{title}</h3>
        {children}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {onSubmit === undefined ? t.common.close : t.common.cancel}
          </button>
          {onSubmit !== undefined && (
            <button type="submit" className={danger ? 'danger' : 'primary'} disabled={submitting}>
              {submitLabel}
            </button>
          )}
        </div>
      </form>
    </dialog>
  );
}
