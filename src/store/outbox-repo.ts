import type { Kysely } from 'kysely';
import { articleKey, authorKey, boundedPurge, CACHE_PURGE_JOB, HOME_KEY, type PurgeSet, SITE_KEY, sectionKey } from '../domain/cache-keys.js';
import type { Db } from './database.js';
import { insertedId } from './inserted-id.js';
import type { Database } from './schema.js';

/** The channel whose NOTIFY wakes PostgreSQL nodes; it carries no data, the outbox does. */
export const CHANGE_CHANNEL = 'dateline_changes';

export interface OutboxEntry {
  id: number;
  at: Date;
  purge: PurgeSet;
}

/** Something other than a story that pages show: its change purges the pages of the stories that show it. */
export type CatalogSubject =
  | { kind: 'author'; id: number }
  | { kind: 'sponsor'; id: number }
  | { kind: 'media'; id: number }
  /** Sections: the menu is on every page and paths move, so everything goes. */
  | { kind: 'sections' };

/** The part of the job queue the outbox uses (src/store/job-repo.ts). */
export interface PurgeQueue {
  enqueue(executor: Kysely<Database>, input: { kind: string; payload: unknown }, now?: Date): Promise<number | null>;
}

/** The meta row a node started with CACHE_PURGE_URLS sets, so every process (the CLI too) queues cache-tier purges. */
export const CACHE_TIER_META = 'cache_tier';
const CACHE_TIER_RECHECK_MS = 2000;

/** Reads and writes the `changes` outbox (migration 0011). */
export class OutboxRepo {
  private cacheTier: { on: boolean; at: number } | null = null;

  constructor(
    private readonly db: Db,
    private readonly queue?: PurgeQueue,
  ) {}

  /**
   * Whether a cache tier is in front (a node started with CACHE_PURGE_URLS
   * said so), read inside the caller's transaction and remembered briefly.
   */
  private async cacheTierOn(executor: Kysely<Database>): Promise<boolean> {
    const now = Date.now();
    if (this.cacheTier && now - this.cacheTier.at < CACHE_TIER_RECHECK_MS) return this.cacheTier.on;
    const row = await executor.selectFrom('meta').select('value').where('key', '=', CACHE_TIER_META).executeTakeFirst();
    this.cacheTier = { on: row?.value === 'on', at: now };
    return this.cacheTier.on;
  }

  /** Called by a starting node: whether changes from now on are purged from a cache tier. */
  async setCacheTier(on: boolean): Promise<void> {
    await this.db.kysely
      .insertInto('meta')
      .values({ key: CACHE_TIER_META, value: on ? 'on' : 'off' })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: on ? 'on' : 'off' }))
      .execute();
    this.cacheTier = { on, at: Date.now() };
  }

  /**
   * Records a change inside the caller's transaction. On PostgreSQL the
   * NOTIFY goes out only if the transaction commits; it only wakes the other
   * nodes, which then read the outbox, so a lost one costs a poll interval.
   */
  async record(executor: Kysely<Database>, purge: PurgeSet, now: Date): Promise<OutboxEntry> {
    const bounded = boundedPurge(purge);
    const id = await insertedId(
      this.db.dialect,
      executor.insertInto('changes').values({ at: now.getTime(), keys: bounded.keys.join(' '), hard: bounded.hard ? 1 : 0 }),
    );
    const entry: OutboxEntry = { id: Number(id), at: now, purge: bounded };
    // The cache tier's purge is a job in the same transaction: it exists exactly when the change does,
    // survives restarts, and is retried until every cache has taken it.
    if (this.queue && (await this.cacheTierOn(executor))) {
      await this.queue.enqueue(executor, { kind: CACHE_PURGE_JOB, payload: { keys: bounded.keys, mode: bounded.hard ? 'hard' : 'soft' } }, now);
    }
    await this.db.sql.notify(executor, CHANGE_CHANNEL, String(entry.id));
    return entry;
  }

  /** The keys of the pages that show a catalog subject (bounded by the caller's boundedPurge). */
  async catalogPurge(executor: Kysely<Database>, subject: CatalogSubject): Promise<PurgeSet> {
    if (subject.kind === 'sections') return { keys: [SITE_KEY], hard: false };
    let storyIds: number[];
    const keys: string[] = [];
    if (subject.kind === 'author') {
      keys.push(authorKey(subject.id));
      const rows = await executor.selectFrom('article_authors').select('article_id').where('author_id', '=', subject.id).limit(1000).execute();
      storyIds = rows.map((r) => r.article_id);
    } else if (subject.kind === 'sponsor') {
      const rows = await executor.selectFrom('articles').select('id').where('sponsor_id', '=', subject.id).limit(1000).execute();
      storyIds = rows.map((r) => r.id);
    } else {
      const [stories, bodies, authors, fronts] = await Promise.all([
        executor.selectFrom('articles').select('id').where('lead_media_id', '=', subject.id).limit(1000).execute(),
        // Stories that show it in their body (0025): their pages carry its caption and credit too.
        executor.selectFrom('article_media').select('article_id as id').where('media_id', '=', subject.id).limit(1000).execute(),
        executor.selectFrom('authors').select('id').where('picture_id', '=', subject.id).execute(),
        // Fronts that show it in a pin's place of the story's own photo: their pages carry its alt text and crop.
        executor.selectFrom('front_slots').select('front').distinct().where('media_id', '=', subject.id).execute(),
      ]);
      storyIds = [...new Set([...stories, ...bodies].map((r) => r.id))];
      keys.push(...authors.map((r) => authorKey(r.id)));
      keys.push(...fronts.map((r) => (r.front === 'home' ? HOME_KEY : sectionKey(Number(r.front)))));
    }
    // A thousand stories or more: the whole site, rather than a header of a thousand keys.
    if (storyIds.length >= 1000) return { keys: [SITE_KEY], hard: false };
    return { keys: [...keys, ...storyIds.map(articleKey)], hard: false };
  }

  /** The newest change's id (0 for none): where a node that just started begins. */
  async latestId(): Promise<number> {
    const row = await this.db.kysely
      .selectFrom('changes')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    return Number(row?.id ?? 0);
  }

  /** Changes after `cursor`, and any of `ids` (gaps a node is still waiting for), oldest first. */
  async after(cursor: number, ids: readonly number[], limit: number): Promise<OutboxEntry[]> {
    const rows = await this.db.kysely
      .selectFrom('changes')
      .selectAll()
      .where((eb) => (ids.length > 0 ? eb.or([eb('id', '>', cursor), eb('id', 'in', [...ids])]) : eb('id', '>', cursor)))
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: Number(row.id),
      at: new Date(Number(row.at)),
      purge: { keys: row.keys.split(' ').filter(Boolean), hard: Number(row.hard) === 1 },
    }));
  }

  /**
   * SQLite: a number that moves whenever another connection (another
   * process) commits to the file, read without touching any table, so a
   * server can look several times a second for next to nothing.
   */
  dataVersion(): Promise<number | null> {
    return this.db.sql.dataVersion(this.db.kysely);
  }

  /** Drops changes older than `before` (every node has long read them). */
  async prune(before: Date): Promise<number> {
    const result = await this.db.kysely.deleteFrom('changes').where('at', '<', before.getTime()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
