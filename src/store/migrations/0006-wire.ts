import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * The wire desk: one row per agency item (its identity, its current version
 * and what the site does with it), every version that ever arrived, the
 * quarantine of input that could not be read, and picture fetches waiting
 * for another try. The unique (wire_item_id, version) key is what makes a
 * repeated delivery change nothing, even when two ingests race.
 */
export function wire(dialect: Dialect) {
  const id = (dialect === 'postgres' ? 'serial' : 'integer') as 'integer';
  const idColumn = dialect === 'postgres' ? (c: any) => c.primaryKey() : (c: any) => c.primaryKey().autoIncrement();
  const time = 'bigint';
  const bytes = (dialect === 'postgres' ? 'bytea' : 'blob') as 'blob';

  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('wire_items')
        .addColumn('id', id, idColumn)
        .addColumn('uri', 'text', (c) => c.notNull().unique())
        .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
        .addColumn('media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        // The version as a number when it is one, so "10" sorts after "9"; null otherwise.
        .addColumn('version_number', 'double precision')
        .addColumn('version_created', time)
        .addColumn('pub_status', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) =>
          c.notNull().check(sql`state in ('live', 'held', 'withheld', 'killed', 'embargoed', 'skipped')`),
        )
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('first_seen_at', time, (c) => c.notNull())
        .addColumn('updated_at', time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('wire_items_article').on('wire_items').column('article_id').execute();
      await db.schema.createIndex('wire_items_state').on('wire_items').columns(['state', 'updated_at']).execute();

      await db.schema
        .createTable('wire_versions')
        .addColumn('id', id, idColumn)
        .addColumn('wire_item_id', 'integer', (c) => c.notNull().references('wire_items.id').onDelete('cascade'))
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('version_created', time)
        .addColumn('pub_status', 'text', (c) => c.notNull())
        .addColumn('received_at', time, (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        // What ingest did with this version: new, updated, stale (older than the current one)…
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('item_json', 'text', (c) => c.notNull())
        .addColumn('raw', 'text', (c) => c.notNull())
        .addUniqueConstraint('wire_versions_item_version', ['wire_item_id', 'version'])
        .execute();

      await db.schema
        .createTable('wire_quarantine')
        .addColumn('id', id, idColumn)
        .addColumn('received_at', time, (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('uri', 'text')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('pointer', 'text')
        .addColumn('raw', bytes, (c) => c.notNull())
        .addColumn('retried_at', time)
        .addColumn('resolved', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('wire_quarantine_open').on('wire_quarantine').columns(['resolved', 'id']).execute();

      await db.schema
        .createTable('wire_picture_fetches')
        .addColumn('id', id, idColumn)
        .addColumn('wire_item_id', 'integer', (c) => c.notNull().references('wire_items.id').onDelete('cascade'))
        // The story whose lead picture this is; null for a stand-alone picture item.
        .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('cascade'))
        .addColumn('url', 'text', (c) => c.notNull())
        // Folder of the item's file, for relative rendition paths.
        .addColumn('base_dir', 'text')
        .addColumn('picture_json', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('next_attempt_at', time, (c) => c.notNull())
        .addColumn('done_at', time)
        .addColumn('created_at', time, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('wire_picture_fetches_due')
        .on('wire_picture_fetches')
        .columns(['next_attempt_at', 'id'])
        .where(sql<boolean>`done_at is null`)
        .execute();
    },
  };
}
