import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * The wire desk's own records:
 * - `wire_source_rules`: each source's rules (publish hold/auto, default
 *   section, …) set in the newsroom, read on every ingest so a change holds
 *   at once on every node; `*` is the rules for sources not named. The
 *   WIRE_RULES file still works for what the newsroom has not set.
 * - `wire_items.desk_note`: why an item waits in the wire queue when the
 *   rules alone do not say (an agency update to a story an editor took off
 *   the site).
 * - `wire_items.agency`: the agency's name as the desk knows it ("Pacific
 *   Wire Service"), shown in the wire queue instead of a file path.
 * - `wire_quarantine.raw_sha256`: the bytes' hash, so looking for the same
 *   bytes already quarantined reads no stored blobs.
 */
export function wireDesk(_dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('wire_source_rules')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('rules_json', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .execute();
      await db.schema.alterTable('wire_items').addColumn('desk_note', 'text').execute();
      await db.schema.alterTable('wire_items').addColumn('agency', 'text').execute();
      await db.schema.alterTable('wire_quarantine').addColumn('raw_sha256', 'text').execute();
      // Entries kept before this migration get their hash once, a page at a time.
      let after = 0;
      for (;;) {
        const rows = await db.selectFrom('wire_quarantine').select(['id', 'raw']).where('id', '>', after).orderBy('id').limit(200).execute();
        if (rows.length === 0) break;
        for (const row of rows) {
          const hash = createHash('sha256').update(row.raw as Uint8Array).digest('hex');
          await db.updateTable('wire_quarantine').set({ raw_sha256: hash }).where('id', '=', row.id).execute();
        }
        after = rows[rows.length - 1]?.id ?? after;
      }
      await db.schema.createIndex('wire_quarantine_open_hash').on('wire_quarantine').columns(['file_name', 'raw_sha256']).execute();
    },
  };
}
