import type { Selectable } from 'kysely';
import type { Job, JobState } from '../domain/job.js';
import type { Db } from './database.js';
import type { RetryOutcome } from './job-repo.js';
import type { JobTable } from './job-tables.js';

/** What operators do with jobs (`dateline jobs`): look them up, list, count, retry and cancel. JobRepo exposes these. */

export async function jobById(db: Db, id: number): Promise<Job | undefined> {
  const row = await db.kysely.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toJob(row) : undefined;
}

export async function listJobs(db: Db, options: { state?: JobState | undefined; kind?: string | undefined; limit: number }): Promise<Job[]> {
  const rows = await db.kysely
    .selectFrom('jobs')
    .selectAll()
    .$if(options.state !== undefined, (qb) => qb.where('state', '=', options.state!))
    .$if(options.kind !== undefined, (qb) => qb.where('kind', '=', options.kind!))
    .orderBy('id', 'desc')
    .limit(options.limit)
    .execute();
  return rows.map(toJob);
}

export async function countJobs(db: Db): Promise<Record<JobState, number>> {
  const rows = await db.kysely
    .selectFrom('jobs')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('state')
    .execute();
  const counts: Record<JobState, number> = { waiting: 0, running: 0, done: 0, failed: 0, cancelled: 0 };
  for (const r of rows) counts[r.state] = Number(r.n);
  return counts;
}

/** A failed or cancelled job back to waiting, unless a waiting job of its kind and key would do the same work. */
export async function retryJob(db: Db, id: number, now: Date): Promise<RetryOutcome> {
  return db.kysely.transaction().execute(async (trx) => {
    const job = await trx.selectFrom('jobs').select(['state', 'kind', 'dedupe_key']).where('id', '=', id).executeTakeFirst();
    if (!job) return { ok: false, reason: 'not-found' } as const;
    if (job.state !== 'failed' && job.state !== 'cancelled') return { ok: false, reason: 'state', state: job.state } as const;
    if (job.dedupe_key !== null) {
      const waiting = await trx
        .selectFrom('jobs')
        .select('id')
        .where('state', '=', 'waiting')
        .where('kind', '=', job.kind)
        .where('dedupe_key', '=', job.dedupe_key)
        .executeTakeFirst();
      if (waiting) return { ok: false, reason: 'duplicate', waitingId: waiting.id } as const;
    }
    await trx
      .updateTable('jobs')
      .set({ state: 'waiting', run_at: now.getTime(), attempts: 0, finished_at: null })
      .where('id', '=', id)
      .where('state', 'in', ['failed', 'cancelled'])
      .execute();
    return { ok: true } as const;
  });
}

export async function cancelJob(db: Db, id: number, now: Date): Promise<JobState | undefined> {
  return db.kysely.transaction().execute(async (trx) => {
    const job = await trx.selectFrom('jobs').select('state').where('id', '=', id).executeTakeFirst();
    if (!job) return undefined;
    if (job.state === 'waiting' || job.state === 'running') {
      await trx
        .updateTable('jobs')
        .set({ state: 'cancelled', finished_at: now.getTime(), last_error: 'cancelled by hand', locked_by: null, locked_until: null, claim_token: null })
        .where('id', '=', id)
        .where('state', '=', job.state)
        .execute();
    }
    return job.state;
  });
}

export function toJob(row: Selectable<JobTable>): Job {
  let payload: unknown;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    payload = row.payload;
  }
  return {
    id: row.id,
    kind: row.kind,
    payload,
    state: row.state,
    key: row.dedupe_key,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAt: new Date(row.run_at),
    lockedBy: row.locked_by,
    lockedUntil: row.locked_until === null ? null : new Date(row.locked_until),
    lastError: row.last_error,
    createdAt: new Date(row.created_at),
    startedAt: row.started_at === null ? null : new Date(row.started_at),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
  };
}
