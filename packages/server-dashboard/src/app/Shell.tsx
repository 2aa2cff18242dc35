import { useEffect, useRef } from 'react';
import type { ComponentType } from 'react';
import { ActivityPage } from '../features/activity/ActivityPage';
import { AnnouncePage } from '../features/announce/AnnouncePage';
import { AuditPage } from '../features/audit/AuditPage';
import { BansPage } from '../features/bans/BansPage';
import { MessagesPage } from '../features/messages/MessagesPage';
import { OverviewPage } from '../features/overview/OverviewPage';
import { UsersPage } from '../features/users/UsersPage';
import { useI18n } from '../i18n/I18nProvider';
import { LanguageSelect } from '../i18n/I18nProvider';
import { VIEWER_NOTE_ID } from '../ui/WriteButton';
import { Brand } from './Brand';
import { ConnectionBadge } from './ConnectionBadge';
import { PAGES, pageHref, usePage } from './route';
import type { Page } from './route';
import { useSession } from './SessionProvider';

const PAGE_COMPONENTS: Record<Page, ComponentType> = {
  overview: OverviewPage,
  users: UsersPage,
  activity: ActivityPage,
  messages: MessagesPage,
  announce: AnnouncePage,
  bans: BansPage,
  audit: AuditPage,
};

/** The console around every page: brand, connection state, language, sign-out, the sections. */
export function Shell({ onSignOut }: { onSignOut: () => void }) {
  const { t } = useI18n();
  const { role, events } = useSession();
  const page = usePage();
  const Current = PAGE_COMPONENTS[page];
  const heading = useRef<HTMLHeadingElement>(null);

  // The stream lives as long as the console is shown.
  useEffect(() => {
    events.start();
    return () => events.stop();
  }, [events]);

  // After navigating, a screen reader starts at the new page's title.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [page]);

  return (
    <div className="console">
      <header className="topbar">
        <Brand />
        <ConnectionBadge />
        <div className="topbar-end">
          <LanguageSelect />
          <button type="button" onClick={onSignOut}>
            {t.shell.signOut}
          </button>
        </div>
      </header>
      <nav className="sections" aria-label={t.shell.sections}>
        <ul>
          {PAGES.map((name) => (
            <li key={name}>
              <a href={pageHref(name)} aria-current={name === page ? 'page' : undefined}>
                {t.shell.pages[name]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="page">
        {role === 'viewer' && (
          <p className="viewer-note" id={VIEWER_NOTE_ID}>
            {t.shell.viewer}
          </p>
        )}
        <h2 className="page-title" ref={heading} tabIndex={-1}>
          {t.shell.pages[page]}
        </h2>
        <Current />
      </main>
    </div>
  );
}
