import type { ReactNode, Ref, TableHTMLAttributes } from 'react';
import { useI18n } from '../i18n/I18nProvider';

interface TableRegionProps extends TableHTMLAttributes<HTMLTableElement> {
  /** The region's name for screen readers: what the table lists. */
  readonly label: string;
  /** More classes for the scrolling region (the table's own go in className). */
  readonly regionClassName?: string;
  readonly regionRef?: Ref<HTMLDivElement>;
  readonly children: ReactNode;
}

/**
 * A table in a region of its own that scrolls when the table is wider (or, given a height,
 * taller) than the page: focusable, so a keyboard can scroll it, and named.
 */
export function TableRegion({ label, regionClassName, regionRef, children, ...table }: TableRegionProps) {
  return (
    <div className={regionClassName === undefined ? 'table-scroll' : `table-scroll ${regionClassName}`} ref={regionRef} tabIndex={0} role="region" aria-label={label}>
      <table {...table}>{children}</table>
    </div>
  );
}

/** The header of a table's last column, the row's buttons: named for screen readers only. */
export function ActionsHeader() {
  const { t } = useI18n();
  return (
    <th scope="col">
      <span className="sr-only">{t.users.actions}</span>
    </th>
  );
}
