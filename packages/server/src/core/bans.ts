import type { BanRecord, Store } from '../store/store.js';

/**
 * The active bans, cached from the store: identification checks them on every join, so a
 * reconnect storm costs no queries. Expired bans simply stop matching.
 */
export class Bans {
  private cache: BanRecord[];

  constructor(private readonly store: Store) {
    this.cache = store.activeBans(Date.now());
  }

  /** The ban that applies to this name key or address, if any. */
  match(nameKey: string, address: string, now = Date.now()): BanRecord | undefined {
    return this.cache.find((ban) => ban.until > now && (ban.nameKey === nameKey || ban.address === address));
  }

  list(now = Date.now()): BanRecord[] {
    return this.cache.filter((ban) => ban.until > now);
  }

  add(ban: Omit<BanRecord, 'id'>): BanRecord {
    const record = this.store.addBan(ban);
    this.cache.push(record);
    return record;
  }

  remove(id: number): boolean {
    const removed = this.store.deleteBan(id);
    this.cache = this.cache.filter((ban) => ban.id !== id);
    return removed;
  }
}
