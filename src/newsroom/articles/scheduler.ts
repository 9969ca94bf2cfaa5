import { sql } from 'kysely';
import type { ArticleEvent } from '../../domain/article-event.js';
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
  const anyDue = await store.db.kysely
    .selectFrom('articles')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('scheduled_at', '<=', now.getTime())
    .limit(1)
    .executeTakeFirst();
  if (!anyDue) return { published: [], skipped: false };
  await store.sections.byId();
  const result = await store.db.kysely.transaction().execute(async (trx) => {
    if (store.db.dialect === 'postgres') {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${SCHEDULER_LOCK_KEY}) as locked`.execute(trx);
      if (!rows[0]?.locked) return { published: [], events: [], skipped: true };
    }
    const due = await trx
      .selectFrom('articles')
      .select(['id', 'published_at', 'scheduled_at'])
      .where('status', '=', 'scheduled')
      .where('scheduled_at', '<=', now.getTime())
      .orderBy('scheduled_at')
      .orderBy('id')
      .limit(100)
      .execute();
    const events: ArticleEvent[] = [];
    for (const story of due) {
      // The story goes out dated the time it was set for, not the tick that noticed it.
      const publishedAt = new Date(story.published_at ?? story.scheduled_at ?? now.getTime());
      const event = await applyWorkflow(store, trx, story.id, { status: 'published', publishedAt, scheduledAt: null }, now);
      if (event) events.push(event);
    }
    return { published: due.map((s) => s.id), events, skipped: false };
  });
  store.articleWriter.announce(result.events);
  return { published: result.published, skipped: result.skipped };
}

export interface SchedulerOptions {
  /** How often to look for due stories. */
  intervalMs: number;
  clock: () => Date;
  onError: (error: unknown) => void;
  onPublished?: (ids: number[]) => void;
}

/**
 * Runs publishDueStories every `intervalMs` until stopped. Ticks never
 * overlap; stop waits for a running tick, so the database can close after.
 */
export function startScheduler(store: Store, options: SchedulerOptions): () => Promise<void> {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = publishDueStories(store, options.clock())
      .then((run) => {
        if (run.published.length > 0) options.onPublished?.(run.published);
      })
      .catch(options.onError)
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  tick();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
