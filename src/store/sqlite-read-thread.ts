/**
 * The body of a SQLite read thread (see sqlite-reads.ts): opens the database
 * file read-only and answers compiled queries one at a time. Imports nothing
 * of ours so it loads the same way compiled and under tsx.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

export interface ReadRequest {
  id: number;
  sql: string;
  parameters: readonly unknown[];
}

export type ReadReply = { id: number; rows: unknown[] } | { id: number; error: string };

const { file, lowerName } = workerData as { file: string; lowerName: string };
const sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
sqlite.pragma('busy_timeout = 5000');
sqlite.pragma('cache_size = -16000');
// The same folding function the main connection has, for queries that call it.
sqlite.function(lowerName, { deterministic: true }, (text: unknown) => (typeof text === 'string' ? text.toLowerCase() : text));

const statements = new Map<string, BetterSqlite3.Statement>();

parentPort?.on('message', (request: ReadRequest) => {
  let reply: ReadReply;
  try {
    let statement = statements.get(request.sql);
    if (!statement) {
      statement = sqlite.prepare(request.sql);
      if (statements.size >= 100) statements.delete(statements.keys().next().value as string);
      statements.set(request.sql, statement);
    }
    reply = { id: request.id, rows: statement.all(...request.parameters) };
  } catch (error) {
    reply = { id: request.id, error: (error as Error).message };
  }
  parentPort?.postMessage(reply);
});
