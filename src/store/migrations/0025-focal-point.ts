import type { Kysely } from 'kysely';
import { mediaReferencesIn, renditionKeyOf } from '../../domain/media-references.js';
import type { Dialect } from '../dialect.js';

const BATCH = 500;

/**
 * Pictures that follow their stories, and the point every crop keeps.
 *
 * - `media.focal_x`/`focal_y` (0–1 from the left/top, 0.5 = the centre): the
 *   point the editor clicked; teaser crops and the social image keep it in view.
 *   `media.crops` holds the renditions cut around it (JSON, like `renditions`).
 * - `media_keys`: which picture each rendition key belongs to, so the public
 *   route finds the picture behind `/media/<hash>.<ext>` by primary key.
 * - `article_media`: the pictures a story's body shows (figures and embedded
 *   rendition URLs), so "is any story showing this picture visible?" is an
 *   indexed lookup, like the lead picture's (`articles.lead_media_id`, now indexed).
 */
export function focalPoint(_dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('media').addColumn('focal_x', 'real', (c) => c.notNull().defaultTo(0.5)).execute();
      await db.schema.alterTable('media').addColumn('focal_y', 'real', (c) => c.notNull().defaultTo(0.5)).execute();
      await db.schema.alterTable('media').addColumn('crops', 'text', (c) => c.notNull().defaultTo('[]')).execute();
      await db.schema
        .createTable('media_keys')
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('media_keys_pk', ['key', 'media_id'])
        .execute();
      await db.schema.createIndex('media_keys_media').on('media_keys').column('media_id').execute();
      await db.schema
        .createTable('article_media')
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('article_media_pk', ['article_id', 'media_id'])
        .execute();
      await db.schema.createIndex('article_media_media').on('article_media').column('media_id').execute();
      await db.schema.createIndex('articles_lead_media').on('articles').column('lead_media_id').execute();
      await db.schema.createIndex('authors_picture').on('authors').column('picture_id').execute();

      for (let after = 0; ; ) {
        const rows = await db.selectFrom('media').select(['id', 'renditions']).where('id', '>', after).orderBy('id').limit(BATCH).execute();
        if (rows.length === 0) break;
        const values = rows.flatMap((row: { id: number; renditions: string }) => {
          const keys = new Set((JSON.parse(row.renditions) as Array<{ url: string }>).map((r) => renditionKeyOf(r.url)).filter((k): k is string => !!k));
          return [...keys].map((key) => ({ key, media_id: row.id }));
        });
        if (values.length > 0) await db.insertInto('media_keys').values(values).execute();
        after = (rows[rows.length - 1] as { id: number }).id;
      }

      for (let after = 0; ; ) {
        const rows = await db
          .selectFrom('articles')
          .select(['id', 'body_html'])
          .where('id', '>', after)
          .where((eb: any) => eb.or([eb('body_html', 'like', '%data-media-id=%'), eb('body_html', 'like', '%/media/%')]))
          .orderBy('id')
          .limit(BATCH)
          .execute();
        if (rows.length === 0) break;
        for (const row of rows as Array<{ id: number; body_html: string }>) {
          const refs = mediaReferencesIn(row.body_html);
          const ids = new Set<number>();
          if (refs.ids.length > 0) {
            for (const m of await db.selectFrom('media').select('id').where('id', 'in', refs.ids).execute()) ids.add(m.id);
          }
          if (refs.keys.length > 0) {
            for (const m of await db.selectFrom('media_keys').select('media_id').where('key', 'in', refs.keys).execute()) ids.add(m.media_id);
          }
          if (ids.size > 0) await db.insertInto('article_media').values([...ids].map((media_id) => ({ article_id: row.id, media_id }))).execute();
        }
        after = (rows[rows.length - 1] as { id: number }).id;
      }
    },
  };
}
