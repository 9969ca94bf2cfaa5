import type { PurgeSet } from '../../domain/cache-keys.js';
import type { Executor, Store } from '../../store/index.js';
import type { CatalogSubject } from '../../store/outbox-repo.js';

/**
 * Records, in the writing transaction, that something readers see changed
 * (every node and the cache tier purge the pages that show it), and returns
 * what to announce to this node once that transaction committed.
 */
export async function recordCatalogChange(store: Store, executor: Executor, subject: CatalogSubject, now = new Date()) {
  const purge = await store.outbox.catalogPurge(executor, subject);
  return store.outbox.record(executor, purge, now);
}

/** For writes made outside a transaction: records the change and tells this node at once. */
export async function announceChange(store: Store, subject: CatalogSubject | PurgeSet, now = new Date()): Promise<void> {
  const entry = await store.transaction(async (trx) => {
    const purge = 'keys' in subject ? subject : await store.outbox.catalogPurge(trx, subject);
    return store.outbox.record(trx, purge, now);
  });
  if ('kind' in subject && subject.kind === 'sections') store.sections.invalidate();
  store.changes.announceRecorded([entry]);
}
