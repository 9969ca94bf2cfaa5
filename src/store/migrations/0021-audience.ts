import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Audience numbers (issue 13, docs/privacy.md). No address, user agent or
 * cookie is stored: a visitor is a hash with the day's salt, and both the
 * salt and the hashes are deleted once their UTC day is over. What stays is
 * counts: views and visitors per bucket (day, hour, five minutes), per
 * dimension (site, story, section, referrer domain).
 */
export function audience(_dialect: Dialect) {
  const time = 'bigint';
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('audience_salts')
        .addColumn('day', 'text', (c) => c.primaryKey())
        .addColumn('salt', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('audience_visitors')
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('dim', 'text', (c) => c.notNull())
        .addColumn('dim_key', 'text', (c) => c.notNull())
        .addColumn('visitor', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('audience_visitors_pk', ['day', 'dim', 'dim_key', 'visitor'])
        .execute();
      await db.schema
        .createTable('audience_counts')
        // 'd' (UTC day), 'h' (hour, kept two days), 'm' (five minutes, kept two hours).
        .addColumn('grain', 'text', (c) => c.notNull())
        .addColumn('bucket', time, (c) => c.notNull())
        .addColumn('dim', 'text', (c) => c.notNull())
        .addColumn('dim_key', 'text', (c) => c.notNull())
        .addColumn('views', 'integer', (c) => c.notNull())
        .addColumn('visitors', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('audience_counts_pk', ['grain', 'bucket', 'dim', 'dim_key'])
        .execute();
      await db.schema.createIndex('audience_counts_dim').on('audience_counts').columns(['dim', 'grain', 'bucket']).execute();
    },
  };
}
