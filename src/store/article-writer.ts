import { type Kysely, sql, type Transaction } from 'kysely';
import type { ArticleStatus } from '../domain/article.js';
import { type ArticleEvent, type ArticleEventKind, eventFor } from '../domain/article-event.js';
import { DatelineError } from '../domain/errors.js';
import { textOfHtml } from '../domain/excerpt.js';
import type { Label } from '../domain/label.js';
import { rootSection, type Section, sectionPath } from '../domain/section.js';
import { slugify, uniqueSlug } from '../domain/slug.js';
import { tagSlug } from '../domain/tag.js';
import { CHANGE_CHANNEL, type ChangeFeed } from './change-feed.js';
import type { Db } from './database.js';
import { insertedId } from './inserted-id.js';
import type { Database } from './schema.js';
import type { SectionRepo } from './section-repo.js';

export interface ArticleInput {
  headline: string;
  /** Defaults to a slug of the headline. */
  slug?: string;
  summary?: string;
  /** Sanitized HTML; callers at the edges sanitize before they get here. */
  bodyHtml: string;
  dateline?: string | null;
  label: Label;
  status: ArticleStatus;
  sectionId: number;
  sponsorId?: number | null;
  leadMediaId?: number | null;
  contributorNote?: string | null;
  publishedAt?: Date | null;
  updatedAt?: Date | null;
  /** Author ids in byline order. */
  authorIds: number[];
  tagNames?: string[];
}

export type ArticlePatch = Partial<ArticleInput>;

type AuthorRow = { article_id: number; author_id: number; position: number };
type TagRow = { article_id: number; tag_id: number; position: number };

/** Rows per multi-row insert: well under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const ROWS_PER_INSERT = 500;

/**
 * Shared work of many stories written in one transaction (the wire desk
 * writes a hundred per transaction): tag ids looked up once, bylines, tag
 * links and change notices kept here and written by `flushBatch` as a few
 * multi-row statements before commit, instead of several statements a story.
 * Valid only inside the transaction it was made for: a rolled-back
 * transaction takes its tags with it, so a retry starts a new batch.
 */
export class WriteBatch {
  /** Tags known to exist in this transaction, by slug. */
  readonly tagIds = new Map<string, number>();
  authors: AuthorRow[] = [];
  tags: TagRow[] = [];
  /** Events whose PostgreSQL notice goes out with the flush (still inside the transaction). */
  notices: ArticleEvent[] = [];
  /** PostgreSQL: events not yet inserted; their ids are filled in by the flush. */
  events: ArticleEvent[] = [];
}

/** Writes stories. Every change bumps modified_at so caches and ETags follow it. */
export class ArticleWriter {
  constructor(
    private readonly db: Db,
    private readonly sections: SectionRepo,
    private readonly changes: ChangeFeed,
  ) {}

  /**
   * With `options.trx` the story is written inside the caller's transaction
   * (the wire desk writes a story and its wire records together) and the
   * event is returned, not announced: the caller announces it after commit.
   */
  async create(
    input: ArticleInput,
    now = new Date(),
    options: { trx?: Transaction<Database>; batch?: WriteBatch } = {},
  ): Promise<{ id: number; path: string; event: ArticleEvent | null }> {
    if (input.label === 'sponsored' && !input.sponsorId) {
      throw new DatelineError('BAD_INPUT', 'A sponsored story needs a sponsor.', {
        hint: 'Pick the sponsor who paid for it, or choose another label.',
      });
    }
    // Sections are read before the transaction: on SQLite the transaction holds
    // the only connection, so a read through the outer handle would wait forever.
    const byId = await this.sections.byId(options.trx);
    const result = await this.inTransaction(options.trx, async (trx) => {
      const row = await this.insertStory(trx, byId, input, now);
      const { id, path } = row;
      // A new story has no authors or tags to clear.
      await this.writeAuthors(trx, id, input.authorIds, true, options.batch);
      await this.writeTags(trx, id, input.tagNames ?? [], true, options.batch);
      const kind = eventFor(null, { status: input.status, updatedAt: input.updatedAt?.getTime() ?? null });
      const event = kind ? await this.recordEvent(trx, id, kind, now, options.batch) : null;
      return { id, path, event };
    });
    if (result.event && !options.trx) this.changes.announce({ kind: 'article', event: result.event });
    return result;
  }

