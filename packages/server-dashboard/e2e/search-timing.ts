/**
 * Timings taken inside the page (performance.now), so the test driver's own latency is not
 * counted. No named functions inside the evaluated code: tsx (the scale script) would wrap
 * them in a helper that does not exist in the page.
 */
import type { Page } from 'playwright-core';

/**
 * Types `query` into the users search (as one input event, as a paste would) and returns
 * the milliseconds, measured in the page, until the count above the table reads
 * `expected`: the request, the server's search, the answer and React's render included.
 */
export function timeSearch(page: Page, query: string, expected: string): Promise<number> {
  return page.evaluate(
    ({ query, expected }) =>
      new Promise<number>((resolve, reject) => {
        const input = document.getElementById('users-search') as HTMLInputElement;
        const count = document.querySelector('.users .count') as HTMLElement;
        const started = performance.now();
        const giveUp = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`after 5 s the count reads “${count.textContent}”, not “${expected}”`));
        }, 5000);
        const observer = new MutationObserver(() => {
          if (count.textContent !== expected) return;
          observer.disconnect();
          clearTimeout(giveUp);
          resolve(performance.now() - started);
        });
        observer.observe(count, { childList: true, characterData: true, subtree: true });
        // React tracks the value itself: set it the way a user's typing does, then tell it.
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, query);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }),
    { query, expected },
  );
}

/** Opens the users page by its hash and returns the milliseconds, measured in the page, until the count reads `expected`. */
export function timeUsersPage(page: Page, expected: string): Promise<number> {
  return page.evaluate(
    (expected) =>
      new Promise<number>((resolve) => {
        const started = performance.now();
        const observer = new MutationObserver(() => {
          if (document.querySelector('.users .count')?.textContent !== expected) return;
          observer.disconnect();
          resolve(performance.now() - started);
        });
        observer.observe(document.body, { childList: true, characterData: true, subtree: true });
        window.location.hash = '#/users';
      }),
    expected,
  );
}
