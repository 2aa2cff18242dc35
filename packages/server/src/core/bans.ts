/**
 * Bans: the active ones, cached from the store: identification checks them on every join, so
 * a reconnect storm costs no queries. Expired bans simply stop matching. In a cluster each
 * node keeps its own copy (and numbering) of every ban; changes are shared as they happen.
 */
import type { BanRecord, Clock, SharedBan, Store } from './ports.js';

/** Tells the other nodes of a cluster about a ban added or lifted here. */
export type ShareBan = (change: 'ban' | 'unban', ban: SharedBan) => void;

export class Bans {
  private cache: BanRecord[];

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly share?: ShareBan,
  ) {
    this.cache = store.activeBans(clock.now());
  }

  /** The ban that applies to this name key or address, if any. */
  match(nameKey: string, address: string, now = this.clock.now()): BanRecord | undefined {
    return this.cache.find((ban) => ban.until > now && (ban.nameKey === nameKey || ban.address === address));
  }

  list(now = this.clock.now()): BanRecord[] {
    return this.cache.filter((ban) => ban.until > now);
  }

  add(ban: Omit<BanRecord, 'id'>): BanRecord {
    const record = this.keep(ban);
    this.share?.('ban', shared(record));
    return record;
  }

  remove(id: number): boolean {
    const ban = this.cache.find((b) => b.id === id);
    const removed = this.store.deleteBan(id);
    this.cache = this.cache.filter((b) => b.id !== id);
    if (ban !== undefined) this.share?.('unban', shared(ban));
    return removed;
  }

  /** A change another node made. */
  apply(change: 'ban' | 'unban', ban: SharedBan): void {
    if (change === 'ban') {
      this.keep(ban);
      return;
    }
    const same = (b: BanRecord) => JSON.stringify(shared(b)) === JSON.stringify(shared(ban));
    for (const b of this.cache.filter(same)) this.store.deleteBan(b.id);
    this.cache = this.cache.filter((b) => !same(b));
  }

  private keep(ban: Omit<BanRecord, 'id'>): BanRecord {
    const record = this.store.addBan(ban);
    this.cache.push(record);
    return record;
  }
}

/** A ban without this node's id, in a fixed field order (so two copies compare equal). */
function shared(ban: SharedBan): SharedBan {
  const { until, reason, by } = ban;
  return { name: ban.name ?? undefined, nameKey: ban.nameKey ?? undefined, address: ban.address ?? undefined, until, reason, by };
}
