import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Media without a shared folder. `media_objects` holds picture bytes in the
 * database (MEDIA_STORE=database), keyed by `<sha256>.<ext>` so the same bytes
 * are stored once and a key never changes meaning; every node that reaches
 * the database serves every picture. `media.original_key` names the uploaded
 * original in whichever media store holds it, so renditions (AVIF, later new
 * sizes) can be made again on any node.
 */
export function mediaStore(dialect: Dialect) {
  const bytes = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('media_objects')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('bytes', bytes, (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.alterTable('media').addColumn('original_key', 'text').execute();
    },
  };
}