  /**
   * Inserts the story row under its own slug when that is free, which it
   * nearly always is, so the common case costs one statement; when the slug
   * (or its path) is taken, the insert does nothing and the next free slug
   * (-2, -3 …) is looked up first.
   */
  private async insertStory(
    trx: Transaction<Database>,
    byId: ReadonlyMap<number, Section>,
    input: ArticleInput,
    now: Date,
  ): Promise<{ id: number; path: string }> {
    const root = slugify(input.slug ?? slugify(input.headline)) || 'story';
    const first = await this.insertRow(trx, byId, input, now, root, true);
    if (first) return first;
    const slug = await this.freeSlug(trx, root);
    const row = await this.insertRow(trx, byId, input, now, slug, false);
    if (!row) throw new Error(`the story with slug ${slug} was not inserted`);
    return row;
  }

  private async insertRow(
    trx: Transaction<Database>,
    byId: ReadonlyMap<number, Section>,
    input: ArticleInput,
    now: Date,
    slug: string,
    ifFree: boolean,
  ): Promise<{ id: number; path: string } | undefined> {
    const { path, rootId } = placement(byId, input.sectionId, slug);
    let query = trx
      .insertInto('articles')
      .values({
        slug,
        path,
        section_id: input.sectionId,
        root_section_id: rootId,
        headline: input.headline,
        summary: input.summary ?? '',
        body_html: input.bodyHtml,
        body_text: textOfHtml(input.bodyHtml),
        dateline: input.dateline ?? null,
        label: input.label,
        status: input.status,
        sponsor_id: input.sponsorId ?? null,
        lead_media_id: input.leadMediaId ?? null,
        contributor_note: input.contributorNote ?? null,
        published_at: input.publishedAt?.getTime() ?? null,
        updated_at: input.updatedAt?.getTime() ?? null,
        created_at: now.getTime(),
        modified_at: now.getTime(),
      });
    // Only a unique slug or path makes it do nothing; any other failure still throws.
    if (ifFree) query = query.onConflict((oc) => oc.doNothing());
    const id = await insertedId(this.db.dialect, query);
    return id === undefined ? undefined : { id, path };
  }

  /**
   * Changes a story. A new slug or section gives it a new path; the old path
   * is kept and answers with a permanent redirect.
   */
  async update(
    id: number,
    patch: ArticlePatch,
    now = new Date(),
    options: { corrected?: boolean; trx?: Transaction<Database>; batch?: WriteBatch } = {},
  ): Promise<{ path: string; event: ArticleEventKind | null; recorded: ArticleEvent | null }> {
    const byId = await this.sections.byId(options.trx);
    const result = await this.inTransaction(options.trx, async (trx) => {
      const current = await trx.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
      if (!current) throw new DatelineError('NOT_FOUND', `There is no story with id ${id}.`);
      const slug = patch.slug && patch.slug !== current.slug ? await this.freeSlug(trx, patch.slug) : current.slug;
      const sectionId = patch.sectionId ?? current.section_id;
      const { path, rootId } = placement(byId, sectionId, slug);
      if (path !== current.path) {
        await trx.deleteFrom('article_paths').where('path', '=', path).execute();
        await trx
          .insertInto('article_paths')
          .values({ path: current.path, article_id: id, created_at: now.getTime() })
          .onConflict((oc) => oc.column('path').doUpdateSet({ article_id: id }))
          .execute();
      }
      const set: Record<string, unknown> = { slug, path, section_id: sectionId, root_section_id: rootId, modified_at: now.getTime() };
      const columns: Array<[keyof ArticlePatch, string, (v: any) => unknown]> = [
        ['headline', 'headline', (v) => v],
        ['summary', 'summary', (v) => v],
        ['bodyHtml', 'body_html', (v) => v],
        ['bodyHtml', 'body_text', (v: string) => textOfHtml(v)],
        ['dateline', 'dateline', (v) => v],
        ['label', 'label', (v) => v],
        ['status', 'status', (v) => v],
        ['sponsorId', 'sponsor_id', (v) => v],
        ['leadMediaId', 'lead_media_id', (v) => v],
        ['contributorNote', 'contributor_note', (v) => v],
        ['publishedAt', 'published_at', (v: Date | null) => v?.getTime() ?? null],
        ['updatedAt', 'updated_at', (v: Date | null) => v?.getTime() ?? null],
      ];
      for (const [key, column, convert] of columns) {
        if (patch[key] !== undefined) set[column] = convert(patch[key]);
      }
      await trx.updateTable('articles').set(set).where('id', '=', id).execute();
      if (patch.authorIds) await this.writeAuthors(trx, id, patch.authorIds, false, options.batch);
      if (patch.tagNames) await this.writeTags(trx, id, patch.tagNames, false, options.batch);
      const kind = eventFor(
        { status: current.status as ArticleStatus, updatedAt: current.updated_at },
        {
          status: (patch.status ?? current.status) as ArticleStatus,
          updatedAt: patch.updatedAt === undefined ? current.updated_at : (patch.updatedAt?.getTime() ?? null),
        },
        options.corrected,
      );
      const event = kind ? await this.recordEvent(trx, id, kind, now, options.batch) : null;
      return { path, event };
    });
    if (result.event && !options.trx) this.changes.announce({ kind: 'article', event: result.event });
    return { path: result.path, event: result.event?.kind ?? null, recorded: result.event };
  }

