import type { admin } from '@charla/protocol';
import { describe, expect, it, vi } from 'vitest';
import { names } from '../../test/fakeServer';
import { rowAt, UsersPager } from './pager';
import type { FetchUsers } from './pager';

/** A fetch over `users` whose answers the test releases one by one. */
function deferredUsers(users: admin.UserItem[]) {
  const pending: { query: Parameters<FetchUsers>[0]; signal: AbortSignal; resolve: () => void }[] = [];
  const fetchUsers: FetchUsers = (query, signal) =>
    new Promise((resolve) => {
      const found = users.filter((u) => u.name.includes(query.q ?? ''));
      pending.push({ query, signal, resolve: () => resolve({ total: found.length, items: found.slice(query.offset, query.offset + query.limit) }) });
    });
  /** Answers everything asked so far, and lets the answers land. */
  const answerAll = async () => {
    for (const request of pending.splice(0)) request.resolve();
    await vi.waitFor(() => Promise.resolve());
  };
  return { fetchUsers, pending, answerAll };
}

describe('UsersPager', () => {
  it('loads the first page of a search, then only the pages under the rows in view', async () => {
    const { fetchUsers, pending, answerAll } = deferredUsers(names(1000));
    const pager = new UsersPager(fetchUsers, 100);
    pager.setQuery('');
    expect(pending.map((r) => r.query)).toEqual([{ offset: 0, limit: 100 }]);
    await answerAll();
    expect(pager.getSnapshot().total).toBe(1000);
    expect(rowAt(pager.getSnapshot(), 99, 100)?.name).toBe('u0099');
    expect(rowAt(pager.getSnapshot(), 100, 100)).toBeUndefined();

    pager.want(0, 30);
    expect(pending).toEqual([]);
    pager.want(450, 520);
    pager.want(460, 530); // already on its way: asked once
    expect(pending.map((r) => r.query.offset)).toEqual([400, 500]);
    await answerAll();
    expect(rowAt(pager.getSnapshot(), 520, 100)?.name).toBe('u0520');
    expect([...pager.getSnapshot().pages.keys()]).toEqual([0, 4, 5]);
  });

  it('a new search aborts the old one’s requests and drops their late answers', async () => {
    const { fetchUsers, pending, answerAll } = deferredUsers(names(300));
    const pager = new UsersPager(fetchUsers, 100);
    pager.setQuery('');
    const old = pending[0];
    pager.setQuery('u02');
    expect(old?.signal.aborted).toBe(true);
    expect(pending.at(-1)?.query).toEqual({ q: 'u02', offset: 0, limit: 100 });
    await answerAll();
    expect(pager.getSnapshot()).toMatchObject({ query: 'u02', total: 100 });
    expect(rowAt(pager.getSnapshot(), 0, 100)?.name).toBe('u0200');
  });

  it('leaves a search alone when asked for it again (a table’s first want() may have started it)', () => {
    const { fetchUsers, pending } = deferredUsers(names(10));
    const pager = new UsersPager(fetchUsers, 100);
    pager.want(0, 20);
    pager.setQuery('');
    expect(pending).toHaveLength(1);
    expect(pending[0]?.signal.aborted).toBe(false);
  });

  it('refresh() re-reads the pages in view, forgets the rest, and coalesces calls made meanwhile', async () => {
    const users = names(500);
    const { fetchUsers, pending, answerAll } = deferredUsers(users);
    const pager = new UsersPager(fetchUsers, 100, 0);
    pager.setQuery('');
    await answerAll();
    pager.want(150, 250);
    await answerAll();
    expect([...pager.getSnapshot().pages.keys()]).toEqual([0, 1, 2]);

    users.splice(0, 100); // a hundred users left
    void pager.refresh();
    void pager.refresh();
    void pager.refresh();
    expect(pending.map((r) => r.query.offset)).toEqual([100, 200]);
    await answerAll();
    // One more round for the calls that came while the first ran.
    await vi.waitFor(() => expect(pending.map((r) => r.query.offset)).toEqual([100, 200]));
    await answerAll();
    expect(pending).toEqual([]);
    expect(pager.getSnapshot().total).toBe(400);
    expect([...pager.getSnapshot().pages.keys()]).toEqual([1, 2]);
    expect(rowAt(pager.getSnapshot(), 150, 100)?.name).toBe('u0250');
  });

  it('keeps an error for the table to show, and dispose() drops whatever is still on its way', async () => {
    const failing: FetchUsers = () => Promise.reject(new Error('down'));
    const pager = new UsersPager(failing);
    pager.setQuery('');
    await vi.waitFor(() => expect(pager.getSnapshot().error).toBeInstanceOf(Error));

    const { fetchUsers, pending, answerAll } = deferredUsers(names(5));
    const disposed = new UsersPager(fetchUsers);
    disposed.setQuery('');
    const listener = vi.fn();
    disposed.subscribe(listener);
    disposed.dispose();
    expect(pending[0]?.signal.aborted).toBe(true);
    await answerAll();
    expect(listener).not.toHaveBeenCalled();
  });
});
