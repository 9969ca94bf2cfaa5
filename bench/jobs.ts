/**
 * The job queue's throughput on a fresh SQLite file and a fresh PostgreSQL
 * database: jobs enqueued per second (one transaction, and one at a time),
 * then jobs run to completion per second by one runner and by two (two
 * pools on PostgreSQL; one connection on SQLite, see decision 0007) with a
 * handler that does nothing but complete. Prints a table.
 *
 *   npx tsx bench/jobs.ts [--jobs 3000] [--postgres URL | --no-postgres]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { JobRunner } from '../src/jobs/index.js';
import { createStore, type Dialect, migrate, openDatabase, type Store } from '../src/store/index.js';

const { values } = parseArgs({ options: { jobs: { type: 'string' }, postgres: { type: 'string' }, 'no-postgres': { type: 'boolean' } } });
const N = Number(values.jobs ?? 3000);
const adminUrl = values['no-postgres'] ? undefined : (values.postgres ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const silent = { info() {}, warn() {}, error() {} };

async function drain(stores: Store[], kind: string): Promise<number> {
  const runners = stores.map((store, i) => new JobRunner(store, { log: silent, nodeId: `bench-${i}` }).register(kind, { concurrency: 16, run: async () => {} }));
  const started = performance.now();
  await Promise.all(runners.map((r) => r.start()));
  while ((await stores[0]!.jobs.counts()).done < N) await new Promise((r) => setTimeout(r, 20));
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(runners.map((r) => r.stop()));
  return N / seconds;
}

async function measure(dialect: Dialect, databaseUrl: string | undefined, dataDir: string): Promise<string[]> {
  const open = async () => createStore(await openDatabase({ databaseUrl, dataDir }));
  const store = await open();
  await migrate(store.db);
  let t = performance.now();
  await store.db.kysely.transaction().execute(async (trx) => {
    for (let i = 0; i < N; i++) await store.jobs.enqueue(trx, { kind: 'bench.one', payload: { i } });
  });
  const batched = N / ((performance.now() - t) / 1000);
  const one = await drain([store], 'bench.one');
  t = performance.now();
  for (let i = 0; i < N; i++) await store.jobs.enqueue(store.db.kysely, { kind: 'bench.two', payload: { i } });
  const single = N / ((performance.now() - t) / 1000);
  await store.db.kysely.deleteFrom('jobs').where('kind', '=', 'bench.one').execute();
  const other = dialect === 'postgres' ? await open() : store;
  const two = await drain([store, other], 'bench.two');
  if (other !== store) await other.db.close();
  await store.db.close();
  return [dialect, String(N), batched.toFixed(0), single.toFixed(0), one.toFixed(0), two.toFixed(0)];
}

const rows: string[][] = [];
const dir = mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-jobs-'));
try {
  rows.push(await measure('sqlite', undefined, dir));
  if (adminUrl) {
    const name = `dateline_bench_jobs_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    try {
      rows.push(await measure('postgres', url.toString(), dir));
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const header = ['database', 'jobs', 'enqueue/s (one transaction)', 'enqueue/s (each its own)', 'run/s (one runner)', 'run/s (two runners)'];
console.log(`| ${header.join(' | ')} |\n|${header.map(() => ' --- ').join('|')}|`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
