import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Fronts the desk curates (issue 12): one row per pinned slot of a front
 * (`front` is `home` or a section's id). A pin may carry a front-only
 * headline and photo and an end (`expires_at`, epoch ms); unpinned slots
 * fill themselves from the front's newest stories, so they have no row.
 * Reading a front is one seek on `front_slots_front` plus the stories' keys.
 */
export function fronts(dialect: Dialect) {
  const id = (dialect === 'postgres' ? 'serial' : 'integer') as 'integer';
  const idColumn = dialect === 'postgres' ? (c: any) => c.primaryKey() : (c: any) => c.primaryKey().autoIncrement();
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('front_slots')
        .addColumn('id', id, idColumn)
        .addColumn('front', 'text', (c) => c.notNull())
        .addColumn('slot', 'integer', (c) => c.notNull())
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('headline', 'text')
        .addColumn('media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
        .addColumn('expires_at', 'bigint')
        .addColumn('pinned_at', 'bigint', (c) => c.notNull())
        .addColumn('pinned_by', 'integer')
        .execute();
      await db.schema.createIndex('front_slots_front').on('front_slots').columns(['front', 'slot']).unique().execute();
      // A story's pins, for the newsroom ("pinned on Home") and for cleaning up after it.
      await db.schema.createIndex('front_slots_article').on('front_slots').column('article_id').execute();
    },
  };
}
