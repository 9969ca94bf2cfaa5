import { escapeHtml } from '../../domain/html-text.js';

/** One `<url>` or `<sitemap>` entry; lastmod is already W3C Datetime text. */
export interface SitemapUrl {
  loc: string;
  lastmod?: string | undefined;
}

export interface NewsUrl {
  loc: string;
  title: string;
  /** W3C Datetime of first publication. */
  publicationDate: string;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';

function lastmod(value: string | undefined): string {
  return value ? `<lastmod>${escapeHtml(value)}</lastmod>` : '';
}

/** A `<urlset>` (sitemaps.org protocol). */
export function urlsetXml(urls: readonly SitemapUrl[]): string {
  const body = urls.map((u) => `<url><loc>${escapeHtml(u.loc)}</loc>${lastmod(u.lastmod)}</url>\n`).join('');
  return `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NS}">\n${body}</urlset>\n`;
}

/** A `<sitemapindex>` naming other sitemaps. */
export function sitemapIndexXml(sitemaps: readonly SitemapUrl[]): string {
  const body = sitemaps.map((s) => `<sitemap><loc>${escapeHtml(s.loc)}</loc>${lastmod(s.lastmod)}</sitemap>\n`).join('');
  return `${XML_DECLARATION}<sitemapindex xmlns="${SITEMAP_NS}">\n${body}</sitemapindex>\n`;
}

/** A Google News sitemap: each `<url>` with its `news:news` block. */
export function newsSitemapXml(publication: { name: string; language: string }, urls: readonly NewsUrl[]): string {
  const pub = `<news:publication><news:name>${escapeHtml(publication.name)}</news:name><news:language>${escapeHtml(publication.language)}</news:language></news:publication>`;
  const body = urls
    .map(
      (u) =>
        `<url><loc>${escapeHtml(u.loc)}</loc><news:news>${pub}<news:publication_date>${escapeHtml(u.publicationDate)}</news:publication_date><news:title>${escapeHtml(u.title)}</news:title></news:news></url>\n`,
    )
    .join('');
  return `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">\n${body}</urlset>\n`;
}

/**
 * The language code Google News wants: the primary subtag of a BCP 47 tag,
 * except Chinese, which it tells apart as zh-cn and zh-tw.
 *
 * @example newsLanguage('en-US') // 'en'
 */
export function newsLanguage(tag: string): string {
  const [primary = 'en', ...rest] = tag.toLowerCase().split('-');
  if (primary !== 'zh') return primary;
  if (rest.includes('tw') || rest.includes('hk') || rest.includes('hant')) return 'zh-tw';
  return 'zh-cn';
}
