import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * `wire_picture_fetches.media_id`: the picture a fetch made. An agency's
 * update can then tell whether a story's lead picture is still the one the
 * agency sent (and refresh its caption and credit with the new version) or
 * one an editor chose instead (which an update never touches). Null for
 * fetches made before this, which updates leave alone.
 */
export function wirePictureMedia(_dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('wire_picture_fetches').addColumn('media_id', 'integer').execute();
      await db.schema.createIndex('wire_picture_fetches_article_idx').on('wire_picture_fetches').columns(['article_id', 'media_id']).execute();
    },
  };
}
