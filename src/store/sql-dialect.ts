import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Dialect } from './dialect.js';
import type { Database } from './schema.js';

/** SQLite: a function lower-casing every script (registered in database.ts, openSqlite). */
export const UNICODE_LOWER = 'dateline_lower';

/** A select whose rows can be locked; kept structural so any Kysely select builder fits. */
interface Lockable<Q> {
  forUpdate(): Q;
  skipLocked(): Q;
}

/**
 * Where SQLite and PostgreSQL say the same thing differently. Repositories
 * ask this object instead of branching on the dialect's name, so the
 * differences sit in one place and features never see them.
 */
export interface SqlDialect {
  readonly name: Dialect;
  /**
   * Holds the selected rows until the transaction ends (PostgreSQL's FOR
   * UPDATE), so a concurrent writer waits. SQLite has one writer, whose
   * transaction already excludes every other: the query is left as it is.
   */
  lockForUpdate<Q extends Lockable<Q>>(query: Q): Q;
  /**
   * Like lockForUpdate, but rows another transaction holds are passed over
   * (FOR UPDATE SKIP LOCKED): two nodes claiming work take different rows.
   */
  lockSkippingLocked<Q extends Lockable<Q>>(query: Q): Q;
  /**
   * Takes a lock that ends with the transaction, without waiting: false when
   * another transaction holds `key` (PostgreSQL's pg_try_advisory_xact_lock).
   * Always true on SQLite, where the open write transaction is the lock.
   */
  tryTransactionLock(trx: Kysely<Database>, key: number): Promise<boolean>;
  /** True where `column` contains `word`, ignoring case in every script (PostgreSQL's ILIKE; a Unicode lower() on SQLite). */
  containsIgnoringCase(column: string, word: string): Expression<SqlBool>;
}

const escapeLike = (word: string) => word.replace(/[\\%_]/g, (c) => `\\${c}`);

const sqlite: SqlDialect = {
  name: 'sqlite',
  lockForUpdate: (query) => query,
  lockSkippingLocked: (query) => query,
  tryTransactionLock: async () => true,
  // SQLite's LIKE folds only ASCII, so both sides go through the Unicode lower-casing function, and its escape is named.
  containsIgnoringCase: (column, word) => sql<SqlBool>`${sql.raw(UNICODE_LOWER)}(${sql.ref(column)}) like ${`%${escapeLike(word).toLowerCase()}%`} escape '\\'`,
};

const postgres: SqlDialect = {
  name: 'postgres',
  lockForUpdate: (query) => query.forUpdate(),
  lockSkippingLocked: (query) => query.forUpdate().skipLocked(),
  async tryTransactionLock(trx, key) {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${key}) as locked`.execute(trx);
    return rows[0]?.locked === true;
  },
  // ILIKE folds every letter in a UTF-8 database and escapes with a backslash by default.
  containsIgnoringCase: (column, word) => sql<SqlBool>`${sql.ref(column)} ilike ${`%${escapeLike(word)}%`}`,
};

export function sqlDialect(name: Dialect): SqlDialect {
  return name === 'postgres' ? postgres : sqlite;
}
