import type { InsertQueryBuilder, InsertResult } from 'kysely';
import type { Dialect } from './dialect.js';

/**
 * Runs an insert of one row into a table with an `id` key and gives the new
 * id, or undefined when the insert did nothing (`on conflict do nothing`).
 * SQLite reports the id without `returning`, which there costs a temporary
 * table per statement (about four times the CPU of a small insert, measured
 * with better-sqlite3 12); PostgreSQL needs `returning`.
 */
export async function insertedId<DB, TB extends keyof DB>(dialect: Dialect, query: InsertQueryBuilder<DB, TB, InsertResult>): Promise<number | undefined> {
  if (dialect === 'sqlite') {
    const result = await query.executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n && result.insertId !== undefined ? Number(result.insertId) : undefined;
  }
  // `id` is every caller's key; the builder cannot know that for any table it is given.
  const row = (await (query as InsertQueryBuilder<any, any, InsertResult>).returning('id').executeTakeFirst()) as { id: number } | undefined;
  return row?.id;
}
