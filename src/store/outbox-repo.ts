import { type Kysely, sql } from 'kysely';
import { articleKey, authorKey, boundedPurge, type PurgeSet, SITE_KEY } from '../domain/cache-keys.js';
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

/**
 * Work to do in the same transaction as every recorded change, such as
 * queueing the cache tier's purge: it commits with the change or not at all.
 */
export type AfterRecord = (executor: Kysely<Database>, entry: OutboxEntry) => Promise<void>;

/** Something other than a story that pages show: its change purges the pages of the stories that show it. */
export type CatalogSubject =
  | { kind: 'author'; id: number }
  | { kind: 'sponsor'; id: number }
  | { kind: 'media'; id: number }
  /** Sections: the menu is on every page and paths move, so everything goes. */
  | { kind: 'sections' };

/** Reads and writes the `changes` outbox (migration 0011). */
export class OutboxRepo {
  private readonly afterRecord: AfterRecord[] = [];

  constructor(private readonly db: Db) {}

  /** Adds work done inside every recording transaction (the cache tier's purge job). */
  onRecord(work: AfterRecord): () => void {
    this.afterRecord.push(work);
    return () => {
      const index = this.afterRecord.indexOf(work);
      if (index >= 0) this.afterRecord.splice(index, 1);
    };
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
    for (const work of this.afterRecord) await work(executor, entry);
    if (this.db.dialect === 'postgres') await sql`select pg_notify(${CHANGE_CHANNEL}, ${String(entry.id)})`.execute(executor);
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
      const [stories, authors] = await Promise.all([
        executor.selectFrom('articles').select('id').where('lead_media_id', '=', subject.id).limit(1000).execute(),
        executor.selectFrom('authors').select('id').where('picture_id', '=', subject.id).execute(),
      ]);
      storyIds = stories.map((r) => r.id);
      keys.push(...authors.map((r) => authorKey(r.id)));
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
  async dataVersion(): Promise<number | null> {
    if (this.db.dialect !== 'sqlite') return null;
    const { rows } = await sql<{ data_version: number }>`pragma data_version`.execute(this.db.kysely);
    return Number(rows[0]?.data_version ?? 0);
  }

  /** Drops changes older than `before` (every node has long read them). */
  async prune(before: Date): Promise<number> {
    const result = await this.db.kysely.deleteFrom('changes').where('at', '<', before.getTime()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
