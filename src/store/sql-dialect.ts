import { type Expression, type InsertQueryBuilder, type InsertResult, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
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
  /**
   * True where `column` starts with `prefix`, case counting, in a way the
   * column's index serves: SQLite's LIKE ignores case and so cannot use the
   * index (a scan), its GLOB can; PostgreSQL's LIKE is case-sensitive already.
   */
  startsWith(column: string, prefix: string): Expression<SqlBool>;
  /** The `n`th (from 1) parameter's placeholder in SQL text written by hand: `$n` on PostgreSQL, `?` on SQLite. */
  placeholder(n: number): string;
  /** `YYYY-MM` in UTC of an epoch-millisecond column. */
  monthOf(column: string): RawBuilder<string>;
  /**
   * Runs an insert of one row into a table with an `id` key and gives the
   * new id, or undefined when the insert did nothing (`on conflict do
   * nothing`). SQLite reports the id without `returning`, which there costs
   * a temporary table per statement (about four times the CPU of a small
   * insert, measured with better-sqlite3 12); PostgreSQL needs `returning`.
   */
  insertedId<DB, TB extends keyof DB>(query: InsertQueryBuilder<DB, TB, InsertResult>): Promise<number | undefined>;
  /**
   * Wakes the other nodes listening on `channel` when the executor's
   * transaction commits (PostgreSQL's NOTIFY; at once outside one). SQLite
   * has no other nodes to wake: nothing is sent.
   */
  notify(executor: Kysely<Database>, channel: string, payload: string): Promise<void>;
  /**
   * Whether a row's id tells when it committed: SQLite has one writer, so
   * ids commit in order; PostgreSQL hands out ids before commit, so a
   * lower id can commit after a higher one is seen (a gap that fills later).
   */
  readonly idsCommitInOrder: boolean;
  /**
   * Whether a batch of small inserts is worth gathering into one statement:
   * a statement costs PostgreSQL a round trip and far more than its row;
   * on SQLite one insert a row costs next to nothing.
   */
  readonly gathersInserts: boolean;
  /**
   * SQLite: a number that moves whenever another connection (another
   * process) commits to the file, read without touching any table. Null on
   * PostgreSQL, whose nodes hear of commits by NOTIFY.
   */
  dataVersion(executor: Kysely<Database>): Promise<number | null>;
  /**
   * PostgreSQL: the current snapshot's oldest running and next transaction
   * ids, so a reader knows when every transaction that might still commit an
   * older id has ended. Null on SQLite, where writes commit one at a time in id order.
   */
  snapshot(executor: Kysely<Database>): Promise<{ xmin: bigint; xmax: bigint } | null>;
}

const escapeLike = (word: string) => word.replace(/[\\%_]/g, (c) => `\\${c}`);

/** GLOB's wildcards (`*`, `?`, `[`) taken literally by putting each in a class of its own. */
const escapeGlob = (text: string) => text.replace(/[*?[]/g, (c) => `[${c}]`);

const sqlite: SqlDialect = {
  name: 'sqlite',
  lockForUpdate: (query) => query,
  lockSkippingLocked: (query) => query,
  tryTransactionLock: async () => true,
  // SQLite's LIKE folds only ASCII, so both sides go through the Unicode lower-casing function, and its escape is named.
  containsIgnoringCase: (column, word) => sql<SqlBool>`${sql.raw(UNICODE_LOWER)}(${sql.ref(column)}) like ${`%${escapeLike(word).toLowerCase()}%`} escape '\\'`,
  startsWith: (column, prefix) => sql<SqlBool>`${sql.ref(column)} glob ${`${escapeGlob(prefix)}*`}`,
  placeholder: () => '?',
  monthOf: (column) => sql<string>`strftime('%Y-%m', ${sql.ref(column)} / 1000, 'unixepoch')`,
  async insertedId(query) {
    const result = await query.executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n && result.insertId !== undefined ? Number(result.insertId) : undefined;
  },
  notify: async () => {},
  idsCommitInOrder: true,
  gathersInserts: false,
  async dataVersion(executor) {
    const { rows } = await sql<{ data_version: number }>`pragma data_version`.execute(executor);
    return Number(rows[0]?.data_version ?? 0);
  },
  snapshot: async () => null,
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
  startsWith: (column, prefix) => sql<SqlBool>`${sql.ref(column)} like ${`${escapeLike(prefix)}%`}`,
  placeholder: (n) => `$${n}`,
  monthOf: (column) => sql<string>`to_char(to_timestamp(${sql.ref(column)} / 1000.0) at time zone 'UTC', 'YYYY-MM')`,
  async insertedId(query) {
    // `id` is every caller's key; the builder cannot know that for any table it is given.
    const row = (await (query as InsertQueryBuilder<any, any, InsertResult>).returning('id').executeTakeFirst()) as { id: number } | undefined;
    return row?.id;
  },
  async notify(executor, channel, payload) {
    await sql`select pg_notify(${channel}, ${payload})`.execute(executor);
  },
  idsCommitInOrder: false,
  gathersInserts: true,
  dataVersion: async () => null,
  async snapshot(executor) {
    const { rows } = await sql<{ xmin: string; xmax: string }>`
      select pg_snapshot_xmin(pg_current_snapshot())::text as xmin, pg_snapshot_xmax(pg_current_snapshot())::text as xmax
    `.execute(executor);
    return { xmin: BigInt(rows[0]!.xmin), xmax: BigInt(rows[0]!.xmax) };
  },
};

export function sqlDialect(name: Dialect): SqlDialect {
  return name === 'postgres' ? postgres : sqlite;
}
