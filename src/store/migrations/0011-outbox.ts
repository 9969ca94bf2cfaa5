import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * The outbox every node follows: one row per committed change that readers
 * can see, written in the change's own transaction, with the purge keys of
 * the pages it makes stale. Nodes read it from their cursor (SQLite: when
 * the file's data version moves; PostgreSQL: when NOTIFY wakes them, and on
 * a timer), so a change made by any process reaches every cache.
 * `article_events` stays the story-event log webhooks read.
 */
export function outbox(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('changes')
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('at', 'bigint', (c) => c.notNull())
        // Space-separated purge keys (src/domain/cache-keys.ts).
        .addColumn('keys', 'text', (c) => c.notNull())
        // 1 for kills and withdrawals: purged hard, never served stale.
        .addColumn('hard', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  };
}
