import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * What `dateline import` needs to be idempotent and to keep old links.
 * `import_keys` names each thing taken from another system (a WordPress
 * post by site and ID, an author by email, a category by slug) with the
 * Dateline row it became, written in the same transaction as that row: a
 * second run, or a run after a kill -9, finds it and skips the thing.
 * `redirects` holds old addresses that are not a story's (a story's old
 * paths live in article_paths and follow it when it moves): `/?p=123`,
 * `/category/news/`, `/author/jo/`, feeds, attachment pages.
 */
export function imports(_dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('import_keys')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('target_id', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('import_keys_pk', ['source', 'key'])
        .execute();
      await db.schema
        .createTable('redirects')
        // Path as readers request it, without a trailing slash; `/?p=12` keeps its query.
        .addColumn('path', 'text', (c) => c.primaryKey())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
