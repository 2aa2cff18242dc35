/**
 * Hash navigation (`#/users`): the server serves only the files that exist under
 * /dashboard/ (no catch-all), so the page itself must never change path.
 */
import { useSyncExternalStore } from 'react';

export const PAGES = ['overview', 'users', 'activity', 'messages', 'announce', 'bans', 'audit'] as const;
export type Page = (typeof PAGES)[number];

export function pageFromHash(hash: string): Page {
  const name = hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return (PAGES as readonly string[]).includes(name) ? (name as Page) : 'overview';
}

export const pageHref = (page: Page): string => `#/${page}`;

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function usePage(): Page {
  return useSyncExternalStore(subscribe, () => pageFromHash(window.location.hash));
}
