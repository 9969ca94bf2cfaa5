import type { Generated, Kysely, Selectable, Updateable } from 'kysely';
import { SITE_KEY } from '../domain/cache-keys.js';
import type { StaticPage } from '../domain/static-page.js';
import type { ChangeFeed } from './change-feed.js';
import type { Db } from './database.js';
import { KeptUntilSiteChange } from './kept-until-site-change.js';
import type { OutboxRepo } from './outbox-repo.js';
import type { Database } from './schema.js';

/** Migration 0018. */
export interface StaticPageTable {
  id: Generated<number>;
  path: string;
  title: string;
  description: string;
  body_html: string;
  published: number;
  in_footer: number;
  position: number;
  created_at: number;
  modified_at: number;
}

export interface StaticPageInput {
  path: string;
  title: string;
  description?: string;
  bodyHtml: string;
  published?: boolean;
  inFooter?: boolean;
  position?: number;
}

function toPage(row: Selectable<StaticPageTable>): StaticPage {
  return {
    id: row.id,
    path: row.path,
    title: row.title,
    description: row.description,
    bodyHtml: row.body_html,
    published: row.published === 1,
    inFooter: row.in_footer === 1,
    position: row.position,
    modifiedAt: new Date(Number(row.modified_at)),
  };
}

/**
 * Static pages. The footer's links are on every page, so the published
 * footer list is held in memory (like sections) and every change records
 * a site-wide purge in its own transaction.
 */
export class StaticPageRepo {
  /** The footer is on every page. */
  private readonly keptFooter: KeptUntilSiteChange<StaticPage[]>;

  constructor(
    private readonly db: Db,
    private readonly changes: ChangeFeed,
    private readonly outbox: OutboxRepo,
  ) {
    this.keptFooter = new KeptUntilSiteChange(changes);
  }

  async byPath(path: string): Promise<StaticPage | undefined> {
    const row = await this.db.kysely.selectFrom('static_pages').selectAll().where('path', '=', path).executeTakeFirst();
    return row ? toPage(row) : undefined;
  }

  async byId(id: number): Promise<StaticPage | undefined> {
    const row = await this.db.kysely.selectFrom('static_pages').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toPage(row) : undefined;
  }

  async all(): Promise<StaticPage[]> {
    return (await this.db.kysely.selectFrom('static_pages').selectAll().orderBy('position').orderBy('id').execute()).map(toPage);
  }

  /** Published pages linked from the footer, in order. */
  async footer(): Promise<StaticPage[]> {
    return this.keptFooter.get(async () => {
      const rows = await this.db.kysely
        .selectFrom('static_pages')
        .selectAll()
        .where('published', '=', 1)
        .where('in_footer', '=', 1)
        .orderBy('position')
        .orderBy('id')
        .execute();
      return rows.map(toPage);
    });
  }

  /** Writes a page; with `executor` inside the caller's transaction (an import's), whose commit the caller announces. */
  async create(input: StaticPageInput, now = new Date(), executor?: Kysely<Database>): Promise<number> {
    return this.write(executor, async (trx) => {
      const row = await trx
        .insertInto('static_pages')
        .values({
          path: input.path,
          title: input.title,
          description: input.description ?? '',
          body_html: input.bodyHtml,
          published: input.published === false ? 0 : 1,
          in_footer: input.inFooter ? 1 : 0,
          position: input.position ?? 0,
          created_at: now.getTime(),
          modified_at: now.getTime(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    }, now);
  }

  async update(id: number, patch: Partial<StaticPageInput>, now = new Date()): Promise<void> {
    const set: Updateable<StaticPageTable> = { modified_at: now.getTime() };
    if (patch.path !== undefined) set.path = patch.path;
    if (patch.title !== undefined) set.title = patch.title;
    if (patch.description !== undefined) set.description = patch.description;
    if (patch.bodyHtml !== undefined) set.body_html = patch.bodyHtml;
    if (patch.published !== undefined) set.published = patch.published ? 1 : 0;
    if (patch.inFooter !== undefined) set.in_footer = patch.inFooter ? 1 : 0;
    if (patch.position !== undefined) set.position = patch.position;
    await this.write(undefined, async (trx) => {
      await trx.updateTable('static_pages').set(set).where('id', '=', id).execute();
    }, now);
  }

  async delete(id: number, now = new Date()): Promise<void> {
    await this.write(undefined, async (trx) => {
      await trx.deleteFrom('static_pages').where('id', '=', id).execute();
    }, now);
  }

  /** The change and its purge (the footer is on every page) commit together. */
  private async write<T>(outer: Kysely<Database> | undefined, work: (trx: Kysely<Database>) => Promise<T>, now: Date): Promise<T> {
    if (outer) {
      const result = await work(outer);
      const entry = await this.outbox.record(outer, { keys: [SITE_KEY], hard: false }, now);
      this.pending.push(entry);
      return result;
    }
    const { result, entry } = await this.db.kysely.transaction().execute(async (trx) => ({
      result: await work(trx),
      entry: await this.outbox.record(trx, { keys: [SITE_KEY], hard: false }, now),
    }));
    this.keptFooter.drop();
    this.changes.announceRecorded([entry]);
    return result;
  }

  private pending: Awaited<ReturnType<OutboxRepo['record']>>[] = [];

  /** After the caller's transaction committed: tell this node what its writes made stale. */
  announcePending(): void {
    const entries = this.pending;
    this.pending = [];
    this.keptFooter.drop();
    if (entries.length > 0) this.changes.announceRecorded(entries);
  }
}
