import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * An outbox of what happened to stories, written in the same transaction as
 * the change: webhooks and other nodes' caches read it, and nothing is lost
 * when a process dies between the write and the notification.
 */
export function articleEvents(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('article_events')
        .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('article_events_article').on('article_events').columns(['article_id', 'id']).execute();
    },
  };
}
