import type { ArticleEvent } from '../../domain/article-event.js';
import { JOB_KINDS, type JobHandler, type JobRunner } from '../../jobs/index.js';
import type { Store } from '../../store/index.js';
import { applyWorkflow } from './apply-workflow.js';

/**
 * Any constant, as long as nothing else in the database uses it: the key of
 * the PostgreSQL advisory lock that lets one node at a time publish.
 */
export const SCHEDULER_LOCK_KEY = 7_305_118;

export interface SchedulerRun {
  /** Stories published by this run. */
  published: number[];
  /** Another node held the lock, so this one did nothing. */
  skipped: boolean;
}

/**
 * Publishes every scheduled story whose time has come, once. On PostgreSQL
 * the whole run is one transaction holding `pg_try_advisory_xact_lock`: a
 * node that cannot get it skips this tick, and the lock goes with the
 * transaction, so a node that dies mid-run frees it. The status check in
 * the same transaction is a second guard: a story already published is not
 * due any more. On SQLite there is one node and one writer.
 */
export async function publishDueStories(store: Store, now: Date): Promise<SchedulerRun> {
  // Most ticks find nothing: ask with a plain read (the partial index) before taking a lock or a transaction.
  if (!(await store.schedule.anyDue(now))) return { published: [], skipped: false };
  await store.sections.byId();
  const result = await store.transaction(async (trx) => {
    // Locked: an `article.publish` job may be publishing one of these; this waits for it, then skips what it published.
    const due = await store.schedule.claimDue(trx, now, SCHEDULER_LOCK_KEY);
    if (!due) return { published: [], events: [], skipped: true };
    const events: ArticleEvent[] = [];
    for (const story of due) {
      // The story goes out dated the time it was set for, not the tick that noticed it.
      const publishedAt = new Date(story.publishedAt ?? story.scheduledAt ?? now.getTime());
      const event = await applyWorkflow(store, trx, story.id, { status: 'published', publishedAt, scheduledAt: null }, now);
      if (event) events.push(event);
    }
    return { published: due.map((s) => s.id), events, skipped: false };
  });
  store.articleWriter.announce(result.events);
  return { published: result.published, skipped: result.skipped };
}

/** An `article.publish` job's payload. */
export interface PublishPayload {
  articleId: number;
}

/**
 * `article.publish`: publishes one scheduled story at its time. The job is
 * enqueued (key = story id, moved on reschedule) when a story is scheduled;
 * the handler checks again, under a row lock, that the story is still
 * scheduled and due, so an unscheduled story is left alone and a story moved
 * later gets a job for its new time instead. Publishing and the job's
 * completion commit together.
 */
export function publishJobHandler(store: Store, clock: () => Date): JobHandler<PublishPayload> {
  return {
    concurrency: 2,
    async run({ articleId }, ctx) {
      const now = clock();
      const story = await store.schedule.scheduleOf(articleId);
      if (story?.status !== 'scheduled' || story.scheduledAt === null) return;
      if (story.scheduledAt > now.getTime()) {
        const runAt = new Date(story.scheduledAt);
        await store.jobs.add({ kind: JOB_KINDS.articlePublish, payload: { articleId }, runAt, key: String(articleId), replace: true }, now);
        return;
      }
      // The sections cache is filled outside the transaction (on SQLite nothing else may run inside it).
      await store.sections.byId();
      const event = await ctx.complete(async (trx) => {
        const due = await store.schedule.claimOneDue(trx, articleId, now);
        if (!due) return null;
        // The story goes out dated the time it was set for, not the moment the job ran.
        const publishedAt = new Date(due.publishedAt ?? due.scheduledAt ?? now.getTime());
        return applyWorkflow(store, trx, articleId, { status: 'published', publishedAt, scheduledAt: null }, now);
      });
      if (event) store.articleWriter.announce([event]);
    },
  };
}

export interface SchedulerOptions {
  /** How often the sweep looks for due stories (0: this node runs no sweep). */
  intervalMs: number;
  clock: () => Date;
}

/**
 * Scheduled publishing on the job queue: `article.publish` for each story at
 * its time, and `article.publish-due`, a periodic sweep that publishes any
 * scheduled story that is due however it was scheduled (a wire embargo, a
 * database edit, a job lost to a bug), so none is ever missed.
 */
export function registerSchedulerJobs(runner: JobRunner, store: Store, options: SchedulerOptions): void {
  runner.register(JOB_KINDS.articlePublish, publishJobHandler(store, options.clock));
  if (options.intervalMs > 0) {
    runner.register(JOB_KINDS.articlePublishDue, {
      every: options.intervalMs,
      concurrency: 1,
      async run() {
        await publishDueStories(store, options.clock());
      },
    });
  }
}
