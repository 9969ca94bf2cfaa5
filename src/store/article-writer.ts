import { type Kysely, sql, type Transaction } from 'kysely';
import type { ArticleStatus } from '../domain/article.js';
import { type ArticleEvent, type ArticleEventKind, eventFor } from '../domain/article-event.js';
import { mergePurges, type PurgeSet, type StoryPlacement, storyPurge } from '../domain/cache-keys.js';
import { DatelineError } from '../domain/errors.js';
import { textOfHtml } from '../domain/excerpt.js';
import type { Label } from '../domain/label.js';
import { rootSection, type Section, sectionPath } from '../domain/section.js';
import { slugify, uniqueSlug } from '../domain/slug.js';
import { tagSlug } from '../domain/tag.js';
import type { ChangeFeed } from './change-feed.js';
import type { Db } from './database.js';
import { insertedId } from './inserted-id.js';
import { writeArticleMedia } from './media-uses.js';
import type { OutboxEntry, OutboxRepo } from './outbox-repo.js';
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
  /** BCP 47 tag; null or absent: the site's language. */
  language?: string | null;
  /** A wire story's rights line and holder, from the agency's latest version. */
  copyrightNotice?: string | null;
  copyrightHolder?: string | null;
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
  /** What the batch's stories make stale: one outbox entry for the whole batch. */
  purges: PurgeSet[] = [];
}

/** Writes stories. Every change bumps modified_at so caches and ETags follow it. */
export class ArticleWriter {
  constructor(
    private readonly db: Db,
    private readonly sections: SectionRepo,
    private readonly changes: ChangeFeed,
    private readonly outbox: OutboxRepo,
  ) {}

