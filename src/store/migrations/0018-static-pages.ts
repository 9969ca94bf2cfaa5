import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Static pages: About, Contact, the ethics and corrections policies. Each
 * answers at its own path (an imported WordPress page keeps its old one),
 * is shown with the site's header and footer, listed in the sitemap and,
 * when `in_footer`, linked from every page's footer.
 */
export function staticPages(dialect: Dialect) {
  const id = (dialect === 'postgres' ? 'serial' : 'integer') as 'integer';
  const idColumn = dialect === 'postgres' ? (c: any) => c.primaryKey() : (c: any) => c.primaryKey().autoIncrement();
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('static_pages')
        .addColumn('id', id, idColumn)
        .addColumn('path', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('body_html', 'text', (c) => c.notNull())
        .addColumn('published', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('in_footer', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('modified_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
