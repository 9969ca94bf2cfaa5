import type { CompiledQuery } from 'kysely';
import { ThreadClient } from '../threads/index.js';
import type { ReadRequest } from './sqlite-read-thread.js';

/**
 * Runs heavy SQLite reads (search) on a thread of their own.
 *
 * better-sqlite3 runs every query on the calling thread, so on one machine a
 * flood of searches would take the event loop from every cached page. WAL
 * lets a second, read-only connection read while the main one writes; on
 * this thread a search costs the loop only the message it posts and the
 * rows it gets back. PostgreSQL needs none of this: its queries wait on the
 * pool, not the loop. Started on the first read, so a node that is never
 * searched never pays for the thread.
 */
export class SqliteReadThread {
  private readonly client: ThreadClient<ReadRequest, unknown[]>;

  constructor(file: string, lowerName: string) {
    this.client = new ThreadClient(new URL('./sqlite-read-thread', import.meta.url), 'SQLite read thread', { file, lowerName });
  }

  all<R>(query: CompiledQuery): Promise<R[]> {
    return this.client.run({ sql: query.sql, parameters: query.parameters }) as Promise<R[]>;
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
