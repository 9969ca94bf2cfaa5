import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Site settings the newsroom changes without a restart (name, logo, accent
 * colour, footer links …), one row per setting holding JSON, read by every
 * node and re-read when a change is announced through the outbox; and each
 * story's language (null: the site's language), so a German wire story's
 * page says lang="de".
 */
export function siteSettings(_dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('site_settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('modified_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.alterTable('articles').addColumn('language', 'text').execute();
    },
  };
}
