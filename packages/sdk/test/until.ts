import type { ChatClient, ChatSnapshot } from '../src/index.js';

/** Resolves when `predicate` holds for the client's snapshot (checked on every change). */
export function until(client: ChatClient, predicate: (s: ChatSnapshot) => boolean): Promise<void> {
  if (predicate(client.getSnapshot())) return Promise.resolve();
  return new Promise((resolve) => {
    const off = client.subscribe(() => {
      if (predicate(client.getSnapshot())) {
        off();
        resolve();
      }
    });
  });
}
