/**
 * The body of a SQLite read thread (see sqlite-reads.ts): opens the database
 * file read-only and answers compiled queries one at a time.
 */
import { workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { serveThread } from '../threads/serve-thread.js';

export interface ReadRequest {
  sql: string;
  parameters: readonly unknown[];
}

const { file, lowerName } = workerData as { file: string; lowerName: string };
const sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
sqlite.pragma('busy_timeout = 5000');
sqlite.pragma('cache_size = -16000');
// The same folding function the main connection has, for queries that call it.
sqlite.function(lowerName, { deterministic: true }, (text: unknown) => (typeof text === 'string' ? text.toLowerCase() : text));

const statements = new Map<string, BetterSqlite3.Statement>();

serveThread((request: ReadRequest) => {
  let statement = statements.get(request.sql);
  if (!statement) {
    statement = sqlite.prepare(request.sql);
    if (statements.size >= 100) statements.delete(statements.keys().next().value as string);
    statements.set(request.sql, statement);
  }
  return statement.all(...request.parameters);
}, () => sqlite.close());
