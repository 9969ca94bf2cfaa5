import { randomUUID } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Job, JobState } from '../domain/job.js';
import type { Db } from './database.js';
import { cancelJob, countJobs, jobById, listJobs, retryJob } from './job-queries.js';
import type { Database } from './schema.js';

/** The database, or a transaction the caller holds: a job enqueued in it commits (or rolls back) with the change. */
export type JobExecutor = Kysely<Database> | Transaction<Database>;

/** PostgreSQL channel a commit that adds due work NOTIFYs, so other nodes' runners wake at once. */
export const JOBS_CHANNEL = 'dateline_jobs';

export interface EnqueueInput {
  kind: string;
  /** Anything JSON can carry; the handler receives it parsed. */
  payload: unknown;
  /** When it is due (default: now). */
  runAt?: Date;
  /**
   * De-duplicates: while a job of the same kind and key is still waiting
   * (not yet claimed), no second one is added and enqueue returns null.
   * A job already running does not count, so work that arrives while it
   * runs gets a job of its own.
   */
  key?: string;
  /** Attempts before the job is `failed` (default: the handler's own, else 5). */
  maxAttempts?: number;
  /** With `key`: move the waiting job to this runAt and payload instead of keeping it; returns its id. */
  replace?: boolean;
}

/** A job this runner holds, with the claim token its completion must show. */
export interface ClaimedJob {
  id: number;
  kind: string;
  payloadJson: string;
  /** This attempt's number, from 1. */
  attempt: number;
  maxAttempts: number | null;
  key: string | null;
  token: string;
}

export interface ClaimOptions {
  nodeId: string;
  now: Date;
  leaseMs: number;
}

export type RetryOutcome = { ok: true } | { ok: false; reason: 'not-found' } | { ok: false; reason: 'state'; state: JobState } | { ok: false; reason: 'duplicate'; waitingId: number };

const WAITING = sql<boolean>`state = 'waiting'`;
const RUNNING = sql<boolean>`state = 'running'`;
/** The predicate of the unique index `jobs_waiting_key`, spelled the same so both databases infer it. */
const WAITING_WITH_KEY = sql<boolean>`state = 'waiting' and dedupe_key is not null`;

/**
 * The SQL of the job queue. Claims take a lease (`locked_until`) and a new
 * claim token; every later change of a running job is conditional on that
 * token, so a runner whose lease expired and was taken over cannot finish
 * or reschedule the job: exactly one completion across nodes.
 */
export class JobRepo {
  private readonly listeners = new Set<(kind: string) => void>();

  constructor(private readonly db: Db) {}

  /**
   * Adds a job in `executor` (the database, or the caller's transaction).
   * Returns its id; null when `key` matched a waiting job (without `replace`).
   *
   * @example await store.jobs.enqueue(trx, { kind: 'article.publish', payload: { articleId: 7 }, runAt, key: '7', replace: true })
   */
  async enqueue(executor: JobExecutor, input: EnqueueInput, now = new Date()): Promise<number | null> {
    if (!input.kind) throw new Error('a job needs a kind');
    const runAt = (input.runAt ?? now).getTime();
    const payload = JSON.stringify(input.payload ?? null);
    const values = {
      kind: input.kind,
      payload,
      state: 'waiting' as const,
      dedupe_key: input.key ?? null,
      attempts: 0,
      max_attempts: input.maxAttempts ?? null,
      run_at: runAt,
      created_at: now.getTime(),
    };
    let id: number | null;
    if (input.key === undefined) {
      id = (await executor.insertInto('jobs').values(values).returning('id').executeTakeFirstOrThrow()).id;
    } else {
      const row = await executor
        .insertInto('jobs')
        .values(values)
        .onConflict((oc) => {
          const target = oc.columns(['kind', 'dedupe_key']).where(WAITING_WITH_KEY);
          return input.replace ? target.doUpdateSet({ run_at: runAt, payload, max_attempts: values.max_attempts }) : target.doNothing();
        })
        .returning('id')
        .executeTakeFirst();
      id = row?.id ?? null;
    }
    // Inside a transaction the NOTIFY goes out at commit, and not at all on rollback.
    if (id !== null && runAt <= now.getTime() + 1000) await this.db.sql.notify(executor, JOBS_CHANNEL, input.kind);
    if (id !== null) for (const listener of this.listeners) listener(input.kind);
    return id;
  }

  /**
   * Adds a job on its own, committed at once: for work that follows no
   * change of the caller's (a retry's next try, a periodic pass). A job that
   * must exist exactly when a change does is enqueued in the change's
   * transaction instead. Returns the id, or null as enqueue does.
   */
  add(input: EnqueueInput, now = new Date()): Promise<number | null> {
    return this.enqueue(this.db.kysely, input, now);
  }

