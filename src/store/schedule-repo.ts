import type { Db } from './database.js';
import type { Executor, Tx } from './executor.js';

/** A scheduled story whose time has come, as the scheduler publishes it. */
export interface DueStory {
  id: number;
  /** A time the story already carries (an embargoed wire story's), else null. */
  publishedAt: number | null;
  scheduledAt: number | null;
}

/** Stories a sweep publishes at most in one transaction. */
const DUE_PER_RUN = 100;

/**
 * When scheduled stories go out: the queries of the scheduler and the
 * `article.publish` job. Claims lock the rows they return, so a sweep and a
 * job publishing the same story wait for each other and the second finds it
 * no longer due.
 */
export class ScheduleRepo {
  constructor(private readonly db: Db) {}

  /** Whether any story is due: one read of the partial index, so an idle tick costs no lock and no transaction. */
  async anyDue(now: Date): Promise<boolean> {
    const row = await this.db.kysely
      .selectFrom('articles')
      .select('id')
      .where('status', '=', 'scheduled')
      .where('scheduled_at', '<=', now.getTime())
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * The due stories, oldest time first, locked until `tx` ends; null when
   * another node's run holds `runLockKey` (this one then skips its tick).
   */
  async claimDue(tx: Tx, now: Date, runLockKey: number): Promise<DueStory[] | null> {
    if (!(await this.db.sql.tryTransactionLock(tx, runLockKey))) return null;
    const rows = await this.db.sql
      .lockForUpdate(
        tx
          .selectFrom('articles')
          .select(['id', 'published_at', 'scheduled_at'])
          .where('status', '=', 'scheduled')
          .where('scheduled_at', '<=', now.getTime())
          .orderBy('scheduled_at')
          .orderBy('id')
          .limit(DUE_PER_RUN),
      )
      .execute();
    return rows.map((r) => ({ id: r.id, publishedAt: r.published_at, scheduledAt: r.scheduled_at }));
  }

  /** The story if it is still scheduled and due, locked until `tx` ends. */
  async claimOneDue(tx: Tx, id: number, now: Date): Promise<DueStory | undefined> {
    const row = await this.db.sql
      .lockForUpdate(
        tx
          .selectFrom('articles')
          .select(['id', 'published_at', 'scheduled_at'])
          .where('id', '=', id)
          .where('status', '=', 'scheduled')
          .where('scheduled_at', '<=', now.getTime()),
      )
      .executeTakeFirst();
    return row && { id: row.id, publishedAt: row.published_at, scheduledAt: row.scheduled_at };
  }

  /** A story's status and the time it is scheduled for (null when it is not). */
  async scheduleOf(id: number): Promise<{ status: string; scheduledAt: number | null } | undefined> {
    const row = await this.db.kysely.selectFrom('articles').select(['status', 'scheduled_at']).where('id', '=', id).executeTakeFirst();
    return row && { status: row.status, scheduledAt: row.scheduled_at };
  }

  /**
   * Sets (or, with null, clears) when a story goes out; `from`, the status
   * it had before, is what Unschedule returns it to (left as it is when
   * not given).
   */
  async set(executor: Executor, id: number, at: Date | null, from?: string | null): Promise<void> {
    await executor
      .updateTable('articles')
      .set({ scheduled_at: at?.getTime() ?? null, ...(from !== undefined && { scheduled_from: from }) })
      .where('id', '=', id)
      .execute();
  }
}
