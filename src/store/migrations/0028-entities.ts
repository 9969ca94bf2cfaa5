import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * People, organizations and places (issue 14): the entities, the names that
 * mean each of them (aliases), which stories mention which, and each story's
 * stored related stories with the editors' pins and removals. Related lists
 * are computed by jobs on publish and update, never on a reader's request.
 */
export function entities(dialect: Dialect) {
  const id = (dialect === 'postgres' ? 'serial' : 'integer') as 'integer';
  const idColumn = dialect === 'postgres' ? (c: any) => c.primaryKey() : (c: any) => c.primaryKey().autoIncrement();
  const time = 'bigint';
  const real = dialect === 'postgres' ? 'double precision' : 'real';
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('entities')
        .addColumn('id', id, idColumn)
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('person', 'organization', 'place')`))
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('picture_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('suggested', 'confirmed', 'removed')`))
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('updated_at', time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('entities_status').on('entities').columns(['status', 'name']).execute();

      // Every name that means an entity, by its lookup key (domain/entity.ts nameKey): its own name, old names, aliases.
      await db.schema
        .createTable('entity_aliases')
        .addColumn('name_key', 'text', (c) => c.primaryKey())
        .addColumn('entity_id', 'integer', (c) => c.notNull().references('entities.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('entity_aliases_entity').on('entity_aliases').columns(['entity_id']).execute();

      await db.schema
        .createTable('article_entities')
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('entity_id', 'integer', (c) => c.notNull().references('entities.id').onDelete('cascade'))
        // 'agency' (the wire named it), 'text' (extracted), 'editor' (added by hand).
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('mentions', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('confident', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('article_entities_pk', ['article_id', 'entity_id'])
        .execute();
      await db.schema.createIndex('article_entities_entity').on('article_entities').columns(['entity_id', 'article_id']).execute();

      await db.schema
        .createTable('related_stories')
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('related_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('score', real, (c) => c.notNull())
        .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('related_stories_pk', ['article_id', 'related_id'])
        .execute();
      await db.schema.createIndex('related_stories_related').on('related_stories').columns(['related_id']).execute();

      // An editor's word on one story's list: 'pin' (always shown, in this position) or 'remove' (never shown).
      await db.schema
        .createTable('related_overrides')
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('related_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('pin', 'remove')`))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', time, (c) => c.notNull())
        .addPrimaryKeyConstraint('related_overrides_pk', ['article_id', 'related_id'])
        .execute();
    },
  };
}
