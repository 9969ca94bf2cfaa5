import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobError, JobRunner } from '../../src/jobs/index.js';
import type { Store } from '../../src/store/index.js';
import { DIALECTS } from '../support/test-site.js';
import { completionCounts, type JobTestDb, jobTestDb, quietLog, sleep, waitUntil } from './support/job-store.js';

for (const dialect of DIALECTS) {
  describe(`the job queue on ${dialect}`, () => {
    let db: JobTestDb;
    let store: Store;
    const runners: JobRunner[] = [];
    const runner = (s: Store, options: Partial<ConstructorParameters<typeof JobRunner>[1]> = {}) => {
      const r = new JobRunner(s, { log: quietLog, pollMs: 50, ...options });
      runners.push(r);
      return r;
    };

    beforeAll(async () => {
      db = await jobTestDb(dialect);
      store = db.store;
    });
    afterAll(async () => {
      await Promise.all(runners.map((r) => r.stop()));
      await db?.close();
    });

    it('adds a job with the change that commits, and none with the change that rolls back', async () => {
      await expect(
        store.db.kysely.transaction().execute(async (trx) => {
          await store.jobs.enqueue(trx, { kind: 'test.rollback', payload: { n: 1 } });
          throw new Error('the change fails');
        }),
      ).rejects.toThrow('the change fails');
      expect(await store.jobs.list({ kind: 'test.rollback', limit: 10 })).toEqual([]);

      const id = await store.db.kysely.transaction().execute((trx) => store.jobs.enqueue(trx, { kind: 'test.rollback', payload: { n: 2 } }));
      const [job] = await store.jobs.list({ kind: 'test.rollback', limit: 10 });
      expect(job).toMatchObject({ id, state: 'waiting', payload: { n: 2 }, attempts: 0 });
    });

    it('keeps one waiting job per kind and key; replace moves it; a claimed one does not count', async () => {
      const first = await store.jobs.enqueue(store.db.kysely, { kind: 'test.key', payload: 1, key: 'story-7' });
      expect(first).toBeTypeOf('number');
      expect(await store.jobs.enqueue(store.db.kysely, { kind: 'test.key', payload: 2, key: 'story-7' })).toBeNull();
      expect(await store.jobs.enqueue(store.db.kysely, { kind: 'test.key', payload: 3, key: 'story-8' })).not.toBeNull();
      const later = new Date(Date.now() + 3_600_000);
      expect(await store.jobs.enqueue(store.db.kysely, { kind: 'test.key', payload: 4, key: 'story-7', runAt: later, replace: true })).toBe(first);
      expect(await store.jobs.byId(first!)).toMatchObject({ payload: 4, runAt: later, state: 'waiting' });

      const [claimed] = await store.jobs.claim('test.key', 5, { nodeId: 'n', now: new Date(), leaseMs: 1000 });
      expect(claimed?.payloadJson).toBe('3'); // only story-8 is due
      await store.jobs.enqueue(store.db.kysely, { kind: 'test.key', payload: 5, key: 'story-8' });
      expect((await store.jobs.list({ kind: 'test.key', state: 'waiting', limit: 10 })).map((j) => j.payload).sort()).toEqual([4, 5]);
    });

    it('retries with backoff, then fails keeping the last error', async () => {
      const times: number[] = [];
      const r = runner(store).register('test.flaky', {
        maxAttempts: 3,
        backoff: (attempt) => attempt * 100,
        async run(_payload, ctx) {
          times.push(Date.now());
          throw new Error(`attempt ${ctx.attempt} broke`);
        },
      });
      await r.start();
      const id = (await store.jobs.enqueue(store.db.kysely, { kind: 'test.flaky', payload: null }))!;
      await waitUntil(async () => (await store.jobs.byId(id))?.state === 'failed', 10_000, 'the job to fail');
      expect(await store.jobs.byId(id)).toMatchObject({ state: 'failed', attempts: 3, lastError: 'attempt 3 broke', lockedBy: null });
      expect(times).toHaveLength(3);
      expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(100);
      expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(200);
    });

    it('fails at once on a permanent error, and runs again when retried by hand', async () => {
      let runs = 0;
      const r = runner(store).register('test.permanent', {
        async run(_payload, ctx) {
          runs++;
          if (ctx.attempt === 1 && runs === 1) throw new JobError('the picture is not an image', { permanent: true });
        },
      });
      await r.start();
      const id = (await store.jobs.enqueue(store.db.kysely, { kind: 'test.permanent', payload: null }))!;
      await waitUntil(async () => (await store.jobs.byId(id))?.state === 'failed');
      expect(await store.jobs.byId(id)).toMatchObject({ attempts: 1, lastError: 'the picture is not an image' });
      expect(await store.jobs.retry(id, new Date())).toEqual({ ok: true });
      await waitUntil(async () => (await store.jobs.byId(id))?.state === 'done');
      expect(runs).toBe(2);
      expect(await store.jobs.retry(id, new Date())).toEqual({ ok: false, reason: 'state', state: 'done' });
    });

    it('takes over a job whose node stopped answering once its lease runs out, and the old claim cannot finish it', async () => {
      const id = (await store.jobs.enqueue(store.db.kysely, { kind: 'test.lease', payload: null }))!;
      // A node claims it and then dies: no heartbeat ever extends its 300 ms lease.
      const [dead] = await store.jobs.claim('test.lease', 1, { nodeId: 'dead-node', now: new Date(), leaseMs: 300 });
      expect(dead?.id).toBe(id);
      const r = runner(store, { nodeId: 'live-node' }).register('test.lease', {
        async run(_payload, ctx) {
          await ctx.complete(async (trx) => {
            await trx.insertInto('test_completions' as any).values({ job_id: ctx.jobId, node: 'live-node' }).execute();
          });
        },
      });
      await r.start();
      await waitUntil(async () => (await store.jobs.byId(id))?.state === 'done', 5000, 'the live node to finish it');
      expect(await store.jobs.byId(id)).toMatchObject({ attempts: 2, lastError: null });
      expect(await store.jobs.complete(store.db.kysely, dead!, new Date())).toBe(false);
      expect((await completionCounts(store)).get(id)).toBe(1);
    });

    it('keeps a running job while its heartbeat extends the lease', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      // Leases long enough that a busy machine's event-loop stalls cannot outlast one between heartbeats.
      const a = runner(store, { nodeId: 'slow-a' }).register('test.heartbeat', { leaseMs: 1000, run: () => gate });
      await a.start();
      const id = (await store.jobs.enqueue(store.db.kysely, { kind: 'test.heartbeat', payload: null }))!;
      await waitUntil(async () => (await store.jobs.byId(id))?.state === 'running');
      const other = dialect === 'postgres' ? await db.openNode() : store;
      let stolen = 0;
      const b = runner(other, { nodeId: 'slow-b' }).register('test.heartbeat', {
        leaseMs: 1000,
        async run() {
          stolen++;
        },
      });
      await b.start();
      await sleep(3000); // three leases
      expect(stolen).toBe(0);
      expect(await store.jobs.byId(id)).toMatchObject({ state: 'running', lockedBy: 'slow-a', attempts: 1 });
      release();
      await waitUntil(async () => (await store.jobs.byId(id))?.state === 'done');
    });

    it('aborts a running handler that is cancelled, and the job stays cancelled', async () => {
      let aborted = false;
      const r = runner(store).register('test.cancel', {
        leaseMs: 150,
        run: (_payload, ctx) =>
          new Promise<void>((_resolve, reject) => {
            ctx.signal.addEventListener('abort', () => {
              aborted = true;
              reject(ctx.signal.reason);
            });
          }),
      });
      await r.start();
      const id = (await store.jobs.enqueue(store.db.kysely, { kind: 'test.cancel', payload: null }))!;
      await waitUntil(async () => (await store.jobs.byId(id))?.state === 'running');
      expect(await store.jobs.cancel(id, new Date())).toBe('running');
      await waitUntil(() => aborted, 3000, 'the handler to be aborted');
      await sleep(100);
      expect(await store.jobs.byId(id)).toMatchObject({ state: 'cancelled', lastError: 'cancelled by hand' });
      expect(await store.jobs.cancel(id, new Date())).toBe('cancelled');
    });

    it('runs a job enqueued in this process at once, without waiting for the next poll', async () => {
      let ranAt = 0;
      const r = runner(store, { pollMs: 60_000 }).register('test.wake', {
        async run() {
          ranAt = Date.now();
        },
      });
      await r.start();
      await sleep(100); // the first poll is over; the next is a minute away
      const enqueuedAt = Date.now();
      await store.db.kysely.transaction().execute((trx) => store.jobs.enqueue(trx, { kind: 'test.wake', payload: null }));
      await waitUntil(() => ranAt > 0, 2000, 'the local wake');
      expect(ranAt - enqueuedAt).toBeLessThan(1000);
    });

    // Another node hears of new work by NOTIFY at commit; SQLite has no other node in the process.
    const onPostgres = dialect === 'postgres' ? it : undefined;
    onPostgres?.('wakes another node at commit through NOTIFY', async () => {
      const other = await db.openNode();
      let ranAt = 0;
      const r = runner(other, { pollMs: 60_000 }).register('test.notify', {
        async run() {
          ranAt = Date.now();
        },
      });
      await r.start();
      await sleep(100);
      const committedAt = Date.now();
      await store.db.kysely.transaction().execute((trx) => store.jobs.enqueue(trx, { kind: 'test.notify', payload: null }));
      await waitUntil(() => ranAt > 0, 3000, 'the NOTIFY');
      expect(ranAt - committedAt).toBeLessThan(1000);
    });

    onPostgres?.('listens again after its LISTEN connection is dropped', async () => {
      const other = await db.openNode();
      let runs = 0;
      const r = runner(other, { pollMs: 60_000 }).register('test.relisten', {
        async run() {
          runs++;
        },
      });
      await r.start();
      const dropped = await sql<{ pid: number }>`
        select pg_terminate_backend(pid) as pid from pg_stat_activity
        where datname = current_database() and query = ${'LISTEN dateline_jobs'}
      `.execute(store.db.kysely);
      expect(dropped.rows.length).toBeGreaterThan(0);
      await sleep(1500); // the first retry comes after a second
      const committedAt = Date.now();
      await store.jobs.enqueue(store.db.kysely, { kind: 'test.relisten', payload: null });
      await waitUntil(() => runs > 0, 3000, 'a NOTIFY on the new connection');
      expect(Date.now() - committedAt).toBeLessThan(1500);
    });

    it('gives up on an attempt past its timeout, even one that ignores its signal, and frees its slot', async () => {
      const ran: number[] = [];
      const r = runner(store).register<{ hang: boolean }>('test.timeout', {
        concurrency: 1,
        timeoutMs: 200,
        backoff: () => 60_000,
        async run({ hang }, ctx) {
          ran.push(ctx.jobId);
          if (hang) {
            await new Promise(() => {}); // never settles, never looks at ctx.signal
          }
        },
      });
      await r.start();
      const stuck = (await store.jobs.enqueue(store.db.kysely, { kind: 'test.timeout', payload: { hang: true } }))!;
      const next = (await store.jobs.enqueue(store.db.kysely, { kind: 'test.timeout', payload: { hang: false } }))!;
      await waitUntil(async () => (await store.jobs.byId(next))?.state === 'done', 3000, 'the next job to get the slot');
      expect(await store.jobs.byId(stuck)).toMatchObject({ state: 'waiting', attempts: 1, lastError: 'timed out after 200 ms' });
      expect(ran).toEqual([stuck, next]);
      await store.jobs.cancel(stuck, new Date());
    });

    it('runs a periodic kind again and again on one row', async () => {
      let runs = 0;
      const r = runner(store).register('test.every', {
        every: 100,
        async run() {
          runs++;
          if (runs === 2) throw new Error('one bad run');
        },
      });
      await r.start();
      await waitUntil(() => runs >= 4, 5000, 'four runs');
      await r.stop();
      const rows = await store.jobs.list({ kind: 'test.every', limit: 10 });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ state: 'waiting', key: 'periodic' });
    });

    it('gives a job back without spending an attempt when it is stopped past its grace', async () => {
      const r = runner(store, { stopGraceMs: 100 }).register('test.stop', {
        run: (_payload, ctx) => new Promise<void>((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason))),
      });
      await r.start();
      const id = (await store.jobs.enqueue(store.db.kysely, { kind: 'test.stop', payload: null }))!;
      await waitUntil(async () => (await store.jobs.byId(id))?.state === 'running');
      await r.stop();
      expect(await store.jobs.byId(id)).toMatchObject({ state: 'waiting', attempts: 0, lastError: 'interrupted: its node stopped' });
      await store.jobs.cancel(id, new Date());
    });

    // Two runners on two pools (PostgreSQL); on SQLite on the one connection, since two connections in one
    // process wait for each other's write lock with the event loop blocked (the kill test uses two processes).
    it('completes each of 200 jobs exactly once with two runners', { timeout: 60_000 }, async () => {
      const other = dialect === 'postgres' ? await db.openNode() : store;
      const active = { a: 0, b: 0 };
      let most = 0;
      const handler = (node: 'a' | 'b') => ({
        concurrency: 8,
        async run(_payload: unknown, ctx: { jobId: number; complete: (work: (trx: any) => Promise<void>) => Promise<void> }) {
          most = Math.max(most, ++active[node]);
          try {
            await ctx.complete(async (trx) => {
              await trx.insertInto('test_completions').values({ job_id: ctx.jobId, node }).execute();
            });
          } finally {
            active[node]--;
          }
        },
      });
      const a = runner(store, { nodeId: 'a' }).register('test.many', handler('a'));
      const b = runner(other, { nodeId: 'b' }).register('test.many', handler('b'));
      const ids: number[] = [];
      await store.db.kysely.transaction().execute(async (trx) => {
        for (let i = 0; i < 200; i++) ids.push((await store.jobs.enqueue(trx, { kind: 'test.many', payload: { i } }))!);
      });
      const started = performance.now();
      await Promise.all([a.start(), b.start()]);
      await waitUntil(async () => (await store.jobs.list({ kind: 'test.many', state: 'done', limit: 500 })).length === 200, 50_000, '200 done');
      const seconds = (performance.now() - started) / 1000;
      const counts = await completionCounts(store);
      expect(ids.every((id) => counts.get(id) === 1)).toBe(true);
      expect(most).toBeLessThanOrEqual(8); // a runner never claims past its concurrency
      const { rows } = await sql<{ node: string; n: number }>`select node, count(*) as n from test_completions where job_id >= ${ids[0]} group by node`.execute(store.db.kysely);
      console.log(`${dialect}: 200 jobs on two runners in ${seconds.toFixed(2)} s (${Math.round(200 / seconds)} jobs/s); by node ${rows.map((r) => `${r.node}=${r.n}`).join(' ')}`);
    });
  });
}
