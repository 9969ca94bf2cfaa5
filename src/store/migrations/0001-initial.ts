import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * The first schema. Written once for both databases: only the identity column
 * differs. List indexes are partial (published editorial stories only) and
 * end in (published_at, id) so keyset pagination reads an index range at any depth.
 */
export function initialSchema(dialect: Dialect) {
  const id = (dialect === 'postgres' ? 'serial' : 'integer') as 'integer';
  const idColumn = dialect === 'postgres'
    ? (c: any) => c.primaryKey()
    : (c: any) => c.primaryKey().autoIncrement();
  const time = 'bigint';

  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('sections')
        .addColumn('id', id, idColumn)
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('parent_id', 'integer', (c) => c.references('sections.id'))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('in_menu', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();

      await db.schema
        .createTable('media')
        .addColumn('id', id, idColumn)
        .addColumn('original_name', 'text', (c) => c.notNull())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('credit', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('renditions', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_at', time, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('authors')
        .addColumn('id', id, idColumn)
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('person', 'organization')`))
        .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('picture_id', 'integer', (c) => c.references('media.id'))
        .execute();

      await db.schema
        .createTable('sponsors')
        .addColumn('id', id, idColumn)
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('blurb', 'text', (c) => c.notNull().defaultTo(''))
        .execute();

      await db.schema
        .createTable('tags')
        .addColumn('id', id, idColumn)
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('articles')
        .addColumn('id', id, idColumn)
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('path', 'text', (c) => c.notNull().unique())
        .addColumn('section_id', 'integer', (c) => c.notNull().references('sections.id'))
        .addColumn('root_section_id', 'integer', (c) => c.notNull().references('sections.id'))
        .addColumn('headline', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('dateline', 'text')
        .addColumn('label', 'text', (c) =>
          c.notNull().check(sql`label in ('news', 'opinion', 'analysis', 'sponsored')`),
        )
        .addColumn('status', 'text', (c) =>
          c.notNull().check(sql`status in ('draft', 'submitted', 'scheduled', 'published', 'withheld', 'withdrawn')`),
        )
        .addColumn('sponsor_id', 'integer', (c) => c.references('sponsors.id'))
        .addColumn('lead_media_id', 'integer', (c) => c.references('media.id'))
        .addColumn('contributor_note', 'text')
        .addColumn('published_at', time)
        .addColumn('updated_at', time)
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('modified_at', time, (c) => c.notNull())
        .execute();

      const listed = sql<boolean>`status = 'published' and label <> 'sponsored'`;
      await db.schema
        .createIndex('articles_listed_root')
        .on('articles')
        .columns(['root_section_id', 'published_at', 'id'])
        .where(listed)
        .execute();
      await db.schema
        .createIndex('articles_listed_section')
        .on('articles')
        .columns(['section_id', 'published_at', 'id'])
        .where(listed)
        .execute();
      await db.schema
        .createIndex('articles_listed_all')
        .on('articles')
        .columns(['published_at', 'id'])
        .where(listed)
        .execute();
      await db.schema
        .createIndex('articles_sponsored')
        .on('articles')
        .columns(['published_at', 'id'])
        .where(sql<boolean>`status = 'published' and label = 'sponsored'`)
        .execute();

      await db.schema
        .createTable('article_authors')
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('author_id', 'integer', (c) => c.notNull().references('authors.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('article_authors_pk', ['article_id', 'author_id'])
        .execute();
      await db.schema.createIndex('article_authors_author').on('article_authors').columns(['author_id', 'article_id']).execute();

      await db.schema
        .createTable('article_tags')
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag_id'])
        .execute();
      await db.schema.createIndex('article_tags_tag').on('article_tags').columns(['tag_id', 'article_id']).execute();

      await db.schema
        .createTable('article_paths')
        .addColumn('path', 'text', (c) => c.primaryKey())
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('created_at', time, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
