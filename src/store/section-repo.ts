import type { Kysely } from 'kysely';
import { SITE_KEY } from '../domain/cache-keys.js';
import { type Section, sectionPath } from '../domain/section.js';
import type { ChangeFeed } from './change-feed.js';
import type { Db } from './database.js';
import type { OutboxRepo } from './outbox-repo.js';
import { toSection } from './rows.js';
import type { Database } from './schema.js';

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
  private cache: { at: number; sections: Section[]; byId: Map<number, Section>; byPath: Map<string, Section> } | null =
    null;

  constructor(
    private readonly db: Db,
    private readonly changes: ChangeFeed,
    private readonly outbox: OutboxRepo,
    private readonly maxAgeMs = 30_000,
  ) {
    // Any node's section change empties this cache; so does our own.
    changes.subscribe((change) => {
      if (change.kind === 'purge' && change.purge.keys.includes(SITE_KEY)) this.cache = null;
    });
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
    this.cache = null;
    this.changes.announceRecorded([entry]);
    return toSection(row);
  }

  invalidate(): void {
    this.cache = null;
  }

  private async load(executor: Kysely<Database> = this.db.kysely) {
    if (this.cache && Date.now() - this.cache.at < this.maxAgeMs) return this.cache;
    const rows = await executor.selectFrom('sections').selectAll().orderBy('position').orderBy('id').execute();
    const sections = rows.map(toSection);
    const byId = new Map(sections.map((s) => [s.id, s]));
    const byPath = new Map(sections.map((s) => [sectionPath(s, byId), s]));
    this.cache = { at: Date.now(), sections, byId, byPath };
    return this.cache;
  }
}
