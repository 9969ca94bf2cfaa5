import { type Kysely, sql } from 'kysely';
import type { ArticleEvent } from '../domain/article-event.js';
import { SITE_KEY } from '../domain/cache-keys.js';
import { rootSection, type Section, sectionPath } from '../domain/section.js';
import type { ChangeFeed } from './change-feed.js';
import type { Db } from './database.js';
import type { Tx } from './executor.js';
import { KeptUntilSiteChange } from './kept-until-site-change.js';
import type { OutboxRepo } from './outbox-repo.js';
import { toSection } from './rows.js';
import type { Database } from './schema.js';

/** A section's own fields as the Settings screen writes them. */
export interface SectionValues {
  name: string;
  slug: string;
  description: string;
  parent_id: number | null;
  in_menu: number;
}

export interface NewSection {
  slug: string;
  name: string;
  description?: string;
  parentId?: number | null;
  position?: number;
  inMenu?: boolean;
}

/**
 * Sections are few and read on every page, so they are held in memory and
 * reloaded after a change here or when they are older than `maxAgeMs`
 * (another node may have changed them).
 */
export class SectionRepo {
  /** Any node's section change drops them; so does our own. */
  private readonly kept: KeptUntilSiteChange<{ sections: Section[]; byId: Map<number, Section>; byPath: Map<string, Section> }>;

  constructor(
    private readonly db: Db,
    private readonly changes: ChangeFeed,
    private readonly outbox: OutboxRepo,
  ) {
    this.kept = new KeptUntilSiteChange(changes);
  }

  async all(): Promise<Section[]> {
    return (await this.load()).sections;
  }

  /**
   * Sections by id. Inside a transaction pass it as `executor`: on SQLite the
   * transaction holds the only connection, so reloading an expired cache
   * through the outer handle would wait forever.
   */
  async byId(executor?: Kysely<Database>): Promise<ReadonlyMap<number, Section>> {
    return (await this.load(executor)).byId;
  }

  /** The section whose front is at `path` (`/news/politics`). */
  async byPath(path: string): Promise<Section | undefined> {
    return (await this.load()).byPath.get(path);
  }

  async bySlug(slug: string): Promise<Section | undefined> {
    return (await this.load()).sections.find((s) => s.slug === slug);
  }

  async create(input: NewSection): Promise<Section> {
    const { row, entry } = await this.db.kysely.transaction().execute(async (trx) => {
      const row = await trx
      .insertInto('sections')
      .values({
        slug: input.slug,
        name: input.name,
        description: input.description ?? '',
        parent_id: input.parentId ?? null,
        position: input.position ?? 0,
        in_menu: input.inMenu === false ? 0 : 1,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
      // The menu is on every page.
      return { row, entry: await this.outbox.record(trx, { keys: [SITE_KEY], hard: false }, new Date()) };
    });
    this.kept.drop();
    this.changes.announceRecorded([entry]);
    return toSection(row);
  }

  invalidate(): void {
    this.kept.drop();
  }

  private load(executor: Kysely<Database> = this.db.kysely) {
    return this.kept.get(async () => {
      const rows = await executor.selectFrom('sections').selectAll().orderBy('position').orderBy('id').execute();
      const sections = rows.map(toSection);
      const byId = new Map(sections.map((s) => [s.id, s]));
      const byPath = new Map(sections.map((s) => [sectionPath(s, byId), s]));
      return { sections, byId, byPath };
    });
  }

  /** Every section as `tx` sees it now, bypassing the cache (the Settings screen decides on what it is about to change). */
  async current(tx: Tx): Promise<Section[]> {
    return (await tx.selectFrom('sections').selectAll().execute()).map(toSection);
  }

  /** Writes a section's fields in the caller's transaction: a new one (id null) goes first among its siblings until renumbered. Returns its id. */
  async save(tx: Tx, id: number | null, values: SectionValues): Promise<number> {
    if (id !== null) {
      await tx.updateTable('sections').set(values).where('id', '=', id).execute();
      return id;
    }
    return (await tx.insertInto('sections').values({ ...values, position: 0 }).returning('id').executeTakeFirstOrThrow()).id;
  }

  /** Numbers sections 0, 1, 2 … in the order given. */
  async renumber(tx: Tx, order: readonly number[]): Promise<void> {
    for (const [position, sibling] of order.entries()) {
      await tx.updateTable('sections').set({ position }).where('id', '=', sibling).execute();
    }
  }

  /**
   * Rewrites the stories of every section in `ids` to their new paths and
   * top-level section, keeps each old path as a redirect, and records a
   * `changed` event for published stories (their URL changed for subscribers).
   */
  async moveStories(
    tx: Tx,
    ids: readonly number[],
    beforeById: ReadonlyMap<number, Section>,
    afterById: ReadonlyMap<number, Section>,
    now: Date,
  ): Promise<{ count: number; events: ArticleEvent[] }> {
    let count = 0;
    const at = now.getTime();
    for (const id of ids) {
      const was = beforeById.get(id);
      const is = afterById.get(id) as Section;
      const newPrefix = `${sectionPath(is, afterById)}/`;
      if (was && `${sectionPath(was, beforeById)}/` === newPrefix) continue;
      // The current paths become redirects (a path may have been someone's redirect before: it moves to this story).
      await tx
        .insertInto('article_paths')
        .columns(['path', 'article_id', 'created_at'])
        .expression((eb) => eb.selectFrom('articles').select(['path', 'id', sql.lit(at).as('created_at')]).where('section_id', '=', id))
        .onConflict((oc) => oc.column('path').doUpdateSet((eb) => ({ article_id: eb.ref('excluded.article_id') })))
        .execute();
      const updated = await tx
        .updateTable('articles')
        .set({
          path: sql<string>`cast(${newPrefix} as text) || slug`,
          root_section_id: rootSection(is, afterById).id,
          modified_at: at,
        })
        .where('section_id', '=', id)
        .executeTakeFirst();
      count += Number(updated.numUpdatedRows);
      // A story's current path must never redirect (moving a section back and forth).
      await tx
        .deleteFrom('article_paths')
        .where('path', 'in', (eb) => eb.selectFrom('articles').select('path').where('section_id', '=', id))
        .execute();
    }
    if (count === 0) return { count, events: [] };
    const rows = await tx
      .insertInto('article_events')
      .columns(['article_id', 'kind', 'at'])
      .expression((eb) =>
        eb
          .selectFrom('articles')
          .select(['id', sql.lit('changed').as('kind'), sql.lit(at).as('at')])
          .where('section_id', 'in', [...ids])
          .where('status', '=', 'published'),
      )
      .returning(['id', 'article_id'])
      .execute();
    return { count, events: rows.map((r) => ({ id: r.id, articleId: r.article_id, kind: 'changed', at: now })) };
  }
}
