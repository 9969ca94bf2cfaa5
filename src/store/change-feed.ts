import type { ArticleEvent } from '../domain/article-event.js';
import type { PurgeSet } from '../domain/cache-keys.js';
import type { Db } from './database.js';
import { CHANGE_CHANNEL, type OutboxEntry, type OutboxRepo } from './outbox-repo.js';

export { CHANGE_CHANNEL };

/**
 * What a listener hears: `purge` for every committed change readers can see
 * (from this process at once, from any other process through the outbox),
 * `article` for this process's own story events (webhooks wake on them).
 */
export type Change = { kind: 'article'; event: ArticleEvent } | { kind: 'purge'; id: number; purge: PurgeSet };
type Listener = (change: Change) => void;

export interface FollowOptions {
  /** SQLite: how often the file's data version is read (cheap). PostgreSQL: the safety poll behind NOTIFY. */
  pollMs?: number;
  /** How often the whole outbox is read regardless of signals, for gaps (PostgreSQL) and lost wake-ups. */
  sweepMs?: number;
  log?: { warn(fields: object, message: string): void; info(fields: object, message: string): void };
}

export type FeedHealth = { ok: true } | { ok: false; reason: string };

const PAGE = 500;
/** PostgreSQL hands out ids before commit, so a lower id can appear after a higher one; look for it this long. */
const GAP_WAIT_MS = 30_000;
const MAX_GAPS = 1000;
const LISTEN_BACKOFF_MS = [250, 500, 1000, 2000, 5000];

/**
 * This process's view of the outbox. Changes made here are announced at once
 * after commit; changes made by any other process (another node, the CLI, a
 * scheduler elsewhere) are read from the outbox by a cursor: on SQLite when
 * `PRAGMA data_version` moves, on PostgreSQL when NOTIFY wakes the node and
 * on a short timer, so a lost notification or a dropped connection loses
 * nothing. A cache starts empty, so a starting node begins at the newest id.
 */
export class ChangeFeed {
  private readonly listeners = new Set<Listener>();
  private cursor = 0;
  /** Ids below the cursor not seen yet (PostgreSQL), with when to stop waiting. */
  private readonly gaps = new Map<number, number>();
  /** Ids this process announced itself; the follower skips them. */
  private readonly own = new Set<number>();
  private following = false;
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private timers: NodeJS.Timeout[] = [];
  private dataVersion: number | null = null;
  private listenState: FeedHealth = { ok: true };
  private stopListening: (() => Promise<void>) | undefined;
  private closed = false;
  private log: FollowOptions['log'];