  /** Tells caches and subscribers of events written inside a caller's transaction, once it committed. */
  announce(events: readonly ArticleEvent[]): void {
    for (const event of events) this.changes.announce({ kind: 'article', event });
  }

  private inTransaction<T>(outer: Transaction<Database> | undefined, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return outer ? work(outer) : this.db.kysely.transaction().execute(work);
  }

  /** Writes the event to the outbox and, on PostgreSQL, tells other nodes when the transaction commits. */
  private async recordEvent(
    trx: Transaction<Database>,
    articleId: number,
    kind: ArticleEventKind,
    now: Date,
    batch?: WriteBatch,
  ): Promise<ArticleEvent> {
    if (batch && this.db.dialect === 'postgres') {
      // A statement costs PostgreSQL far more than the row; the batch's events go in together.
      const event: ArticleEvent = { id: 0, articleId, kind, at: now };
      batch.events.push(event);
      batch.notices.push(event);
      return event;
    }
    const id = await insertedId(this.db.dialect, trx.insertInto('article_events').values({ article_id: articleId, kind, at: now.getTime() }));
    const event: ArticleEvent = { id: id as number, articleId, kind, at: now };
    if (batch) batch.notices.push(event);
    else if (this.db.dialect === 'postgres') {
      await sql`select pg_notify(${CHANGE_CHANNEL}, ${this.changes.payload({ kind: 'article', event })})`.execute(trx);
    }
    return event;
  }

  /**
   * Tag ids for these names, remembered in the batch; missing tags are made
   * unless `create` is false (the wire desk reads a whole batch's subjects at
   * once, and a tag is made only by a story that carries it). Returns
   * slug → name in first-seen order, as a story lists its tags.
   */
  async prepareTags(
    trx: Transaction<Database>,
    names: readonly string[],
    batch: WriteBatch,
    options: { create?: boolean } = {},
  ): Promise<Map<string, string>> {
    const bySlug = new Map<string, string>();
    for (const name of names) {
      const slug = tagSlug(name);
      if (slug && !bySlug.has(slug)) bySlug.set(slug, name.trim());
    }
    const missing = [...bySlug].filter(([slug]) => !batch.tagIds.has(slug));
    for (let i = 0; i < missing.length; i += ROWS_PER_INSERT) {
      const chunk = missing.slice(i, i + ROWS_PER_INSERT);
      if (options.create !== false) {
        await trx
          .insertInto('tags')
          .values(chunk.map(([slug, name]) => ({ slug, name })))
          .onConflict((oc) => oc.column('slug').doNothing())
          .execute();
      }
      const tags = await trx.selectFrom('tags').select(['id', 'slug']).where('slug', 'in', chunk.map(([slug]) => slug)).execute();
      for (const tag of tags) batch.tagIds.set(tag.slug, tag.id);
    }
    return bySlug;
  }

