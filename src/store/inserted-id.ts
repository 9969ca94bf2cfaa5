import type { InsertQueryBuilder, InsertResult } from 'kysely';
import type { Dialect } from './dialect.js';
import { sqlDialect } from './sql-dialect.js';

/** Runs an insert of one row into a table with an `id` key and gives the new id (see SqlDialect.insertedId). */
export function insertedId<DB, TB extends keyof DB>(dialect: Dialect, query: InsertQueryBuilder<DB, TB, InsertResult>): Promise<number | undefined> {
  return sqlDialect(dialect).insertedId(query);
}
