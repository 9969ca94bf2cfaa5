import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/**
 * A transaction a feature holds open across several repository calls, so
 * they commit together. Features pass it back to the store and never query
 * it themselves: SQL lives in src/store.
 */
export type Tx = Transaction<Database>;

/** Where a repository method runs: the database, or a transaction the caller holds. */
export type Executor = Kysely<Database>;
