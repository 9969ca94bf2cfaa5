import { sql, type Transaction } from 'kysely';
import { CHANGE_CHANNEL, type Change } from '../../store/change-feed.js';
import type { Store } from '../../store/index.js';
import type { Database } from '../../store/schema.js';

/**
 * Tells other nodes (PostgreSQL) that something readers see changed. Called
 * inside the writing transaction, so the notice goes out only if it commits.
 */
export async function notifyOtherNodes(store: Store, trx: Transaction<Database>, change: Change): Promise<void> {
  if (store.db.dialect === 'postgres') await sql`select pg_notify(${CHANGE_CHANNEL}, ${store.changes.payload(change)})`.execute(trx);
}

/** Tells this node and (PostgreSQL) every other node, for writes made outside a transaction. */
export async function announceChange(store: Store, change: Change): Promise<void> {
  if (store.db.dialect === 'postgres') await sql`select pg_notify(${CHANGE_CHANNEL}, ${store.changes.payload(change)})`.execute(store.db.kysely);
  store.changes.announce(change);
}
