import { type Kysely, sql } from 'kysely';
import type { Teaser } from '../domain/article.js';
import type { Section } from '../domain/section.js';
import { type ArticleReader, TEASER_COLUMNS, type TeaserReadOptions, type TeaserRow } from './article-reader.js';
import type { Db } from './database.js';
import { SEARCH_CONFIG } from './migrations/0023-search-parity.js';
import type { Database } from './schema.js';

const CONFIG = sql.raw(`'${SEARCH_CONFIG}'::regconfig`);
/** The same literal text as the list indexes' predicate, so both planners use them. */
const LISTED = sql<boolean>`a.status = 'published' and a.label <> 'sponsored'`;

/** What the related job needs of a story. */
export interface RelatedSubject {
  id: number;
  headline: string;
  summary: string;
  bodyText: string;
  dateline: string | null;
  /** Readers can see it (published, its time come, not sponsored). */
  visible: boolean;
  publishedAt: number;
}

/** An editor's pin or removal on a story's related list. */
export interface RelatedOverride {
  relatedId: number;
  action: 'pin' | 'remove';
  position: number;
  headline: string;
  path: string;
}

/** How long the count of visible stories (the N of IDF) is reused: it moves slowly. */
const TOTAL_TTL_MS = 60_000;

/** Stored related stories, the overrides editors set, and the reads the related job ranks with (migration 0028). */
/** How long a word's or a feature's story count is reused: counts of common words move slowly, and reading them is most of a ranking's cost. */
const COUNT_TTL_MS = 10 * 60_000;
const COUNT_CACHE_MAX = 50_000;

export class RelatedRepo {
  private total: { n: number; at: number } | null = null;
  /** Story events (published, updated, corrected, withdrawn) after `cursor`, oldest first: what the related jobs follow. */
  async storyEventsAfter(executor: Kysely<Database>, cursor: number, limit: number): Promise<Array<{ id: number; articleId: number }>> {
    const rows = await executor.selectFrom('article_events').select(['id', 'article_id']).where('id', '>', cursor).orderBy('id').limit(limit).execute();
    return rows.map((r) => ({ id: Number(r.id), articleId: Number(r.article_id) }));
  }

  /** Story counts of words (`w:` + word) and features (`entity:12`, `tag:7`), with when they were read. */
  private readonly counts = new Map<string, { n: number; at: number }>();

  private cached(key: string, now: number): number | undefined {
    const hit = this.counts.get(key);
    if (hit && now - hit.at < COUNT_TTL_MS) return hit.n;
    return undefined;
  }

  private remember(key: string, n: number, now: number): number {
    if (this.counts.size >= COUNT_CACHE_MAX) this.counts.clear();
    this.counts.set(key, { n, at: now });
    return n;
  }

  constructor(
    private readonly db: Db,
    private readonly articles: ArticleReader,
  ) {}

  /** As subject, on its own (the entity extraction reads the story before its job's transaction opens). */
  readSubject(id: number, now: Date): Promise<RelatedSubject | undefined> {
    return this.subject(this.db.kysely, id, now);
  }

