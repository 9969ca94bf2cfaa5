import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Where wire copy comes from besides files: agencies that push (one bearer
 * token each, kept only as a SHA-256 hash, like content API keys) and feed
 * URLs the server polls. A poll source carries its own HTTP validators
 * (ETag, Last-Modified) and a lease (`claimed_until`) so that on several
 * nodes each poll runs once.
 */
export function wireSources(dialect: Dialect) {
  const id = (dialect === 'postgres' ? 'serial' : 'integer') as 'integer';
  const idColumn = dialect === 'postgres' ? (c: any) => c.primaryKey() : (c: any) => c.primaryKey().autoIncrement();
  const time = 'bigint';

  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('wire_push_sources')
        .addColumn('id', id, idColumn)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        // The source's rules as JSON, taken from `--rules FILE` when the token was made; null: the server's WIRE_RULES.
        .addColumn('rules_json', 'text')
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('last_used_at', time)
        .addColumn('revoked_at', time)
        .execute();
      await db.schema
        .createIndex('wire_push_sources_live_name')
        .on('wire_push_sources')
        .column('name')
        .unique()
        .where(sql<boolean>`revoked_at is null`)
        .execute();

      await db.schema
        .createTable('wire_poll_sources')
        .addColumn('id', id, idColumn)
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('interval_ms', 'integer', (c) => c.notNull())
        .addColumn('rules_json', 'text')
        .addColumn('etag', 'text')
        .addColumn('last_modified', 'text')
        .addColumn('next_poll_at', time, (c) => c.notNull())
        .addColumn('last_polled_at', time)
        .addColumn('last_status', 'text')
        .addColumn('last_error', 'text')
        // Failures in a row; the wait before the next try doubles with each.
        .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('claimed_until', time)
        .addColumn('created_at', time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('wire_poll_sources_due').on('wire_poll_sources').column('next_poll_at').execute();
    },
  };
}