  /** The outbox entry each event was recorded with, announced with it after commit. */
  private readonly entries = new WeakMap<ArticleEvent, OutboxEntry>();

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
      const { id, path, rootId } = row;
      // A new story has no authors or tags to clear.
      const authorIds = await this.writeAuthors(trx, id, input.authorIds, true, options.batch);
      const tagIds = await this.writeTags(trx, id, input.tagNames ?? [], true, options.batch);
      // The pictures its body shows follow its visibility (src/media/media-routes.ts).
      await writeArticleMedia(trx, id, input.bodyHtml, true);
      const kind = eventFor(null, { status: input.status, updatedAt: input.updatedAt?.getTime() ?? null });
      const placed: StoryPlacement = { sectionId: input.sectionId, rootSectionId: rootId, authorIds, tagIds };
      const event = kind ? await this.recordEvent(trx, id, kind, now, storyPurge(id, kind, null, placed), options.batch) : null;
      return { id, path, event };
    });
    if (result.event && !options.trx) this.announce([result.event]);
    return { id: result.id, path: result.path, event: result.event };
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
  ): Promise<{ id: number; path: string; rootId: number }> {
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
  ): Promise<{ id: number; path: string; rootId: number } | undefined> {
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
        language: input.language ?? null,
        copyright_notice: input.copyrightNotice ?? null,
        copyright_holder: input.copyrightHolder ?? null,
        published_at: input.publishedAt?.getTime() ?? null,
        updated_at: input.updatedAt?.getTime() ?? null,
        created_at: now.getTime(),
        modified_at: now.getTime(),
      });
    // Only a unique slug or path makes it do nothing; any other failure still throws.
    if (ifFree) query = query.onConflict((oc) => oc.doNothing());
    const id = await insertedId(this.db.dialect, query);
    return id === undefined ? undefined : { id, path, rootId };
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
        ['language', 'language', (v) => v],
        ['copyrightNotice', 'copyright_notice', (v) => v],
        ['copyrightHolder', 'copyright_holder', (v) => v],
        ['publishedAt', 'published_at', (v: Date | null) => v?.getTime() ?? null],
        ['updatedAt', 'updated_at', (v: Date | null) => v?.getTime() ?? null],
      ];
      for (const [key, column, convert] of columns) {
        if (patch[key] !== undefined) set[column] = convert(patch[key]);
      }
      // Bylines and tags before the change: the lists a story leaves must be purged too.
      const members = patch.authorIds || patch.tagNames ? await this.membersOf(trx, id) : null;
      await trx.updateTable('articles').set(set).where('id', '=', id).execute();
      if (patch.bodyHtml !== undefined) await writeArticleMedia(trx, id, patch.bodyHtml);
      const authorsAfter = patch.authorIds ? await this.writeAuthors(trx, id, patch.authorIds, false, options.batch) : null;
      const tagsAfter = patch.tagNames ? await this.writeTags(trx, id, patch.tagNames, false, options.batch) : null;
      const kind = eventFor(
        { status: current.status as ArticleStatus, updatedAt: current.updated_at },
        {
          status: (patch.status ?? current.status) as ArticleStatus,
          updatedAt: patch.updatedAt === undefined ? current.updated_at : (patch.updatedAt?.getTime() ?? null),
        },
        options.corrected,
      );
      if (!kind) return { path, event: null };
      // An unchanged byline or tag list matters only when the story joins or leaves every list.
      const unchanged = members ?? (kind === 'published' || kind === 'withdrawn' ? await this.membersOf(trx, id) : { authorIds: [], tagIds: [] });
      const before: StoryPlacement = { sectionId: current.section_id, rootSectionId: current.root_section_id, ...unchanged };
      const after: StoryPlacement = {
        sectionId,
        rootSectionId: rootId,
        authorIds: authorsAfter ?? unchanged.authorIds,
        tagIds: tagsAfter ?? unchanged.tagIds,
      };
      const event = await this.recordEvent(trx, id, kind, now, storyPurge(id, kind, before, after), options.batch);
      return { path, event };
    });
    if (result.event && !options.trx) this.announce([result.event]);
    return { path: result.path, event: result.event?.kind ?? null, recorded: result.event };
  }

  /** Tells caches and subscribers of events written inside a caller's transaction, once it committed. */
  announce(events: readonly ArticleEvent[]): void {
    const announced = new Set<number>();
    for (const event of events) {
      const entry = this.entries.get(event);
      if (entry && !announced.has(entry.id)) {
        announced.add(entry.id);
        this.changes.announceRecorded([entry]);
      }
    }
    for (const event of events) this.changes.announce({ kind: 'article', event });
  }

  /** A story's byline and tags as they are now. */
  private async membersOf(trx: Transaction<Database>, id: number): Promise<{ authorIds: number[]; tagIds: number[] }> {
    const [authors, tags] = await Promise.all([
      trx.selectFrom('article_authors').select('author_id').where('article_id', '=', id).execute(),
      trx.selectFrom('article_tags').select('tag_id').where('article_id', '=', id).execute(),
    ]);
    return { authorIds: authors.map((r) => r.author_id), tagIds: tags.map((r) => r.tag_id) };
  }

  private inTransaction<T>(outer: Transaction<Database> | undefined, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return outer ? work(outer) : this.db.kysely.transaction().execute(work);
  }

  /**
   * Writes the story event (for webhooks) and the change (for every node's
   * caches) in the story's transaction; a batch writes one change for all
   * its stories when it is flushed.
   */
  private async recordEvent(
    trx: Transaction<Database>,
    articleId: number,
    kind: ArticleEventKind,
    now: Date,
    purge: PurgeSet,
    batch?: WriteBatch,
  ): Promise<ArticleEvent> {
    if (batch) batch.purges.push(purge);
    if (batch && this.db.sql.gathersInserts) {
      // A statement costs PostgreSQL far more than the row; the batch's events go in together.
      const event: ArticleEvent = { id: 0, articleId, kind, at: now };
      batch.events.push(event);
      batch.notices.push(event);
      return event;
    }
    const id = await insertedId(this.db.dialect, trx.insertInto('article_events').values({ article_id: articleId, kind, at: now.getTime() }));
    const event: ArticleEvent = { id: id as number, articleId, kind, at: now };
    if (batch) batch.notices.push(event);
    else this.entries.set(event, await this.outbox.record(trx, purge, now));
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

  /** Writes what a batch kept back: bylines, tag links, story events and one outbox change. Call before commit. */
  async flushBatch(trx: Transaction<Database>, batch: WriteBatch): Promise<void> {
    const { authors, tags, notices, events, purges } = batch;
    batch.authors = [];
    batch.tags = [];
    batch.notices = [];
    batch.events = [];
    batch.purges = [];
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
    if (purges.length > 0) {
      const entry = await this.outbox.record(trx, mergePurges(purges), notices[0]?.at ?? new Date());
      for (const event of notices) this.entries.set(event, entry);
    }
  }

  private async freeSlug(trx: Kysely<Database>, base: string): Promise<string> {
    const root = slugify(base) || 'story';
    const taken = await trx
      .selectFrom('articles')
      .select('slug')
      // A prefix match the slug index serves (a scan per new story otherwise).
      .where((eb) => eb.or([eb('slug', '=', root), this.db.sql.startsWith('slug', `${root}-`)]))
      .execute();
    const set = new Set(taken.map((r) => r.slug));
    return uniqueSlug(root, (s) => set.has(s));
  }

  /** Writes the byline; returns its author ids. */
  private async writeAuthors(trx: Transaction<Database>, articleId: number, authorIds: number[], fresh = false, batch?: WriteBatch): Promise<number[]> {
    if (!fresh) {
      await trx.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
      if (batch) batch.authors = batch.authors.filter((row) => row.article_id !== articleId);
    }
    const unique = [...new Set(authorIds)];
    if (unique.length === 0) return unique;
    const rows = unique.map((authorId, position) => ({ article_id: articleId, author_id: authorId, position }));
    if (batch) batch.authors.push(...rows);
    else await trx.insertInto('article_authors').values(rows).execute();
    return unique;
  }

  /** Writes the tags; returns their ids. */
  private async writeTags(trx: Transaction<Database>, articleId: number, names: string[], fresh = false, batch?: WriteBatch): Promise<number[]> {
    if (!fresh) {
      await trx.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
      if (batch) batch.tags = batch.tags.filter((row) => row.article_id !== articleId);
    }
    if (batch) {
      const bySlug = await this.prepareTags(trx, names, batch);
      let position = 0;
      const ids: number[] = [];
      for (const slug of bySlug.keys()) {
        const tagId = batch.tagIds.get(slug) as number;
        ids.push(tagId);
        batch.tags.push({ article_id: articleId, tag_id: tagId, position: position++ });
      }
      return ids;
    }
    const bySlug = new Map<string, string>();
    for (const name of names) {
      const slug = tagSlug(name);
      if (slug && !bySlug.has(slug)) bySlug.set(slug, name.trim());
    }
    if (bySlug.size === 0) return [];
    await trx
      .insertInto('tags')
      .values([...bySlug].map(([slug, name]) => ({ slug, name })))
      .onConflict((oc) => oc.column('slug').doNothing())
      .execute();
    const tags = await trx.selectFrom('tags').select(['id', 'slug']).where('slug', 'in', [...bySlug.keys()]).execute();
    const idBySlug = new Map(tags.map((t) => [t.slug, t.id]));
    const ids = [...bySlug.keys()].map((slug) => idBySlug.get(slug) as number);
    await trx
      .insertInto('article_tags')
      .values(ids.map((tagId, position) => ({ article_id: articleId, tag_id: tagId, position })))
      .execute();
    return ids;
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
