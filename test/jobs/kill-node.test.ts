import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../src/jobs/index.js';
import { DIALECTS } from '../support/test-site.js';
import { completionCounts, type JobTestDb, jobTestDb, quietLog, waitUntil } from './support/job-store.js';

const NODE_SCRIPT = fileURLToPath(new URL('./support/job-node.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LEASE_MS = 1500;
const JOBS = 40;

for (const dialect of DIALECTS) {
  describe(`a node killed with jobs in hand (${dialect})`, () => {
    let db: JobTestDb;
    let child: ChildProcess | undefined;
    let survivor: JobRunner | undefined;

    beforeAll(async () => {
      db = await jobTestDb(dialect);
    });
    afterAll(async () => {
      child?.kill('SIGKILL');
      await survivor?.stop();
      await db?.close();
    });

    it('another node finishes its claimed jobs once its lease runs out, and none completes twice', { timeout: 60_000 }, async () => {
      const { store } = db;
      const ids: number[] = [];
      for (let i = 0; i < JOBS; i++) ids.push((await store.jobs.enqueue(store.db.kysely, { kind: 'test.slow', payload: { ms: 300 } }))!);

      child = spawn(process.execPath, ['--import', 'tsx', NODE_SCRIPT], {
        cwd: ROOT,
        env: { ...process.env, ...db.env, NODE_ID: 'doomed', LEASE_MS: String(LEASE_MS) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      // Kill it once it has finished a few jobs and holds others mid-run.
      const heldByChild = async () =>
        (await store.db.kysely.selectFrom('jobs').select('id').where('state', '=', 'running').where('locked_by', '=', 'doomed').execute()).map((r) => r.id);
      await waitUntil(async () => ((await completionCounts(store)).size >= 5 && (await heldByChild()).length > 0) || child!.exitCode !== null, 30_000, 'the child to run jobs');
      expect(stderr).toBe('');
      child.kill('SIGKILL');
      await new Promise((resolve) => child!.once('exit', resolve));
      const held = await heldByChild();
      const doneByChild = (await completionCounts(store)).size;
      expect(held.length).toBeGreaterThan(0);

      const killedAt = Date.now();
      survivor = new JobRunner(store, { nodeId: 'survivor', pollMs: 50, log: quietLog });
      survivor.register<{ ms: number }>('test.slow', {
        concurrency: 5,
        async run({ ms }, ctx) {
          await new Promise((resolve) => setTimeout(resolve, ms));
          await ctx.complete(async (trx) => {
            await trx.insertInto('test_completions' as any).values({ job_id: ctx.jobId, node: 'survivor' }).execute();
          });
        },
      });
      await survivor.start();
      await waitUntil(async () => (await store.jobs.counts()).done === JOBS, 30_000, 'every job done');
      const takenOverAfter = Date.now() - killedAt;

      const counts = await completionCounts(store);
      expect(ids.map((id) => counts.get(id))).toEqual(ids.map(() => 1));
      const jobs = await store.jobs.list({ kind: 'test.slow', limit: 100 });
      for (const job of jobs.filter((j) => held.includes(j.id))) expect(job).toMatchObject({ state: 'done', attempts: 2 });
      const { rows } = await sql<{ job_id: number; node: string }>`select job_id, node from test_completions`.execute(store.db.kysely);
      for (const id of held) expect(rows.find((r) => Number(r.job_id) === id)?.node).toBe('survivor');
      console.log(`${dialect}: killed a node holding ${held.length} job(s) after it finished ${doneByChild}; the survivor finished all ${JOBS} ${takenOverAfter} ms later, each once`);
    });
  });
}
