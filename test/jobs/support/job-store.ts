import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { JobLog } from '../../../src/jobs/index.js';
import { createStore, type Dialect, migrate, openDatabase, type Store } from '../../../src/store/index.js';
import { createPostgresDatabase } from '../../support/test-site.js';

/** A migrated, empty database of one dialect, and how to open more stores (nodes) on it. */
export interface JobTestDb {
  store: Store;
  /** What another process needs to open the same database. */
  env: Record<string, string>;
  /** Another store on the same database: its own pool (PostgreSQL) or its own SQLite connection. */
  openNode(): Promise<Store>;
  close(): Promise<void>;
}

export async function jobTestDb(dialect: Dialect): Promise<JobTestDb> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dateline-jobs-'));
  const pg = dialect === 'postgres' ? await createPostgresDatabase() : undefined;
  const open = async () => createStore(await openDatabase({ databaseUrl: pg?.url, dataDir }));
  const store = await open();
  await migrate(store.db);
  // Handlers in these tests record each completion here, in the completing transaction.
  await store.db.kysely.schema
    .createTable('test_completions')
    .addColumn('job_id', 'integer', (c) => c.notNull())
    .addColumn('node', 'text', (c) => c.notNull())
    .execute();
  const nodes: Store[] = [];
  return {
    store,
    env: { DATA_DIR: dataDir, ...(pg && { DATABASE_URL: pg.url }) },
    async openNode() {
      const node = await open();
      nodes.push(node);
      return node;
    },
    async close() {
      for (const node of nodes) await node.db.close();
      await store.db.close();
      await pg?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Completions recorded per job id. */
export async function completionCounts(store: Store): Promise<Map<number, number>> {
  const { rows } = await sql<{ job_id: number; n: number }>`select job_id, count(*) as n from test_completions group by job_id`.execute(store.db.kysely);
  return new Map(rows.map((r) => [Number(r.job_id), Number(r.n)]));
}

export const quietLog: JobLog = { info() {}, warn() {}, error() {} };

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it is true or `timeoutMs` passes. */
export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}
