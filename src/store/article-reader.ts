import { CompiledQuery, type Kysely, type Selectable, sql } from 'kysely';
import type { Article, ArticleStatus, ListCursor, Teaser } from '../domain/article.js';
import { excerpt } from '../domain/excerpt.js';
import type { Label } from '../domain/label.js';
import type { Section } from '../domain/section.js';
import { notesFor } from './article-notes.js';
import type { AuthorRepo } from './author-repo.js';
import type { ChangeFeed } from './change-feed.js';
import type { Db } from './database.js';
import { KeptTeasers } from './kept-teasers.js';
import type { MediaRepo } from './media-repo.js';
import { articleFields, toDate } from './rows.js';
import type { ArticleTable, Database } from './schema.js';
import type { SectionRepo } from './section-repo.js';
import type { SponsorRepo } from './sponsor-repo.js';
import type { TagRepo } from './tag-repo.js';

/** Which stories a list holds. */
export type ListScope =
  | { kind: 'all' }
  | { kind: 'section'; section: Section }
  | { kind: 'author'; authorId: number }
  | { kind: 'tag'; tagId: number }
  /** The stories that name a confirmed entity (a topic page). */
  | { kind: 'topic'; entityId: number }
  | { kind: 'sponsored' };

export interface ListQuery {
  scope: ListScope;
  limit: number;
  /** Older than this (the next page). */
  before?: ListCursor | undefined;
  /** Newer than this (the previous page). */
  after?: ListCursor | undefined;
  /** Leave this story out ("More in" on its own page). */
  excludeId?: number | undefined;
  now: Date;
}

export interface ListPage {
  items: Teaser[];
  /** Cursor for the next (older) page, when there is one. */
  older: ListCursor | null;
  /** Cursor for the previous (newer) page, when there is one. */
  newer: ListCursor | null;
}

export type PathLookup = { kind: 'article'; article: Article } | { kind: 'moved'; id: number; path: string } | { kind: 'none' };

// The same literal text as the partial indexes' predicates, so both planners
// can prove a query may use them (a bound parameter would not match).
const LISTED = sql<boolean>`status = 'published' and label <> 'sponsored'`;
const SPONSORED = sql<boolean>`status = 'published' and label = 'sponsored'`;

type Row = Selectable<ArticleTable>;

/**
 * The opening of the body a teaser's excerpt is cut from: the excerpt is at
 * most TEASER_EXCERPT_CHARS of whitespace-collapsed text, so reading whole
 * bodies (kilobytes each) for a list would be most of a front's query time.
 */
export const TEASER_BODY_OPENING = sql<string>`substr(a.body_text, 1, 600)`.as('body_text');

/** The columns a teaser needs; lists never read the body's HTML, and only the opening of its text. */
export const TEASER_COLUMNS = [
  'a.id',
  'a.path',
  'a.headline',
  'a.summary',
  TEASER_BODY_OPENING,
  'a.label',
  'a.section_id',
  'a.published_at',
  'a.lead_media_id',
  'a.sponsor_id',
] as const;
export type TeaserRow = Pick<
  Row,
  'id' | 'path' | 'headline' | 'summary' | 'body_text' | 'label' | 'section_id' | 'published_at' | 'lead_media_id' | 'sponsor_id'
>;

const TEASER_EXCERPT_CHARS = 180;

/** How a reader method reads the teasers it returns. */
export interface TeaserReadOptions {
  /**
   * Use the teasers kept between renders (see KeptTeasers): the reader site's
   * fronts. The newsroom, the API and the cache tier's own fetches (which
   * must see a change this node has not heard of yet) leave it off and read
   * every story from the database.
   */
  kept?: boolean | undefined;
}

/** Reads stories for the reader site; never writes. */
export class ArticleReader {
  /** Teasers kept between renders, dropped through the change path; only while this process follows it. */
  private readonly kept: KeptTeasers | undefined;
  /** One catch-up with the change feed per render: keyed by the options object its reads share. */
  private readonly caughtUp = new WeakMap<TeaserReadOptions, Promise<boolean>>();
  /** listIdsAtOnce's SQL by the shape of its lists. */
  private readonly listIdsSql = new Map<string, string>();

