import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Who changed a picture's caption, credit, source or alt text, when, and
 * from what to what: one row per changed field. Those words appear on
 * published pages, so every change to them is accountable.
 */
export function mediaEdits(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('media_edits')
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('field', 'text', (c) => c.notNull())
        .addColumn('before', 'text', (c) => c.notNull())
        .addColumn('after', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('media_edits_media').on('media_edits').columns(['media_id', 'at']).execute();
    },
  };
}
