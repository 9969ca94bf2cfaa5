import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { DatelineError } from '../domain/errors.js';
import type { Dialect } from './dialect.js';
import type { Database } from './schema.js';
import { type SqlDialect, sqlDialect, UNICODE_LOWER } from './sql-dialect.js';
import { SqliteReadThread } from './sqlite-reads.js';

// int8 columns (our epoch-millisecond times) come back from pg as strings by
// default; they fit a JS number for the next 285,000 years.
pg.types.setTypeParser(20, (value: string) => Number(value));

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** How this database spells what the two say differently (row locks, case-folding matches …). */
  sql: SqlDialect;
  /** Where the data lives, for log lines: a file path or a URL without its password. */
  location: string;
  /**
   * PostgreSQL only: a dedicated connection that LISTENs on `channel` (a pool
   * connection cannot: it goes back to the pool). Resolves to a stop function.
   */
  listen?: (channel: string, onMessage: (payload: string) => void, onLost: (error: Error) => void) => Promise<() => Promise<void>>;
  /** SQLite only: a read-only connection on a thread of its own, for reads too heavy for the event loop. */
  readThread?: SqliteReadThread;
  close(): Promise<void>;
}

export { UNICODE_LOWER };

/** application_name of a node's LISTEN connection. */
export const LISTENER_NAME = 'dateline-changes';

export interface OpenOptions {
  /** A postgres:// URL; when absent, SQLite in dataDir. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Connections in the pg pool. */
  poolSize?: number;
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/** Opens the configured database and proves it answers. */
export async function openDatabase(options: OpenOptions): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openSqlite(path.join(options.dataDir, 'dateline.sqlite'));
}

function openSqlite(file: string): Db {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
  } catch (cause) {
    throw new DatelineError('DATA_DIR_UNWRITABLE', `Cannot create the data directory ${path.dirname(file)}.`, {
      hint: 'Set DATA_DIR to a folder this user can write, or fix its permissions.',
      cause,
    });
  }
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file);
    // WAL lets readers run while the single writer commits; NORMAL sync is
    // durable across process crashes, which is what a one-machine site needs.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('cache_size = -16000');
    // SQLite's lower() and LIKE fold only ASCII; this folds every letter, as PostgreSQL's ILIKE does
    // in a UTF-8 database, so the newsroom's "Élection" filter finds "élection" on both.
    sqlite.function(UNICODE_LOWER, { deterministic: true }, (text: unknown) => (typeof text === 'string' ? text.toLowerCase() : text));
  } catch (cause) {
    throw new DatelineError('DATA_DIR_UNWRITABLE', `Cannot open the SQLite database ${file}: ${(cause as Error).message}.`, {
      hint: 'Set DATA_DIR to a folder this user can write, or fix its permissions.',
      cause,
    });
  }
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const readThread = new SqliteReadThread(file, UNICODE_LOWER);
  return {
    kysely,
    dialect: 'sqlite',
    sql: sqlDialect('sqlite'),
    location: file,
    readThread,
    async close() {
      await readThread.close();
      await kysely.destroy();
    },
  };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; preparing costs about as much as running
 * a small insert, so the same SQL text reuses its prepared statement. Safe
 * because Kysely runs one query at a time on the single SQLite connection.
 */
function withStatementCache(sqlite: BetterSqlite3.Database) {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string): BetterSqlite3.Statement {
      let statement = statements.get(text);
      if (!statement) {
        statement = sqlite.prepare(text);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value as string);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  // An idle connection the server closed (restart, failover, a dropped test database) must not
  // crash the node: the pool replaces it on the next query.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (cause) {
    await pool.end().catch(() => {});
    throw new DatelineError('DATABASE_UNREACHABLE', `Cannot reach PostgreSQL at ${redactUrl(url)}: ${(cause as Error).message}.`, {
      hint: 'Check that the server runs and DATABASE_URL names the right host, port, user and database.',
      cause,
    });
  }
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kysely,
    dialect: 'postgres',
    sql: sqlDialect('postgres'),
    location: redactUrl(url),
    async listen(channel, onMessage, onLost) {
      // Named, so an operator (or a test) can find it in pg_stat_activity.
      const client = new pg.Client({ connectionString: url, application_name: LISTENER_NAME, connectionTimeoutMillis: 5000 });
      let stopped = false;
      let lost = false;
      const loseOnce = (error: Error) => {
        if (stopped || lost) return;
        lost = true;
        client.end().catch(() => {});
        onLost(error);
      };
      // A dropped listening connection must not crash the node: the caller reopens it and catches up.
      client.on('error', loseOnce);
      client.on('end', () => loseOnce(new Error('the connection ended')));
      client.on('notification', (message) => {
        if (message.channel === channel) onMessage(message.payload ?? '');
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${channel}`);
      } catch (error) {
        stopped = true;
        await client.end().catch(() => {});
        throw error;
      }
      return async () => {
        stopped = true;
        await client.end().catch(() => {});
      };
    },
    close: () => kysely.destroy(),
  };
}
