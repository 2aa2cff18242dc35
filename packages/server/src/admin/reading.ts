/**
 * What operators may read of the history (docs/admin-api.md v2). Confidential messages (private
 * ones; messages of private rooms once rooms exist: see `confidential` in the store) are
 * listed with their text withheld and never found by a text search, unless the server runs
 * with `--admin-reads-private`; then their text is returned, and the caller audits the read.
 * `GET /api/messages` reads through here. The event stream carries no private text at all
 * (the Hub's `private` events have none); when private rooms exist, its `message` content
 * (`--events-include-content`) must ask `operatorMayRead` too.
 */
import type { admin } from '@charla/protocol';
import type { Store, StoredMessage } from '../core/ports.js';
import { confidential } from '../store/visibility.js';

export interface ReadingPolicy {
  /** `--admin-reads-private`. */
  readonly readsPrivate: boolean;
}

/** Whether operators may read this message's text. */
export function operatorMayRead(message: StoredMessage, policy: ReadingPolicy): boolean {
  return policy.readsPrivate || !confidential(message);
}

/** The message as operators see it: its frame, the text withheld when they may not read it. */
export function asOperatorSees(message: StoredMessage, policy: ReadingPolicy): admin.MessageItem {
  const { frame } = message;
  if (operatorMayRead(message, policy)) return frame;
  // Only private frames are confidential until rooms exist. When private rooms make some
  // `mensaje` confidential, the admin schema's mensaje item gets a nullable contenido (and
  // extracto) like privado's, and this check goes; until then, fail closed rather than leak.
  if (frame.tipo !== 'privado') throw new Error(`no withheld form for a ${frame.tipo} frame`);
  return { ...frame, contenido: null };
}

export interface OperatorPage {
  readonly page: admin.MessagesPage;
  /** Ids of the confidential messages whose text the page carries: the caller audits them. */
  readonly disclosed: number[];
}

/** One page of `GET /api/messages`, newest last, with what it discloses. */
export function readMessages(store: Store, query: admin.MessagesQuery, policy: ReadingPolicy): OperatorPage {
  const found = store.searchMessages({ before: query.before, limit: query.limit, q: query.q, searchConfidential: policy.readsPrivate });
  return {
    page: { items: found.messages.map((m) => asOperatorSees(m, policy)), complete: !found.more },
    disclosed: found.messages.filter((m) => confidential(m) && operatorMayRead(m, policy)).map((m) => m.frame.id),
  };
}

/**
 * The audit entry's target for a read: the query as a path, unencoded so it stays readable
 * and within the entry's 1000 characters (q has at most 500).
 */
export function describeRead(query: admin.MessagesQuery): string {
  const parts = [
    ...(query.q !== undefined ? [`q=${query.q}`] : []),
    ...(query.before !== undefined ? [`before=${query.before}`] : []),
    `limit=${query.limit}`,
  ];
  return `/api/messages?${parts.join('&')}`;
}
