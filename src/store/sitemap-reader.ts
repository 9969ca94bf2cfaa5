import { type RawBuilder, sql } from 'kysely';
import type { Db } from './database.js';

/** How many public stories were first published in one UTC month, and the newest change among them. */
export interface MonthCount {
  /** `2026-11` */
  month: string;
  count: number;
  /** Epoch ms of the latest updated-or-published time in the month. */
  lastmod: number;
}

export interface SitemapEntry {
  path: string;
  publishedAt: number;
  updatedAt: number | null;
}

export interface NewsEntry {
  path: string;
  headline: string;
  publishedAt: number;
}

// The same literal text as the partial indexes' predicates (see article-reader.ts).
const PUBLISHED = sql<boolean>`status = 'published'`;
const LISTED = sql<boolean>`status = 'published' and label <> 'sponsored'`;
const LASTMOD = sql<number>`max(coalesce(updated_at, published_at))`;

/**
 * Reads what sitemaps list. Monthly article sitemaps hold every public story,
 * sponsored ones too (they are real pages); the news sitemap and the section
 * and author lists hold editorial stories only.
 */
export class SitemapReader {
  constructor(private readonly db: Db) {}

  /** Public stories per month of first publication (UTC), oldest month first. */
  async months(now: Date): Promise<MonthCount[]> {
    const rows = await this.db.kysely
      .selectFrom('articles')
      .select([this.monthOf().as('month'), sql<number>`count(*)`.as('count'), LASTMOD.as('lastmod')])
      .where(PUBLISHED)
      .where('published_at', '<=', now.getTime())
      .groupBy(this.monthOf())
      .orderBy(this.monthOf())
      .execute();
    return rows.map((r) => ({ month: r.month, count: Number(r.count), lastmod: Number(r.lastmod) }));
  }

  /** Public stories first published in [from, to), oldest first, one file's worth from `offset`. */
  async inRange(from: number, to: number, now: Date, offset: number, limit: number): Promise<SitemapEntry[]> {
    const rows = await this.db.kysely
      .selectFrom('articles')
      .select(['path', 'published_at', 'updated_at'])
      .where(PUBLISHED)
      .where('published_at', '>=', from)
      .where('published_at', '<', Math.min(to, now.getTime() + 1))
      .orderBy('published_at')
      .orderBy('id')
      .offset(offset)
      .limit(limit)
      .execute();
    return rows.map((r) => ({ path: r.path, publishedAt: r.published_at as number, updatedAt: r.updated_at }));
  }

  /** Editorial stories first published after `since`, newest first. */
  async news(since: Date, now: Date, limit: number): Promise<NewsEntry[]> {
    const rows = await this.db.kysely
      .selectFrom('articles')
      .select(['path', 'headline', 'published_at'])
      .where(LISTED)
      .where('published_at', '>', since.getTime())
      .where('published_at', '<=', now.getTime())
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ path: r.path, headline: r.headline, publishedAt: r.published_at as number }));
  }

  /** The newest editorial change per section id (the story's own section, not its parents). */
  async sectionLastmods(now: Date): Promise<Map<number, number>> {
    const rows = await this.db.kysely
      .selectFrom('articles')
      .select(['section_id', LASTMOD.as('lastmod')])
      .where(LISTED)
      .where('published_at', '<=', now.getTime())
      .groupBy('section_id')
      .execute();
    return new Map(rows.map((r) => [r.section_id, Number(r.lastmod)]));
  }

  /** Authors with at least one editorial story, by slug, with their newest change. */
  async authorLastmods(now: Date): Promise<Array<{ slug: string; lastmod: number }>> {
    const rows = await this.db.kysely
      .selectFrom('article_authors as aa')
      .innerJoin('articles', 'articles.id', 'aa.article_id')
      .innerJoin('authors as au', 'au.id', 'aa.author_id')
      .select(['au.slug', LASTMOD.as('lastmod')])
      .where(LISTED)
      .where('published_at', '<=', now.getTime())
      .groupBy('au.slug')
      .orderBy('au.slug')
      .execute();
    return rows.map((r) => ({ slug: r.slug, lastmod: Number(r.lastmod) }));
  }

  /** `YYYY-MM` of published_at in UTC, in each database's own words. */
  private monthOf(): RawBuilder<string> {
    return this.db.sql.monthOf('published_at');
  }
}
