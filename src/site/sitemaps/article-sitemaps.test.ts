import { describe, expect, it } from 'vitest';
import { articleSitemapFiles, monthRange, parseArticleSitemapName } from './article-sitemaps.js';

describe('article sitemap files', () => {
  it('makes one file per month while a month fits, and splits a month that does not', () => {
    const files = articleSitemapFiles(
      [
        { month: '2026-10', count: 4, lastmod: 1 },
        { month: '2026-11', count: 5, lastmod: 2 },
      ],
      4,
    );
    expect(files.map((f) => f.name)).toEqual(['articles-2026-10.xml', 'articles-2026-11.xml', 'articles-2026-11-2.xml']);
    expect(files.map((f) => f.page)).toEqual([1, 1, 2]);
  });

  it('keeps every file at or under 50,000 URLs by default', () => {
    const files = articleSitemapFiles([{ month: '2026-11', count: 120_001, lastmod: 0 }]);
    expect(files.map((f) => f.name)).toEqual(['articles-2026-11.xml', 'articles-2026-11-2.xml', 'articles-2026-11-3.xml']);
  });

  it('reads names back, and refuses anything else', () => {
    expect(parseArticleSitemapName('articles-2026-11.xml')).toEqual({ month: '2026-11', page: 1 });
    expect(parseArticleSitemapName('articles-2026-11-2.xml')).toEqual({ month: '2026-11', page: 2 });
    expect(parseArticleSitemapName('articles-2026-11-1.xml')).toBeNull();
    expect(parseArticleSitemapName('articles-2026-13.xml')).toBeNull();
    expect(parseArticleSitemapName('articles-2026-11-02.xml')).toBeNull();
    expect(parseArticleSitemapName('news.xml')).toBeNull();
  });

  it('bounds a month in UTC, December rolling into the next year', () => {
    expect(monthRange('2026-12')).toEqual({ from: Date.UTC(2026, 11, 1), to: Date.UTC(2027, 0, 1) });
  });
});
