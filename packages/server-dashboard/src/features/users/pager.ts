/**
 * The users table's data: pages of `GET /api/users` fetched as the reader scrolls to
 * them, for one search at a time. A new search aborts the old one's requests; answers to
 * an old search are dropped. `refresh()` re-reads the pages in view (users join and
 * leave), coalescing calls that come while one is running into one more, at least
 * `refreshGapMs` later: a server with thousands joining is not asked many times a second.
 */
import type { admin } from '@charla/protocol';

/** Rows per request (the API allows up to 500; smaller pages arrive sooner). */
export const PAGE_SIZE = 200;

export type FetchUsers = (query: { q?: string; offset: number; limit: number }, signal: AbortSignal) => Promise<admin.UsersPage>;

export interface PagerSnapshot {
  readonly query: string;
  /** How many users match; null until the search's first answer. */
  readonly total: number | null;
  /** Loaded pages by index. */
  readonly pages: ReadonlyMap<number, readonly admin.UserItem[]>;
  readonly error: unknown;
}

/** The user at row `index`, if its page is loaded. */
export function rowAt(snapshot: PagerSnapshot, index: number, pageSize = PAGE_SIZE): admin.UserItem | undefined {
  return snapshot.pages.get(Math.floor(index / pageSize))?.[index % pageSize];
}

export class UsersPager {
  private snapshot: PagerSnapshot = { query: '', total: null, pages: new Map(), error: null };
  private readonly listeners = new Set<() => void>();
  private controller = new AbortController();
  private readonly loading = new Set<number>();
  private wanted = { first: 0, last: 0 };
  private refreshing = false;
  private refreshAgain = false;

  constructor(
    private readonly fetchUsers: FetchUsers,
    private readonly pageSize = PAGE_SIZE,
    private readonly refreshGapMs = 1000,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): PagerSnapshot => this.snapshot;

  /**
   * Starts a search ('' for everyone): forgets the rows, loads the first page. The search
   * already under way (or done) is left alone: a table's first want() may have started it.
   */
  setQuery(query: string): void {
    const started = this.loading.size > 0 || this.snapshot.total !== null || this.snapshot.error !== null;
    if (query === this.snapshot.query && started) return;
    this.abandon();
    this.wanted = { first: 0, last: 0 };
    this.publish({ query, total: null, pages: new Map(), error: null });
    void this.load(0);
  }

  /** Rows `first..last` are (about to be) on screen: loads the pages they are on. */
  want(first: number, last: number): void {
    this.wanted = { first: this.pageOf(first), last: this.pageOf(Math.max(first, last)) };
    for (let page = this.wanted.first; page <= this.wanted.last; page++) {
      if (!this.snapshot.pages.has(page)) void this.load(page);
    }
  }

  /** Reads the pages in view again; pages out of view are forgotten (they load again when scrolled to). */
  async refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = true;
    try {
      for (let round = 0; round === 0 || this.refreshAgain; round++) {
        if (round > 0) await new Promise((resolve) => setTimeout(resolve, this.refreshGapMs));
        this.refreshAgain = false;
        const signal = this.controller.signal;
        const indexes = Array.from({ length: this.wanted.last - this.wanted.first + 1 }, (_, i) => this.wanted.first + i);
        const answers = await Promise.all(indexes.map((page) => this.fetchPage(page, signal)));
        if (signal !== this.controller.signal) return;
        const pages = new Map(indexes.map((page, i) => [page, answers[i]?.items ?? []]));
        this.publish({ ...this.snapshot, pages, total: answers[0]?.total ?? 0, error: null });
      }
    } catch (error) {
      if (!this.controller.signal.aborted) this.publish({ ...this.snapshot, error });
    } finally {
      this.refreshing = false;
    }
  }

  /** Stops whatever is in flight (the table is gone); answers still on their way are dropped. */
  dispose(): void {
    this.abandon();
  }

  private abandon(): void {
    this.controller.abort();
    this.controller = new AbortController();
    this.loading.clear();
  }

  private pageOf(row: number): number {
    return Math.floor(Math.max(0, row) / this.pageSize);
  }

  private fetchPage(page: number, signal: AbortSignal): Promise<admin.UsersPage> {
    const q = this.snapshot.query;
    return this.fetchUsers({ ...(q !== '' && { q }), offset: page * this.pageSize, limit: this.pageSize }, signal);
  }

  private async load(page: number): Promise<void> {
    if (this.loading.has(page)) return;
    this.loading.add(page);
    const signal = this.controller.signal;
    try {
      const answer = await this.fetchPage(page, signal);
      if (signal !== this.controller.signal) return;
      const pages = new Map(this.snapshot.pages).set(page, answer.items);
      this.publish({ ...this.snapshot, pages, total: answer.total, error: null });
    } catch (error) {
      if (signal === this.controller.signal) this.publish({ ...this.snapshot, error });
    } finally {
      if (signal === this.controller.signal) this.loading.delete(page);
    }
  }

  private publish(snapshot: PagerSnapshot): void {
    this.snapshot = snapshot;
    for (const listener of this.listeners) listener();
  }
}
