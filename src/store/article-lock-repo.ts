import { sql } from 'kysely';
import type { Db } from './database.js';
import type { Executor } from './executor.js';

/** Who holds a story open, since when, and until when (epoch ms). */
export interface ArticleLock {
  holder: { id: number; name: string };
  since: number;
  expiresAt: number;
}

export type TakeOutcome = { ok: true; lock: ArticleLock } | { ok: false; lock: ArticleLock };

function toLock(row: { user_id: number; user_name: string; since: number; expires_at: number }): ArticleLock {
  return { holder: { id: row.user_id, name: row.user_name }, since: Number(row.since), expiresAt: Number(row.expires_at) };
}

/**
 * Who has a story open in the editor. One row per story; a lock past its
 * expiry counts as free. Taking is one conditional upsert, so two people
 * opening a story at the same moment cannot both get it.
 */
export class ArticleLockRepo {
  constructor(private readonly db: Db) {}

  /** The live lock on a story, if any. */
  async current(articleId: number, now: Date, exec: Executor = this.db.kysely): Promise<ArticleLock | null> {
    const row = await exec
      .selectFrom('article_locks')
      .selectAll()
      .where('article_id', '=', articleId)
      .where('expires_at', '>', now.getTime())
      .executeTakeFirst();
    return row ? toLock(row) : null;
  }

  /**
   * Takes a free (or lapsed) lock or refreshes one's own, to last `ttlMs`;
   * with `force`, takes it from whoever holds it (an editor's take-over).
   */
  async take(articleId: number, holder: { id: number; name: string }, now: Date, ttlMs: number, force = false): Promise<TakeOutcome> {
    const t = now.getTime();
    const expires = t + ttlMs;
    const row = await this.db.kysely
      .insertInto('article_locks')
      .values({ article_id: articleId, user_id: holder.id, user_name: holder.name, since: t, expires_at: expires })
      .onConflict((oc) => {
        const update = oc.column('article_id').doUpdateSet({
          // A refresh keeps the time the holder opened it; a new holder starts now.
          since: sql<number>`case when article_locks.user_id = ${holder.id} and article_locks.expires_at > ${t} then article_locks.since else ${t} end`,
          user_id: holder.id,
          user_name: holder.name,
          expires_at: expires,
        });
        return force ? update : update.where((eb) => eb.or([eb('article_locks.user_id', '=', holder.id), eb('article_locks.expires_at', '<=', t)]));
      })
      .returningAll()
      .executeTakeFirst();
    if (row) return { ok: true, lock: toLock(row) };
    const held = await this.current(articleId, now);
    // It lapsed between our write and our read: try once more.
    if (!held) return this.take(articleId, holder, now, ttlMs, force);
    return { ok: false, lock: held };
  }

  /** Lets go of one's own lock; someone else's stays. */
  async release(articleId: number, holderId: number): Promise<void> {
    await this.db.kysely.deleteFrom('article_locks').where('article_id', '=', articleId).where('user_id', '=', holderId).execute();
  }
}
