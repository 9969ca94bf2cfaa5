import type { MonthCount } from '../../store/index.js';

/** Most URLs one sitemap file may hold (sitemaps.org). */
export const MAX_SITEMAP_URLS = 50_000;

/** One monthly article sitemap file. */
export interface ArticleSitemapFile {
  /** `articles-2026-11.xml`, then `articles-2026-11-2.xml` … when a month needs more files. */
  name: string;
  month: string;
  /** 1-based file number within the month. */
  page: number;
  lastmod: number;
}

/**
 * The article sitemap files for the months that have stories: one per month,
 * split into several when a month holds more than `perFile` stories.
 *
 * @example articleSitemapFiles([{ month: '2026-11', count: 3, lastmod: 0 }], 2).map((f) => f.name) // ['articles-2026-11.xml', 'articles-2026-11-2.xml']
 */
export function articleSitemapFiles(months: readonly MonthCount[], perFile = MAX_SITEMAP_URLS): ArticleSitemapFile[] {
  return months.flatMap(({ month, count, lastmod }) => {
    const files = Math.max(1, Math.ceil(count / perFile));
    return Array.from({ length: files }, (_, i) => ({ name: articleSitemapName(month, i + 1), month, page: i + 1, lastmod }));
  });
}

export function articleSitemapName(month: string, page: number): string {
  return page === 1 ? `articles-${month}.xml` : `articles-${month}-${page}.xml`;
}

/** Reads a file name back into its month and page; null for anything that is not one (`-1` is not: page 1 has no number). */
export function parseArticleSitemapName(name: string): { month: string; page: number } | null {
  const match = /^articles-(\d{4})-(0[1-9]|1[0-2])(?:-([2-9]|[1-9]\d{1,5}))?\.xml$/.exec(name);
  if (!match) return null;
  return { month: `${match[1]}-${match[2]}`, page: match[3] ? Number(match[3]) : 1 };
}

/** The month's bounds in epoch ms, UTC: [from, to). */
export function monthRange(month: string): { from: number; to: number } {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return { from: Date.UTC(year, mon - 1, 1), to: Date.UTC(year, mon, 1) };
}
