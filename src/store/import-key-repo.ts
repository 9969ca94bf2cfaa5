import type { Kysely } from 'kysely';
import type { Db } from './database.js';
import type { Tx } from './executor.js';
import type { Database } from './schema.js';

/**
 * What each import took from another system, by the key it has there.
 * A key is recorded in the transaction that writes its row, so the row
 * and the key exist together or not at all: after a kill -9 the next run
 * sees exactly what committed.
 */
export class ImportKeyRepo {
  constructor(private readonly db: Db) {}

  async find(source: string, key: string, executor: Kysely<Database> = this.db.kysely): Promise<number | undefined> {
    const row = await executor.selectFrom('import_keys').select('target_id').where('source', '=', source).where('key', '=', key).executeTakeFirst();
    return row?.target_id;
  }

  /** Every key of one kind from a source, with its row: what a second pass over a file needs in memory. */
  async all(source: string, kind: string): Promise<Map<string, number>> {
    const rows = await this.db.kysely.selectFrom('import_keys').select(['key', 'target_id']).where('source', '=', source).where('kind', '=', kind).execute();
    return new Map(rows.map((r) => [r.key, r.target_id]));
  }

  async record(executor: Kysely<Database>, entry: { source: string; key: string; kind: string; targetId: number }, now = new Date()): Promise<void> {
    await executor
      .insertInto('import_keys')
      .values({ source: entry.source, key: entry.key, kind: entry.kind, target_id: entry.targetId, created_at: now.getTime() })
      .onConflict((oc) => oc.columns(['source', 'key']).doNothing())
      .execute();
  }

  /** Many keys in a few multi-row statements; a key already recorded stays as it is. */
  async recordMany(tx: Tx, entries: ReadonlyArray<{ source: string; key: string; kind: string; targetId: number }>, now = new Date()): Promise<void> {
    const rows = entries.map((e) => ({ source: e.source, key: e.key, kind: e.kind, target_id: e.targetId, created_at: now.getTime() }));
    // Several hundred rows a statement, well under either database's parameter limit.
    for (let i = 0; i < rows.length; i += 300) {
      await tx.insertInto('import_keys').values(rows.slice(i, i + 300)).onConflict((oc) => oc.columns(['source', 'key']).doNothing()).execute();
    }
  }
}
