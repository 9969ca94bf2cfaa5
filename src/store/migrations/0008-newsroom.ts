import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * The newsroom's stories: who made each one, its save counter (the revision
 * a PATCH must be based on) and when a scheduled one goes out; every saved
 * revision as a full snapshot; the edit locks that show who has a story
 * open; and the dated correction and update notes readers see.
 */
export function newsroom(dialect: Dialect) {
  const id = (dialect === 'postgres' ? 'serial' : 'integer') as 'integer';
  const idColumn = dialect === 'postgres' ? (c: any) => c.primaryKey() : (c: any) => c.primaryKey().autoIncrement();
  const time = 'bigint';

  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('articles').addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null')).execute();
      await db.schema.alterTable('articles').addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('articles').addColumn('scheduled_at', time).execute();
      // The scheduler's question every few seconds: which scheduled stories are due.
      await db.schema
        .createIndex('articles_scheduled')
        .on('articles')
        .columns(['scheduled_at', 'id'])
        .where(sql<boolean>`status = 'scheduled'`)
        .execute();
      await db.schema.createIndex('articles_created_by').on('articles').columns(['created_by', 'modified_at']).execute();
      await db.schema.createIndex('articles_modified').on('articles').columns(['modified_at', 'id']).execute();

      await db.schema
        .createTable('article_revisions')
        .addColumn('id', id, idColumn)
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('revision', 'integer', (c) => c.notNull())
        // The story's editable fields as JSON (ArticleSnapshot).
        .addColumn('snapshot', 'text', (c) => c.notNull())
        // JSON array of the fields that differ from the previous revision.
        .addColumn('changed_fields', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        // Kept as written so the history still names people whose accounts were removed.
        .addColumn('user_name', 'text')
        .addColumn('at', time, (c) => c.notNull())
        .addUniqueConstraint('article_revisions_article_revision', ['article_id', 'revision'])
        .execute();

      await db.schema
        .createTable('article_locks')
        .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('user_name', 'text', (c) => c.notNull())
        .addColumn('since', time, (c) => c.notNull())
        .addColumn('expires_at', time, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('article_corrections')
        .addColumn('id', id, idColumn)
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('correction', 'update')`))
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('at', time, (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .execute();
      await db.schema.createIndex('article_corrections_article').on('article_corrections').columns(['article_id', 'at']).execute();
    },
  };
}
