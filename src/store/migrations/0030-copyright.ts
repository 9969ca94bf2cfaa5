import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * The agency's rights line kept with what it covers (issue 10):
 * - `articles.copyright_notice` / `copyright_holder`: a wire story's notice
 *   ("Copyright 2019, dpa") and who holds the rights, as the latest version
 *   said; null for staff copy. Shown in small print under the story, in its
 *   JSON-LD and in the content API.
 * - `media.copyright`: a picture's notice, shown in its credit line; empty
 *   when the agency or the file gave none.
 */
export function copyright(_dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('articles').addColumn('copyright_notice', 'text').execute();
      await db.schema.alterTable('articles').addColumn('copyright_holder', 'text').execute();
      await db.schema.alterTable('media').addColumn('copyright', 'text', (c) => c.notNull().defaultTo('')).execute();
    },
  };
}
