import { sql } from 'kysely';
import type { Db } from '../../store/index.js';
import type { EditLock } from '../admin-api-contract.js';
import type { Exec } from './desk-repo.js';

/** How long a lock lasts without a refresh; the editor refreshes every 30 s, so a closed tab frees the story in 90 s. */
export const LOCK_TTL_MS = 90_000;

export interface Holder {
  id: number;
  name: string;
}

export type LockOutcome = { ok: true; lock: EditLock } | { ok: false; lock: EditLock };

function toLock(row: { user_id: number; user_name: string; since: number; expires_at: number }): EditLock {
  return {
    holder: { id: row.user_id, name: row.user_name },
    since: new Date(row.since).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
  };
}

/**
 * Who has a story open. One row per story; a lock past its expiry counts
 * as free. Taking is one conditional upsert, so two people opening a story
 * at the same moment cannot both get it.
 */
export class EditLockRepo {
  constructor(private readonly db: Db) {}

  /** The live lock on a story, if any. */
  async current(articleId: number, now: Date, exec: Exec = this.db.kysely): Promise<EditLock | null> {
    const row = await exec
      .selectFrom('article_locks')
      .selectAll()
      .where('article_id', '=', articleId)
      .where('expires_at', '>', now.getTime())
      .executeTakeFirst();
    return row ? toLock(row) : null;
  }

  /**
   * Takes a free (or lapsed) lock or refreshes one's own; with `force`,
   * takes it from whoever holds it (an editor's take-over).
   */
  async take(articleId: number, holder: Holder, now: Date, force = false): Promise<LockOutcome> {
    const t = now.getTime();
    const expires = t + LOCK_TTL_MS;
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
    if (!held) return this.take(articleId, holder, now, force);
    return { ok: false, lock: held };
  }

  /** Lets go of one's own lock; someone else's stays. */
  async release(articleId: number, holderId: number): Promise<void> {
    await this.db.kysely.deleteFrom('article_locks').where('article_id', '=', articleId).where('user_id', '=', holderId).execute();
  }
}