  /** Hears this process's enqueues (a runner wakes on them); returns the unsubscribe. */
  onEnqueue(listener: (kind: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Which of `kinds` have a waiting job that is due: one indexed look per kind, in one round trip. */
  async dueKinds(kinds: readonly string[], now: Date): Promise<string[]> {
    if (kinds.length === 0) return [];
    const k = this.db.kysely;
    const arm = (kind: string) =>
      k
        .selectFrom((eb) =>
          eb.selectFrom('jobs').select('kind').where(WAITING).where('kind', '=', kind).where('run_at', '<=', now.getTime()).limit(1).as('due'),
        )
        .select('due.kind');
    let query = arm(kinds[0]!);
    for (const kind of kinds.slice(1)) query = query.unionAll(arm(kind));
    return (await query.execute()).map((r) => r.kind);
  }

  /**
   * Claims up to `limit` due jobs of `kind`, oldest first. PostgreSQL skips
   * rows another node is claiming (`FOR UPDATE SKIP LOCKED`); on SQLite the
   * one statement is its own short write transaction.
   */
  async claim(kind: string, limit: number, options: ClaimOptions): Promise<ClaimedJob[]> {
    const at = options.now.getTime();
    const token = randomUUID();
    const k = this.db.kysely;
    // A materialized CTE: inside `id in (select … limit n)` PostgreSQL may run the subquery again for
    // each row it updates, claiming far more than n.
    const rows = await k
      .with(
        (cte) => cte('due').materialized(),
        (db) =>
          this.db.sql.lockSkippingLocked(
            db.selectFrom('jobs').select('id').where(WAITING).where('kind', '=', kind).where('run_at', '<=', at).orderBy('run_at').orderBy('id').limit(limit),
          ),
      )
      .updateTable('jobs')
      .set((eb) => ({
        state: 'running',
        attempts: eb('attempts', '+', 1),
        locked_by: options.nodeId,
        locked_until: at + options.leaseMs,
        claim_token: token,
        started_at: at,
      }))
      .where('id', 'in', (eb) => eb.selectFrom('due').select('due.id'))
      .where(WAITING)
      .returning(['id', 'kind', 'payload', 'attempts', 'max_attempts', 'dedupe_key', 'run_at'])
      .execute();
    return rows
      .sort((a, b) => a.run_at - b.run_at || a.id - b.id)
      .map((r) => ({ id: r.id, kind: r.kind, payloadJson: r.payload, attempt: r.attempts, maxAttempts: r.max_attempts, key: r.dedupe_key, token }));
  }

  /** Extends the lease of jobs this claim still holds; returns their ids (a missing one was cancelled or taken over). */
  async heartbeat(jobs: ReadonlyArray<{ id: number; token: string }>, until: Date): Promise<Set<number>> {
    if (jobs.length === 0) return new Set();
    const held = new Set<number>();
    for (const [token, ids] of groupByToken(jobs)) {
      const rows = await this.db.kysely
        .updateTable('jobs')
        .set({ locked_until: until.getTime() })
        .where('id', 'in', ids)
        .where('claim_token', '=', token)
        .where(RUNNING)
        .returning('id')
        .execute();
      for (const r of rows) held.add(r.id);
    }
    return held;
  }

  /** Marks a job done if this claim still holds it. */
  async complete(executor: JobExecutor, job: { id: number; token: string }, now: Date): Promise<boolean> {
    const result = await executor
      .updateTable('jobs')
      .set({ state: 'done', finished_at: now.getTime(), locked_by: null, locked_until: null, claim_token: null, last_error: null })
      .where('id', '=', job.id)
      .where('claim_token', '=', job.token)
      .where(RUNNING)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** As complete, on its own: for a job whose work wrote nothing that must commit with its completion. */
  completeAlone(job: { id: number; token: string }, now: Date): Promise<boolean> {
    return this.complete(this.db.kysely, job, now);
  }

  /** Ends a job as `failed` with its last error, if this claim still holds it. */
  async fail(job: { id: number; token: string }, error: string, now: Date): Promise<boolean> {
    const result = await this.db.kysely
      .updateTable('jobs')
      .set({ state: 'failed', last_error: error, finished_at: now.getTime(), locked_by: null, locked_until: null, claim_token: null })
      .where('id', '=', job.id)
      .where('claim_token', '=', job.token)
      .where(RUNNING)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Puts a held job back to waiting, due at `runAt` (a retry, a periodic
   * job's next run, or a job given back at shutdown). When another job of
   * the same kind and key is already waiting, that one will do the work:
   * this one ends `cancelled` as superseded. `attempts` is set when given
   * (a periodic job starts afresh; a job given back does not spend one).
   */
  async requeue(
    job: { id: number; token: string; kind: string; key: string | null },
    next: { runAt: Date; error: string | null; attempts?: number },
    now: Date,
  ): Promise<boolean> {
    return this.db.kysely.transaction().execute(async (trx) => {
      const sibling =
        job.key === null
          ? undefined
          : await trx.selectFrom('jobs').select('id').where(WAITING).where('kind', '=', job.kind).where('dedupe_key', '=', job.key).executeTakeFirst();
      const held = trx.updateTable('jobs').where('id', '=', job.id).where('claim_token', '=', job.token).where(RUNNING);
      const result = sibling
        ? await held
            .set({
              state: 'cancelled',
              last_error: `${next.error ? `${next.error}; ` : ''}superseded by waiting job ${sibling.id}`,
              finished_at: now.getTime(),
              locked_by: null,
              locked_until: null,
              claim_token: null,
            })
            .executeTakeFirst()
        : await held
            .set({
              state: 'waiting',
              run_at: next.runAt.getTime(),
              last_error: next.error,
              locked_by: null,
              locked_until: null,
              claim_token: null,
              ...(next.attempts !== undefined && { attempts: next.attempts }),
            })
            .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    });
  }

  /** Whether any running job's lease has run out (a cheap indexed read before recovering). */
  async anyExpired(now: Date): Promise<boolean> {
    const row = await this.db.kysely.selectFrom('jobs').select('id').where(RUNNING).where('locked_until', '<', now.getTime()).limit(1).executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Gives jobs whose lease ran out (their node died or hung) back to the
   * queue, due now; the attempt they were on counts. One whose kind and key
   * already has a waiting job is cancelled as superseded instead.
   */
  async recoverExpired(now: Date): Promise<number> {
    const at = now.getTime();
    return this.db.kysely.transaction().execute(async (trx) => {
      const sibling = (eb: any) =>
        eb.exists(
          eb
            .selectFrom('jobs as w')
            .select('w.id')
            .whereRef('w.kind', '=', 'jobs.kind')
            .whereRef('w.dedupe_key', '=', 'jobs.dedupe_key')
            .where(sql<boolean>`w.state = 'waiting'`),
        );
      const expired = trx.updateTable('jobs').where(RUNNING).where('locked_until', '<', at);
      const superseded = await expired
        .set({ state: 'cancelled', last_error: 'lease expired; superseded by a waiting job of the same key', finished_at: at, locked_by: null, locked_until: null, claim_token: null })
        .where('dedupe_key', 'is not', null)
        .where((eb) => sibling(eb))
        .executeTakeFirst();
      const back = await expired
        .set({
          state: 'waiting',
          run_at: at,
          last_error: sql`'lease expired: ' || coalesce(locked_by, 'its node') || ' stopped answering'`,
          locked_by: null,
          locked_until: null,
          claim_token: null,
        })
        .executeTakeFirst();
      return Number(superseded.numUpdatedRows) + Number(back.numUpdatedRows);
    });
  }

  async byId(id: number): Promise<Job | undefined> {
    return jobById(this.db, id);
  }

  /** Jobs newest first, optionally of one state and kind. */
  list(options: { state?: JobState | undefined; kind?: string | undefined; limit: number }): Promise<Job[]> {
    return listJobs(this.db, options);
  }

  /** How many jobs are in each state. */
  counts(): Promise<Record<JobState, number>> {
    return countJobs(this.db);
  }

  /** Sends a failed or cancelled job back to the queue, due now, with a fresh count of attempts. */
  retry(id: number, now: Date): Promise<RetryOutcome> {
    return retryJob(this.db, id, now);
  }

  /** Retries every failed job (of one kind); returns the ids sent back and those skipped because one of their key waits. */
  async retryFailed(options: { kind?: string | undefined }, now: Date): Promise<{ retried: number[]; skipped: number[] }> {
    const failed = await listJobs(this.db, { state: 'failed', kind: options.kind, limit: 100_000 });
    const retried: number[] = [];
    const skipped: number[] = [];
    for (const { id } of failed.reverse()) {
      if ((await retryJob(this.db, id, now)).ok) retried.push(id);
      else skipped.push(id);
    }
    return { retried, skipped };
  }

  /**
   * Cancels a waiting or running job. A running one's handler learns it at
   * its next heartbeat (its signal aborts) and cannot complete it. Returns
   * the state it was in, or undefined when there is no such job.
   */
  cancel(id: number, now: Date): Promise<JobState | undefined> {
    return cancelJob(this.db, id, now);
  }

  /** Deletes finished jobs older than their keep time; returns how many went. */
  async prune(now: Date, keep: { doneMs: number; failedMs: number }): Promise<number> {
    const at = now.getTime();
    const done = await this.db.kysely.deleteFrom('jobs').where('state', '=', 'done').where('finished_at', '<', at - keep.doneMs).executeTakeFirst();
    const ended = await this.db.kysely
      .deleteFrom('jobs')
      .where('state', 'in', ['failed', 'cancelled'])
      .where('finished_at', '<', at - keep.failedMs)
      .executeTakeFirst();
    return Number(done.numDeletedRows) + Number(ended.numDeletedRows);
  }
}

function groupByToken(jobs: ReadonlyArray<{ id: number; token: string }>): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const job of jobs) groups.set(job.token, [...(groups.get(job.token) ?? []), job.id]);
  return groups;
}