  async subject(executor: Kysely<Database>, id: number, now: Date): Promise<RelatedSubject | undefined> {
    const row = await executor
      .selectFrom('articles')
      .select(['id', 'headline', 'summary', 'body_text', 'dateline', 'status', 'label', 'published_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const publishedAt = row.published_at === null ? 0 : Number(row.published_at);
    return {
      id: Number(row.id),
      headline: row.headline,
      summary: row.summary,
      bodyText: row.body_text,
      dateline: row.dateline,
      visible: row.status === 'published' && row.label !== 'sponsored' && row.published_at !== null && publishedAt <= now.getTime(),
      publishedAt,
    };
  }

  /** Stories readers can see now: the N of inverse document frequency, counted from the list index. */
  async totalVisible(executor: Kysely<Database>, now: Date): Promise<number> {
    if (this.total && now.getTime() - this.total.at < TOTAL_TTL_MS) return this.total.n;
    const row = await executor
      .selectFrom('articles as a')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(LISTED)
      .where('a.published_at', '<=', now.getTime())
      .executeTakeFirst();
    this.total = { n: Number(row?.n ?? 0), at: now.getTime() };
    return this.total.n;
  }

  /** The story's confirmed entities and its tags. */
  async features(executor: Kysely<Database>, id: number): Promise<{ entities: number[]; tags: number[] }> {
    const [entities, tags] = await Promise.all([
      executor
        .selectFrom('article_entities as ae')
        .innerJoin('entities as e', 'e.id', 'ae.entity_id')
        .select('ae.entity_id')
        .where('ae.article_id', '=', id)
        .where('e.status', '=', 'confirmed')
        .execute(),
      executor.selectFrom('article_tags').select('tag_id').where('article_id', '=', id).execute(),
    ]);
    return { entities: entities.map((r) => Number(r.entity_id)), tags: tags.map((r) => Number(r.tag_id)) };
  }

  /**
   * Stories that carry a feature, nearest in id (and so in time) to the
   * story, at most `cap`: a tag on ten thousand stories adds little to a
   * score, and reading all of them would cost more than the rest together.
   * Visibility is checked later, for the few that rank.
   */
  async carriers(executor: Kysely<Database>, kind: 'entity' | 'tag', featureId: number, aroundId: number, cap: number): Promise<{ ids: number[]; df: number }> {
    const half = Math.ceil(cap / 2);
    const side = (op: '<' | '>') =>
      kind === 'entity'
        ? executor
            .selectFrom('article_entities')
            .select('article_id as id')
            .where('entity_id', '=', featureId)
            .where('article_id', op, aroundId)
            .orderBy('article_id', op === '<' ? 'desc' : 'asc')
            .limit(half + 1)
            .execute()
        : executor
            .selectFrom('article_tags')
            .select('article_id as id')
            .where('tag_id', '=', featureId)
            .where('article_id', op, aroundId)
            .orderBy('article_id', op === '<' ? 'desc' : 'asc')
            .limit(half + 1)
            .execute();
    const [older, newer] = await Promise.all([side('<'), side('>')]);
    const ids = [...older.slice(0, half), ...newer.slice(0, half)].map((r) => Number(r.id));
    // More than the cap: the true count only matters for IDF, where past the cap it is counted once.
    const df = older.length > half || newer.length > half ? await this.countCarriers(executor, kind, featureId) : ids.length + 1;
    return { ids, df };
  }

  private async countCarriers(executor: Kysely<Database>, kind: 'entity' | 'tag', featureId: number): Promise<number> {
    const key = `${kind}:${featureId}`;
    const now = Date.now();
    const known = this.cached(key, now);
    if (known !== undefined) return known;
    const row =
      kind === 'entity'
        ? await executor.selectFrom('article_entities').select((eb) => eb.fn.countAll<number>().as('n')).where('entity_id', '=', featureId).executeTakeFirst()
        : await executor.selectFrom('article_tags').select((eb) => eb.fn.countAll<number>().as('n')).where('tag_id', '=', featureId).executeTakeFirst();
    return this.remember(key, Number(row?.n ?? 1), now);
  }

  /** Of these stories, the ones readers can see now, with their publication times. */
  async visibleTimes(executor: Kysely<Database>, ids: readonly number[], now: Date): Promise<Map<number, number>> {
    if (ids.length === 0) return new Map();
    const rows = await executor
      .selectFrom('articles as a')
      .select(['a.id', 'a.published_at'])
      .where('a.id', 'in', [...ids])
      .where(LISTED)
      .where('a.published_at', '<=', now.getTime())
      .execute();
    return new Map(rows.map((r) => [Number(r.id), Number(r.published_at)]));
  }

  /**
   * Of the story's distinctive words, those that at most `cap` visible
   * stories hold: a word in half the archive says nothing about what a
   * story is about, and ranking its matches would read half the archive.
   */
  async rareTerms(executor: Kysely<Database>, terms: readonly string[], cap: number, now: Date): Promise<string[]> {
    const at = Date.now();
    const counts = await Promise.all(
      terms.map(async (term) => {
        const key = `w:${term}:${cap}`;
        const known = this.cached(key, at);
        if (known !== undefined) return known;
        return this.remember(key, await this.countTerm(executor, term, cap, now), at);
      }),
    );
    return terms.filter((_, i) => (counts[i] ?? 0) > 1 && (counts[i] ?? 0) <= cap);
  }

  /** Visible stories holding a word, counted up to cap + 1. */
  private async countTerm(executor: Kysely<Database>, term: string, cap: number, now: Date): Promise<number> {
    if (this.db.dialect === 'sqlite') {
      const { rows } = await sql<{ n: number }>`select count(*) as n from (select rowid from articles_fts where articles_fts match ${`"${term}"`} limit ${cap + 1})`.execute(executor);
      return Number(rows[0]?.n ?? 0);
    }
    const { rows } = await sql<{ n: number }>`select count(*) as n from (
      select 1 from articles a where a.search_vector @@ to_tsquery(${CONFIG}, ${term}) and ${LISTED} and a.published_at <= ${now.getTime()} limit ${cap + 1}) s`.execute(executor);
    return Number(rows[0]?.n ?? 0);
  }


  /** The search index's best matches for any of the words (bm25 on SQLite, ts_rank on PostgreSQL), higher is better. */
  async textMatches(executor: Kysely<Database>, terms: readonly string[], excludeId: number | null, now: Date, limit: number): Promise<Array<{ id: number; score: number; publishedAt: number }>> {
    if (terms.length === 0) return [];
    if (this.db.dialect === 'sqlite') {
      const match = terms.map((t) => `"${t}"`).join(' OR ');
      const { rows } = await sql<{ id: number; score: number; published_at: number }>`
        select a.id, -bm25(articles_fts, 10.0, 4.0, 1.0) as score, a.published_at
        from articles_fts cross join articles a on a.id = articles_fts.rowid
        where articles_fts match ${match} and ${LISTED} and a.published_at <= ${now.getTime()} and a.id <> ${excludeId ?? 0}
        order by bm25(articles_fts, 10.0, 4.0, 1.0)
        limit ${limit}`.execute(executor);
      return rows.map((r) => ({ id: Number(r.id), score: Number(r.score), publishedAt: Number(r.published_at) }));
    }
    const query = terms.join(' | ');
    const { rows } = await sql<{ id: number; score: number; published_at: number }>`
      select a.id, ts_rank(a.search_vector, to_tsquery(${CONFIG}, ${query})) as score, a.published_at
      from articles a
      where a.search_vector @@ to_tsquery(${CONFIG}, ${query}) and ${LISTED} and a.published_at <= ${now.getTime()} and a.id <> ${excludeId ?? 0}
      order by score desc, a.id desc
      limit ${limit}`.execute(executor);
    return rows.map((r) => ({ id: Number(r.id), score: Number(r.score), publishedAt: Number(r.published_at) }));
  }

  /** Replaces a story's stored list; returns whether it changed (so its page is purged only then). */
  async save(executor: Kysely<Database>, articleId: number, list: ReadonlyArray<{ id: number; score: number; pinned: boolean }>): Promise<boolean> {
    const before = await executor.selectFrom('related_stories').select(['related_id', 'pinned']).where('article_id', '=', articleId).orderBy('position').execute();
    const same = before.length === list.length && before.every((r, i) => Number(r.related_id) === list[i]?.id && (Number(r.pinned) === 1) === list[i]?.pinned);
    if (same) {
      // Scores drift with every new story; positions and members did not, so readers see no change.
      return false;
    }
    await executor.deleteFrom('related_stories').where('article_id', '=', articleId).execute();
    if (list.length > 0) {
      await executor
        .insertInto('related_stories')
        .values(list.map((r, position) => ({ article_id: articleId, related_id: r.id, position, score: r.score, pinned: r.pinned ? 1 : 0 })))
        .execute();
    }
    return true;
  }

  /** The stories whose stored lists hold this one. */
  async listersOf(executor: Kysely<Database>, articleId: number, limit = 200): Promise<number[]> {
    const rows = await executor.selectFrom('related_stories').select('article_id').where('related_id', '=', articleId).limit(limit).execute();
    return rows.map((r) => Number(r.article_id));
  }

  /** The stored list's ids in order (for the job's neighbours). */
  async storedIds(executor: Kysely<Database>, articleId: number): Promise<number[]> {
    const rows = await executor.selectFrom('related_stories').select('related_id').where('article_id', '=', articleId).orderBy('position').execute();
    return rows.map((r) => Number(r.related_id));
  }

  /** What the desk shows of a story's related stories: the stored list in order, with headlines and paths, and the editors' pins and removals. */
  async forDesk(articleId: number): Promise<{ items: Array<{ id: number; headline: string; path: string; pinned: boolean }>; overrides: RelatedOverride[] }> {
    const [rows, overrides] = await Promise.all([
      this.db.kysely
        .selectFrom('related_stories as r')
        .innerJoin('articles as a', 'a.id', 'r.related_id')
        .select(['a.id', 'a.headline', 'a.path', 'r.pinned'])
        .where('r.article_id', '=', articleId)
        .orderBy('r.position')
        .execute(),
      this.overrides(this.db.kysely, articleId),
    ]);
    return { items: rows.map((r) => ({ id: Number(r.id), headline: r.headline, path: r.path, pinned: Number(r.pinned) === 1 })), overrides };
  }

  async overrides(executor: Kysely<Database>, articleId: number): Promise<RelatedOverride[]> {
    const rows = await executor
      .selectFrom('related_overrides as o')
      .innerJoin('articles as a', 'a.id', 'o.related_id')
      .select(['o.related_id', 'o.action', 'o.position', 'a.headline', 'a.path'])
      .where('o.article_id', '=', articleId)
      .orderBy('o.position')
      .orderBy('o.created_at')
      .execute();
    return rows.map((r) => ({ relatedId: Number(r.related_id), action: r.action, position: Number(r.position), headline: r.headline, path: r.path }));
  }

  async setOverride(executor: Kysely<Database>, articleId: number, relatedId: number, action: 'pin' | 'remove', now: Date): Promise<void> {
    const pins = await executor.selectFrom('related_overrides').select((eb) => eb.fn.countAll<number>().as('n')).where('article_id', '=', articleId).where('action', '=', 'pin').executeTakeFirst();
    await executor.deleteFrom('related_overrides').where('article_id', '=', articleId).where('related_id', '=', relatedId).execute();
    await executor
      .insertInto('related_overrides')
      .values({ article_id: articleId, related_id: relatedId, action, position: action === 'pin' ? Number(pins?.n ?? 0) : 0, created_at: now.getTime() })
      .execute();
  }

  async clearOverride(executor: Kysely<Database>, articleId: number, relatedId: number): Promise<boolean> {
    const result = await executor.deleteFrom('related_overrides').where('article_id', '=', articleId).where('related_id', '=', relatedId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /**
   * The related stories a reader sees: stored, visible now, without the ones
   * `exclude` holds ("More in SECTION" already shows them), at most `limit`.
   * One indexed read: nothing is ranked on a reader's request.
   */
  async forPage(articleId: number, now: Date, exclude: ReadonlySet<number>, limit: number): Promise<Teaser[]> {
    const rows = await this.visibleRows(articleId, now, limit + exclude.size);
    return this.articles.teasers(rows.filter((r) => !exclude.has(Number(r.id))).slice(0, limit));
  }

  /**
   * A story page's three lists, read together and hydrated in one go (each
   * of bylines, pictures and sponsors read once for all, not once a list):
   * More in SECTION (the section's newest but this story), the sponsored
   * box, and Related without those More in SECTION shows. With `kept`, which
   * stories each list holds is still read every time (index reads of ids);
   * their teasers come from those kept between renders (see KeptTeasers).
   */
  async storyPageLists(
    story: { id: number; section: Section },
    now: Date,
    limits: { moreInSection: number; sponsored: number; related: number },
    options: TeaserReadOptions = {},
  ): Promise<{ moreInSection: Teaser[]; sponsored: Teaser[]; related: Teaser[] }> {
    const lists = [
      { scope: { kind: 'section', section: story.section }, limit: limits.moreInSection, excludeId: story.id, now },
      { scope: { kind: 'sponsored' }, limit: limits.sponsored, now },
    ] as const;
    // Enough to fill the block when every story More in SECTION shows is also related.
    const relatedLimit = limits.related + limits.moreInSection;
    if (options.kept && (await this.articles.keptUsable())) {
      const [[moreIds = [], sponsoredIds = []], relatedIds] = await Promise.all([
        this.articles.newestIds(lists),
        this.visible(story.id, now, relatedLimit)
          .select('r.related_id')
          .execute()
          .then((rows) => rows.map((r) => Number(r.related_id))),
      ]);
      const shown = new Set(moreIds);
      const relatedShown = relatedIds.filter((id) => !shown.has(id)).slice(0, limits.related);
      const byId = await this.articles.teasersById([...moreIds, ...sponsoredIds, ...relatedShown]);
      const teasers = (ids: readonly number[]) => ids.flatMap((id) => byId.get(id) ?? []);
      return { moreInSection: teasers(moreIds), sponsored: teasers(sponsoredIds), related: teasers(relatedShown) };
    }
    const [[more = [], sponsored = []], related] = await Promise.all([
      this.articles.newestRows(lists),
      this.visibleRows(story.id, now, relatedLimit),
    ]);
    const shown = new Set(more.map((r) => Number(r.id)));
    const [moreInSection = [], sponsoredTeasers = [], relatedTeasers = []] = await this.articles.teaserLists([
      more,
      sponsored,
      related.filter((r) => !shown.has(Number(r.id))).slice(0, limits.related),
    ]);
    return { moreInSection, sponsored: sponsoredTeasers, related: relatedTeasers };
  }

  /** Stored related stories readers can see now, in their stored order: one indexed read. */
  private visibleRows(articleId: number, now: Date, limit: number): Promise<TeaserRow[]> {
    return this.visible(articleId, now, limit).select(TEASER_COLUMNS).execute();
  }

  private visible(articleId: number, now: Date, limit: number) {
    return this.db.kysely
      .selectFrom('related_stories as r')
      .innerJoin('articles as a', 'a.id', 'r.related_id')
      .where('r.article_id', '=', articleId)
      .where(LISTED)
      .where('a.published_at', '<=', now.getTime())
      .orderBy('r.position')
      .limit(limit);
  }
}
