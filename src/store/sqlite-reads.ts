import { Worker } from 'node:worker_threads';
import type { CompiledQuery } from 'kysely';
import type { ReadReply, ReadRequest } from './sqlite-read-thread.js';

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
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (error: Error) => void }>();

  constructor(
    private readonly file: string,
    private readonly lowerName: string,
  ) {}

  all<R>(query: CompiledQuery): Promise<R[]> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<R[]>((resolve, reject) => {
      // Held while a query is out, so a process waiting only on a search does not exit under it.
      if (this.pending.size === 0) worker.ref();
      this.pending.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
      const request: ReadRequest = { id, sql: query.sql, parameters: query.parameters };
      worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
    this.failAll(new Error('The database was closed.'));
  }

  private start(): Worker {
    // Compiled (dist-server) the thread is the .js file beside this one. Under tsx or Vitest it is the
    // .ts source, which a worker cannot load by itself: a two-line bootstrap registers tsx first.
    const source = import.meta.url.endsWith('.ts');
    const thread = new URL(source ? './sqlite-read-thread.ts' : './sqlite-read-thread.js', import.meta.url);
    const options = { workerData: { file: this.file, lowerName: this.lowerName } };
    const worker = source
      ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(thread.href)}); });`, { ...options, eval: true })
      : new Worker(thread, options);
    // An idle read thread must not keep a CLI command from exiting (see all()).
    worker.unref();
    worker.on('message', (reply: ReadReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if ('error' in reply) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply.rows);
    });
    worker.on('error', (error) => {
      // A thread that died takes its queries with it; the next read starts a new one.
      if (this.worker === worker) this.worker = undefined;
      this.failAll(error);
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new Error('The SQLite read thread stopped.'));
    });
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
