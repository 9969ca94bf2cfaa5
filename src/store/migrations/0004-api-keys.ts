import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Keys for the content API. Only a hash of each key is kept (see
 * ApiKeyRepo); a revoked key keeps its row so `apikey list` can still show
 * who had access and when it was last used.
 */
export function apiKeys(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('api_keys')
        .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint')
        .addColumn('revoked_at', 'bigint')
        .execute();
      // A name picks one live key for `apikey revoke NAME`; a revoked key's name may be used again.
      await db.schema
        .createIndex('api_keys_live_name')
        .on('api_keys')
        .column('name')
        .unique()
        .where(sql<boolean>`revoked_at is null`)
        .execute();
    },
  };
}