  constructor(
    private readonly db: Db,
    private readonly sections: SectionRepo,
    private readonly authors: AuthorRepo,
    private readonly media: MediaRepo,
    private readonly sponsors: SponsorRepo,
    private readonly tags: TagRepo,
    private readonly changes?: ChangeFeed,
  ) {
    this.kept = changes && new KeptTeasers(changes);
  }

  /** The story at a path, or where it moved to when its slug or section changed. */
  async byPath(path: string): Promise<PathLookup> {
    const row = await this.db.kysely.selectFrom('articles').selectAll().where('path', '=', path).executeTakeFirst();
    if (row) return { kind: 'article', article: await this.hydrate(row) };
    const moved = await this.db.kysely
      .selectFrom('article_paths as p')
      .innerJoin('articles as a', 'a.id', 'p.article_id')
      .select(['a.id', 'a.path'])
      .where('p.path', '=', path)
      .executeTakeFirst();
    return moved ? { kind: 'moved', id: moved.id, path: moved.path } : { kind: 'none' };
  }

  async byId(id: number): Promise<Article | undefined> {
    const row = await this.db.kysely.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.hydrate(row) : undefined;
  }

  /**
   * Where these stories live and whether readers may see them, by id, in one
   * read per 500 ids: a push's answer names hundreds of stories, and hydrating
   * each (bylines, tags, pictures, notes) held the event loop for a second.
   */
  async placesOf(ids: readonly number[]): Promise<Map<number, Pick<Article, 'id' | 'path' | 'status' | 'publishedAt'>>> {
    const places = new Map<number, Pick<Article, 'id' | 'path' | 'status' | 'publishedAt'>>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await this.db.kysely
        .selectFrom('articles')
        .select(['id', 'path', 'status', 'published_at'])
        .where('id', 'in', unique.slice(i, i + 500))
        .execute();
      for (const row of rows) places.set(row.id, { id: row.id, path: row.path, status: row.status as ArticleStatus, publishedAt: toDate(row.published_at) });
    }
    return places;
  }

  /** One page of published stories, newest first, by keyset so any depth costs the same. */
  async list(query: ListQuery): Promise<ListPage> {
    const { limit, before, after } = query;
    const newestFirst = !after;
    let q = this.scoped(this.db.kysely, query)
      .select(TEASER_COLUMNS)
      .orderBy('a.published_at', newestFirst ? 'desc' : 'asc')
      .orderBy('a.id', newestFirst ? 'desc' : 'asc')
      .limit(limit + 1);
    if (before) q = q.where((eb) => eb(eb.refTuple('a.published_at', 'a.id'), '<', eb.tuple(before.publishedAt, before.id)));
    if (after) q = q.where((eb) => eb(eb.refTuple('a.published_at', 'a.id'), '>', eb.tuple(after.publishedAt, after.id)));
    const rows: TeaserRow[] = await q.execute();
    const hasMore = rows.length > limit;
    const page = rows.slice(0, limit);
    if (!newestFirst) page.reverse();
    const items = await this.teasers(page);
    const first = page[0];
    const last = page[page.length - 1];
    const cursorOf = (row: TeaserRow): ListCursor => ({ publishedAt: row.published_at as number, id: row.id });

    let older: ListCursor | null = null;
    let newer: ListCursor | null = null;
    if (newestFirst) {
      if (hasMore && last) older = cursorOf(last);
      if (before && first) newer = (await this.exists(query, cursorOf(first), '>')) ? cursorOf(first) : null;
    } else {
      if (hasMore && first) newer = cursorOf(first);
      if (last) older = (await this.exists(query, cursorOf(last), '<')) ? cursorOf(last) : null;
    }
    return { items, older, newer };
  }

  /**
   * The newest stories of several lists at once (a front's blocks): one
   * indexed read per list, then one hydration (authors, pictures, sponsors)
   * for all of them, so the home page pays those queries once, not per block.
   */
  async newestOf(queries: ReadonlyArray<Pick<ListQuery, 'scope' | 'limit' | 'now'>>, options: TeaserReadOptions = {}): Promise<Teaser[][]> {
    if (options.kept && (await this.keptUsable(options))) {
      // Which stories each list holds is read every time (a story published, killed or moved, or
      // an embargo that ran out, shows at once); only their teasers come from memory.
      const idLists = await this.listIdsAtOnce(queries);
      const byId = await this.teasersById(idLists.flat());
      return idLists.map((ids) => ids.flatMap((id) => byId.get(id) ?? []));
    }
    const lists = await Promise.all(
      queries.map((query) =>
        this.scoped(this.db.kysely, query).select(TEASER_COLUMNS).orderBy('a.published_at', 'desc').orderBy('a.id', 'desc').limit(query.limit).execute(),
      ),
    );
    const unique = new Map<number, TeaserRow>();
    for (const rows of lists) for (const row of rows) unique.set(row.id, row);
    const byId = new Map((await this.teasers([...unique.values()])).map((t) => [t.id, t]));
    return lists.map((rows) => rows.flatMap((row) => byId.get(row.id) ?? []));
  }

  /**
   * The ids of the newest stories of several lists, newest first, in one
   * statement: each list its own keyset seek (as in `scoped`), joined by
   * UNION ALL, its SQL text made once per shape of lists. A front asks for
   * up to eight lists at every render; building and sending each through
   * the query builder cost more than SQLite's reading them.
   */
  private async listIdsAtOnce(queries: ReadonlyArray<Pick<ListQuery, 'scope' | 'limit' | 'now'>>): Promise<number[][]> {
    const shapes: string[] = [];
    const params: number[] = [];
    for (const { scope, limit, now } of queries) {
      params.push(now.getTime());
      if (scope.kind === 'all' || scope.kind === 'sponsored') shapes.push(scope.kind);
      else if (scope.kind === 'section') {
        shapes.push(scope.section.parentId === null ? 'root' : 'section');
        params.push(scope.section.id);
      } else {
        // Author, tag and topic lists are not on the fronts: one query each, as for any page.
        return Promise.all(
          queries.map(async (query) =>
            (await this.scoped(this.db.kysely, query).select('a.id').orderBy('a.published_at', 'desc').orderBy('a.id', 'desc').limit(query.limit).execute()).map(
              (row) => row.id,
            ),
          ),
        );
      }
      params.push(limit);
    }
    const shape = shapes.join(' ');
    let text = this.listIdsSql.get(shape);
    if (text === undefined) {
      let n = 0;
      const param = () => this.db.sql.placeholder(++n);
      text = shapes
        .map((kind, i) => {
          const listed = kind === 'sponsored' ? `status = 'published' and label = 'sponsored'` : `status = 'published' and label <> 'sponsored'`;
          const bound = `a.published_at <= ${param()}`;
          const within = kind === 'root' ? ` and a.root_section_id = ${param()}` : kind === 'section' ? ` and a.section_id = ${param()}` : '';
          return `select ${i} as list, l${i}.id, l${i}.published_at from (select a.id, a.published_at from articles as a where ${listed} and ${bound}${within} order by a.published_at desc, a.id desc limit ${param()}) as l${i}`;
        })
        .join(' union all ');
      this.listIdsSql.set(shape, text);
    }
    const { rows } = await this.db.kysely.executeQuery<{ list: number; id: number; published_at: number }>(CompiledQuery.raw(text, params));
    const lists: Array<Array<{ id: number; at: number }>> = queries.map(() => []);
    for (const row of rows) lists[Number(row.list)]?.push({ id: Number(row.id), at: Number(row.published_at) });
    // UNION ALL keeps each list's order in practice, but SQL does not promise it.
    return lists.map((list) => list.sort((a, b) => b.at - a.at || b.id - a.id).map((item) => item.id));
  }

  /**
   * Whether kept teasers may be used now: this process hears every change,
   * and has heard all committed so far. Pass the read's options: the reads
   * of one render share them, and so share one catch-up (the first), made
   * after the render began.
   */
  keptUsable(options?: TeaserReadOptions): Promise<boolean> {
    if (!this.kept || !this.changes?.isFollowing) return Promise.resolve(false);
    if (!options) return this.changes.catchUp().then(() => true);
    let ready = this.caughtUp.get(options);
    if (!ready) {
      ready = this.changes.catchUp().then(() => true);
      this.caughtUp.set(options, ready);
    }
    return ready;
  }

  /**
   * Teasers of these stories: those kept as they are, the rest read and
   * hydrated in one go and kept. Call keptUsable() first.
   */
  async teasersById(ids: readonly number[]): Promise<Map<number, Teaser>> {
    const kept = this.kept;
    const found = new Map<number, Teaser>();
    if (!kept) return found;
    const now = Date.now();
    const missing: number[] = [];
    for (const id of ids) {
      const teaser = kept.get(id, now);
      if (teaser) found.set(id, teaser);
      else if (!found.has(id)) missing.push(id);
    }
    if (missing.length === 0) return found;
    const epoch = kept.epoch;
    const rows: TeaserRow[] = await this.db.kysely.selectFrom('articles as a').select(TEASER_COLUMNS).where('a.id', 'in', [...new Set(missing)]).execute();
    const read = await this.teasers(rows);
    kept.keep(read, epoch, now);
    for (const teaser of read) found.set(teaser.id, teaser);
    return found;
  }

  private async exists(query: ListQuery, cursor: ListCursor, op: '<' | '>'): Promise<boolean> {
    const row = await this.scoped(this.db.kysely, query)
      .select('a.id')
      .where((eb) => eb(eb.refTuple('a.published_at', 'a.id'), op, eb.tuple(cursor.publishedAt, cursor.id)))
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Whether at most `limit` stories are newer than `cursor`: then the page
   * before it is the first one. Reads at most limit+1 index entries.
   */
  async isFirstPageBefore(query: Omit<ListQuery, 'before' | 'after'>, cursor: ListCursor): Promise<boolean> {
    const rows = await this.scoped(this.db.kysely, query)
      .select('a.id')
      .where((eb) => eb(eb.refTuple('a.published_at', 'a.id'), '>', eb.tuple(cursor.publishedAt, cursor.id)))
      .orderBy('a.published_at', 'asc')
      .orderBy('a.id', 'asc')
      .limit(query.limit + 1)
      .execute();
    return rows.length <= query.limit;
  }

  private scoped(kysely: Kysely<Database>, query: Pick<ListQuery, 'scope' | 'now' | 'before' | 'excludeId'>) {
    const { scope, before } = query;
    let q = kysely.selectFrom('articles as a').where(scope.kind === 'sponsored' ? SPONSORED : LISTED);
    // An older-than cursor from the past already bounds the range; adding
    // published_at <= now as well makes SQLite seek from now and filter its
    // way down to the cursor, so deep pages would cost more than page 1.
    // A cursor in the future (forged) still gets the bound.
    if (!before || before.publishedAt > query.now.getTime()) {
      q = q.where('a.published_at', '<=', query.now.getTime());
    }
    if (query.excludeId !== undefined) q = q.where('a.id', '<>', query.excludeId);
    switch (scope.kind) {
      case 'section':
        return scope.section.parentId === null
          ? q.where('a.root_section_id', '=', scope.section.id)
          : q.where('a.section_id', '=', scope.section.id);
      case 'author':
        return q.where('a.id', 'in', (eb) =>
          eb.selectFrom('article_authors').select('article_id').where('author_id', '=', scope.authorId),
        );
      case 'tag':
        return q.where('a.id', 'in', (eb) =>
          eb.selectFrom('article_tags').select('article_id').where('tag_id', '=', scope.tagId),
        );
      case 'topic':
        return q.where('a.id', 'in', (eb) =>
          eb.selectFrom('article_entities').select('article_id').where('entity_id', '=', scope.entityId),
        );
      default:
        return q;
    }
  }

  /** Rows to teasers: authors, pictures and sponsors each in one query for the whole list (also for search hits). */
  async teasers(rows: TeaserRow[]): Promise<Teaser[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [authors, media, sponsors, byId] = await Promise.all([
      this.authors.bylinesForArticles(ids),
      this.media.many(rows.flatMap((r) => (r.lead_media_id === null ? [] : [r.lead_media_id]))),
      this.sponsors.many(rows.flatMap((r) => (r.sponsor_id === null ? [] : [r.sponsor_id]))),
      this.sections.byId(),
    ]);
    return rows.flatMap((row) => {
      const section = byId.get(row.section_id);
      if (!section || row.published_at === null) return [];
      return [
        {
          id: row.id,
          path: row.path,
          headline: row.headline,
          summary: row.summary,
          excerpt: excerpt(row.body_text, TEASER_EXCERPT_CHARS),
          label: row.label as Label,
          section,
          publishedAt: new Date(row.published_at),
          authors: authors.get(row.id) ?? [],
          leadMedia: row.lead_media_id === null ? null : (media.get(row.lead_media_id) ?? null),
          sponsor: row.sponsor_id === null ? null : (sponsors.get(row.sponsor_id) ?? null),
        },
      ];
    });
  }

  /**
   * The newest rows of several lists, not yet teasers: for a page that shows
   * lists of different kinds and hydrates them together (see teaserLists).
   */
  async newestRows(queries: ReadonlyArray<Pick<ListQuery, 'scope' | 'limit' | 'now' | 'excludeId'>>): Promise<TeaserRow[][]> {
    return Promise.all(
      queries.map((query) =>
        this.scoped(this.db.kysely, query).select(TEASER_COLUMNS).orderBy('a.published_at', 'desc').orderBy('a.id', 'desc').limit(query.limit).execute(),
      ),
    );
  }

  /** Which stories several lists hold, newest first: index reads of ids alone (their teasers may be kept). */
  async newestIds(queries: ReadonlyArray<Pick<ListQuery, 'scope' | 'limit' | 'now' | 'excludeId'>>): Promise<number[][]> {
    return Promise.all(
      queries.map(async (query) =>
        (await this.scoped(this.db.kysely, query).select('a.id').orderBy('a.published_at', 'desc').orderBy('a.id', 'desc').limit(query.limit).execute()).map(
          (row) => row.id,
        ),
      ),
    );
  }

  /** Several lists of rows to teasers with one hydration: bylines, pictures and sponsors are each read once for all. */
  async teaserLists(lists: ReadonlyArray<readonly TeaserRow[]>): Promise<Teaser[][]> {
    const unique = new Map<number, TeaserRow>();
    for (const rows of lists) for (const row of rows) unique.set(row.id, row);
    const byId = new Map((await this.teasers([...unique.values()])).map((t) => [t.id, t]));
    return lists.map((rows) => rows.flatMap((row) => byId.get(row.id) ?? []));
  }

  private async hydrate(row: Row): Promise<Article> {
    const [{ authors, media }, tags, sponsors, byId, notes] = await Promise.all([
      // The lead picture comes in the same read as the bylines' pictures.
      this.authors.forArticlesWithMedia([row.id], row.lead_media_id === null ? [] : [row.lead_media_id]),
      this.tags.forArticle(row.id),
      this.sponsors.many(row.sponsor_id === null ? [] : [row.sponsor_id]),
      this.sections.byId(),
      notesFor(this.db, [row.id]),
    ]);
    const section = byId.get(row.section_id);
    if (!section) throw new Error(`Article ${row.id} points at missing section ${row.section_id}`);
    return {
      ...articleFields(row),
      section,
      authors: authors.get(row.id) ?? [],
      tags,
      leadMedia: row.lead_media_id === null ? null : (media.get(row.lead_media_id) ?? null),
      sponsor: row.sponsor_id === null ? null : (sponsors.get(row.sponsor_id) ?? null),
      corrections: notes.get(row.id) ?? [],
    };
  }
}