  constructor(
    private readonly db: Db,
    private readonly outbox: OutboxRepo,
  ) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells this process's listeners; writers call it after commit. */
  announce(change: Change): void {
    if (change.kind === 'purge') {
      this.own.add(change.id);
      if (this.own.size > 10_000) this.own.delete(this.own.values().next().value as number);
    }
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.log?.warn({ err: error }, 'a change listener failed');
      }
    }
  }

  /** Announces recorded outbox entries once their transaction committed. */
  announceRecorded(entries: readonly OutboxEntry[]): void {
    for (const entry of entries) this.announce({ kind: 'purge', id: entry.id, purge: entry.purge });
  }

  /** Whether this node hears other nodes' changes: 503 on /healthz while it cannot. */
  health(): FeedHealth {
    return this.listenState;
  }

  /** Starts following the outbox for changes other processes commit. */
  async follow(options: FollowOptions = {}): Promise<void> {
    if (this.following) return;
    this.following = true;
    this.log = options.log;
    this.cursor = await this.outbox.latestId();
    const sweepMs = options.sweepMs ?? 2000;
    // SQLite: another process's commit moves the file's data version; PostgreSQL: it NOTIFYs the listening connection.
    const version = await this.outbox.dataVersion();
    if (version !== null) {
      this.dataVersion = version;
      this.every(options.pollMs ?? 150, async () => {
        const version = await this.outbox.dataVersion();
        if (version !== this.dataVersion) {
          this.dataVersion = version;
          this.wake();
        }
      });
    } else {
      await this.listen(0);
      this.every(options.pollMs ?? 1000, async () => this.wake());
    }
    this.every(sweepMs, async () => this.wake());
  }

  /**
   * Hears every change committed before this call, from any process, before
   * it returns: for data kept in memory between requests (the fronts' kept
   * teasers), which must not wait for the next poll to drop what changed.
   * SQLite: one `pragma data_version` (no table read) unless another
   * process committed. PostgreSQL: one indexed read of the outbox past the
   * cursor. Does nothing while not following (nothing is kept then either).
   */
  async catchUp(): Promise<void> {
    if (!this.following || this.closed) return;
    const version = await this.outbox.dataVersion();
    if (version !== null) {
      if (version !== this.dataVersion) {
        this.dataVersion = version;
        return this.wake();
      }
      // The poll may have seen the version move and be reading the outbox now.
      if (this.reading) await this.reading;
      return;
    }
    return this.wake();
  }

  /** Whether this process follows the outbox (only then is it told of other processes' changes). */
  get isFollowing(): boolean {
    return this.following && !this.closed;
  }

  /** Reads the outbox from the cursor now (and again after, if asked while reading). */
  wake(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.reading) {
      this.readAgain = true;
      return this.reading;
    }
    this.reading = (async () => {
      try {
        do {
          this.readAgain = false;
          await this.readNew();
        } while (this.readAgain && !this.closed);
      } catch (error) {
        this.log?.warn({ err: error }, 'reading the change outbox failed; trying again shortly');
      } finally {
        this.reading = null;
      }
    })();
    return this.reading;
  }

  private async readNew(): Promise<void> {
    const now = Date.now();
    for (const [id, until] of this.gaps) if (until < now) this.gaps.delete(id);
    for (;;) {
      const entries = await this.outbox.after(this.cursor, [...this.gaps.keys()], PAGE);
      for (const entry of entries) {
        this.gaps.delete(entry.id);
        if (entry.id > this.cursor) {
          for (let missing = this.cursor + 1; missing < entry.id && this.gaps.size < MAX_GAPS; missing++) {
            if (!this.db.sql.idsCommitInOrder) this.gaps.set(missing, now + GAP_WAIT_MS);
          }
          this.cursor = entry.id;
        }
        if (this.own.delete(entry.id)) continue;
        for (const listener of this.listeners) {
          try {
            listener({ kind: 'purge', id: entry.id, purge: entry.purge });
          } catch (error) {
            this.log?.warn({ err: error }, 'a change listener failed');
          }
        }
      }
      if (entries.length < PAGE) return;
    }
  }

  /** PostgreSQL: a LISTEN connection that is reopened with backoff whenever it drops. */
  private async listen(attempt: number): Promise<void> {
    if (this.closed || !this.db.listen) return;
    try {
      this.stopListening = await this.db.listen(CHANGE_CHANNEL, () => void this.wake(), (error) => {
        this.stopListening = undefined;
        if (this.closed) return;
        this.listenState = { ok: false, reason: `lost the change notification connection (${error.message}); reconnecting` };
        this.log?.warn({ err: error }, 'change notifications lost; reconnecting');
        this.retryListen(0);
      });
      if (!this.listenState.ok) this.log?.info({}, 'change notifications restored');
      this.listenState = { ok: true };
      // Whatever was committed while nobody listened is in the outbox.
      await this.wake();
    } catch (error) {
      this.listenState = { ok: false, reason: `cannot listen for changes (${(error as Error).message}); retrying` };
      this.retryListen(attempt + 1);
    }
  }

  private retryListen(attempt: number): void {
    if (this.closed) return;
    const delay = LISTEN_BACKOFF_MS[Math.min(attempt, LISTEN_BACKOFF_MS.length - 1)] as number;
    const timer = setTimeout(() => void this.listen(attempt), delay);
    timer.unref();
    this.timers.push(timer);
  }

  private every(ms: number, work: () => Promise<void>): void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy || this.closed) return;
      busy = true;
      work()
        .catch((error) => this.log?.warn({ err: error }, 'watching for changes failed'))
        .finally(() => {
          busy = false;
        });
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    await this.stopListening?.();
    this.stopListening = undefined;
    await this.reading;
  }
}
