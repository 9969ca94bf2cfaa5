import { type ArticleLock, ArticleLockRepo, type Db, type Tx } from '../../store/index.js';
import type { EditLock } from '../admin-api-contract.js';

/** How long a lock lasts without a refresh; the editor refreshes every 30 s, so a closed tab frees the story in 90 s. */
export const LOCK_TTL_MS = 90_000;

export interface Holder {
  id: number;
  name: string;
}

export type LockOutcome = { ok: true; lock: EditLock } | { ok: false; lock: EditLock };

function toEditLock(lock: ArticleLock): EditLock {
  return { holder: lock.holder, since: new Date(lock.since).toISOString(), expiresAt: new Date(lock.expiresAt).toISOString() };
}

/** Who has a story open, as the editor shows it; the store's ArticleLockRepo keeps the rows. */
export class EditLockRepo {
  private readonly locks: ArticleLockRepo;

  constructor(db: Db) {
    this.locks = new ArticleLockRepo(db);
  }

  /** The live lock on a story, if any. */
  async current(articleId: number, now: Date, tx?: Tx): Promise<EditLock | null> {
    const lock = await this.locks.current(articleId, now, tx);
    return lock ? toEditLock(lock) : null;
  }

  /**
   * Takes a free (or lapsed) lock or refreshes one's own; with `force`,
   * takes it from whoever holds it (an editor's take-over).
   */
  async take(articleId: number, holder: Holder, now: Date, force = false): Promise<LockOutcome> {
    const outcome = await this.locks.take(articleId, holder, now, LOCK_TTL_MS, force);
    return { ok: outcome.ok, lock: toEditLock(outcome.lock) } as LockOutcome;
  }

  /** Lets go of one's own lock; someone else's stays. */
  async release(articleId: number, holderId: number): Promise<void> {
    await this.locks.release(articleId, holderId);
  }
}