  /** Writes what a batch kept back: bylines, tag links and, on PostgreSQL, the change notices. Call before commit. */
  async flushBatch(trx: Transaction<Database>, batch: WriteBatch): Promise<void> {
    const { authors, tags, notices, events } = batch;
    batch.authors = [];
    batch.tags = [];
    batch.notices = [];
    batch.events = [];
    if (events.length > 0) {
      // Ids taken in the events' order, as one insert after another would take them.
      const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('article_events', 'id'))::int as id from generate_series(1, ${events.length})`.execute(trx);
      const ids = rows.map((row) => Number(row.id)).sort((a, b) => a - b);
      events.forEach((event, i) => {
        event.id = ids[i] as number;
      });
      for (let i = 0; i < events.length; i += ROWS_PER_INSERT) {
        await trx
          .insertInto('article_events')
          .values(events.slice(i, i + ROWS_PER_INSERT).map((e) => ({ id: e.id, article_id: e.articleId, kind: e.kind, at: e.at.getTime() })))
          .execute();
      }
    }
    for (let i = 0; i < authors.length; i += ROWS_PER_INSERT) {
      await trx.insertInto('article_authors').values(authors.slice(i, i + ROWS_PER_INSERT)).execute();
    }
    for (let i = 0; i < tags.length; i += ROWS_PER_INSERT) {
      await trx.insertInto('article_tags').values(tags.slice(i, i + ROWS_PER_INSERT)).execute();
    }
    if (notices.length > 0 && this.db.dialect === 'postgres') {
      // One statement for the batch; unnest keeps the events' order.
      const payloads = notices.map((event) => this.changes.payload({ kind: 'article', event }));
      await sql`select pg_notify(${CHANGE_CHANNEL}, payload) from unnest(${payloads}::text[]) as payload`.execute(trx);
    }
  }

  private async freeSlug(trx: Kysely<Database>, base: string): Promise<string> {
    const root = slugify(base) || 'story';
    const taken = await trx
      .selectFrom('articles')
      .select('slug')
      // SQLite's LIKE ignores case and so cannot use the slug index (a scan per new story);
      // GLOB is case-sensitive and can. Slugs are [a-z0-9-], so neither pattern needs escaping.
      .where((eb) =>
        eb.or([
          eb('slug', '=', root),
          this.db.dialect === 'sqlite' ? sql<boolean>`slug glob ${`${root}-*`}` : eb('slug', 'like', `${root}-%`),
        ]),
      )
      .execute();
    const set = new Set(taken.map((r) => r.slug));
    return uniqueSlug(root, (s) => set.has(s));
  }

  private async writeAuthors(trx: Transaction<Database>, articleId: number, authorIds: number[], fresh = false, batch?: WriteBatch) {
    if (!fresh) {
      await trx.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
      if (batch) batch.authors = batch.authors.filter((row) => row.article_id !== articleId);
    }
    const unique = [...new Set(authorIds)];
    if (unique.length === 0) return;
    const rows = unique.map((authorId, position) => ({ article_id: articleId, author_id: authorId, position }));
    if (batch) batch.authors.push(...rows);
    else await trx.insertInto('article_authors').values(rows).execute();
  }

  private async writeTags(trx: Transaction<Database>, articleId: number, names: string[], fresh = false, batch?: WriteBatch) {
    if (!fresh) {
      await trx.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
      if (batch) batch.tags = batch.tags.filter((row) => row.article_id !== articleId);
    }
    if (batch) {
      const bySlug = await this.prepareTags(trx, names, batch);
      let position = 0;
      for (const slug of bySlug.keys()) batch.tags.push({ article_id: articleId, tag_id: batch.tagIds.get(slug) as number, position: position++ });
      return;
    }
    const bySlug = new Map<string, string>();
    for (const name of names) {
      const slug = tagSlug(name);
      if (slug && !bySlug.has(slug)) bySlug.set(slug, name.trim());
    }
    if (bySlug.size === 0) return;
    await trx
      .insertInto('tags')
      .values([...bySlug].map(([slug, name]) => ({ slug, name })))
      .onConflict((oc) => oc.column('slug').doNothing())
      .execute();
    const tags = await trx.selectFrom('tags').select(['id', 'slug']).where('slug', 'in', [...bySlug.keys()]).execute();
    const idBySlug = new Map(tags.map((t) => [t.slug, t.id]));
    await trx
      .insertInto('article_tags')
      .values(
        [...bySlug.keys()].map((slug, position) => ({ article_id: articleId, tag_id: idBySlug.get(slug) as number, position })),
      )
      .execute();
  }
}

/** Where a story in this section with this slug lives, and its top-level section. */
function placement(byId: ReadonlyMap<number, Section>, sectionId: number, slug: string) {
  const section = byId.get(sectionId);
  if (!section) {
    throw new DatelineError('BAD_INPUT', `There is no section with id ${sectionId}.`, {
      hint: 'Pick one of the site’s sections.',
    });
  }
  return { path: `${sectionPath(section, byId)}/${slug}`, rootId: rootSection(section, byId).id };
}
