import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * The story editor as the desk uses it (issue 12):
 * - `users.author_id`: the author a newsroom user writes as. A new story
 *   starts with that byline, and a writer may sign only as themselves.
 * - `articles.scheduled_from`: the status a story had before it was
 *   scheduled, so Unschedule puts it back (draft, submitted or withheld).
 * - `article_corrections.edited_at` and `article_correction_edits`: a
 *   correction note can be reworded; each earlier wording is kept with when
 *   and by whom it was replaced, and readers see that the note was updated.
 * - `preview_links`: shareable preview links. Only a hash of the token is
 *   stored (as for sessions); each link is for one story, expires, and can
 *   be revoked.
 */
export function userAuthors(dialect: Dialect) {
  const id = (dialect === 'postgres' ? 'serial' : 'integer') as 'integer';
  const idColumn = dialect === 'postgres' ? (c: any) => c.primaryKey() : (c: any) => c.primaryKey().autoIncrement();
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .alterTable('users')
        .addColumn('author_id', 'integer', (c) => c.references('authors.id').onDelete('set null'))
        .execute();
      await db.schema.alterTable('articles').addColumn('scheduled_from', 'text').execute();
      await db.schema.alterTable('article_corrections').addColumn('edited_at', 'bigint').execute();
      await db.schema
        .createTable('article_correction_edits')
        .addColumn('id', id, idColumn)
        .addColumn('correction_id', 'integer', (c) => c.notNull().references('article_corrections.id').onDelete('cascade'))
        // The wording as it was before this edit, and when that wording was first shown.
        .addColumn('previous_text', 'text', (c) => c.notNull())
        .addColumn('previous_at', 'bigint', (c) => c.notNull())
        .addColumn('edited_at', 'bigint', (c) => c.notNull())
        .addColumn('user_id', 'integer')
        .addColumn('user_name', 'text')
        .execute();
      await db.schema.createIndex('article_correction_edits_note').on('article_correction_edits').columns(['correction_id', 'edited_at']).execute();
      await db.schema
        .createTable('preview_links')
        .addColumn('id', id, idColumn)
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_by', 'integer')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema.createIndex('preview_links_article').on('preview_links').columns(['article_id', 'expires_at']).execute();
    },
  };
}
