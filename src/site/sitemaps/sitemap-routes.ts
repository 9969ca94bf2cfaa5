import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { authorPath } from '../../domain/author.js';
import { SITEMAPS_KEY } from '../../domain/cache-keys.js';
import { topicPath } from '../../domain/entity.js';
import { sectionPath } from '../../domain/section.js';
import { isoWithOffset } from '../../domain/time-format.js';
import type { Store } from '../../store/index.js';
import { type Generated, serveCached } from '../cached-response.js';
import type { PageCache } from '../page-cache.js';
import { cachePolicy, pageKeys } from '../page-keys.js';
import { absoluteUrl, currentSettings } from '../site-context.js';
import { articleSitemapFiles, MAX_SITEMAP_URLS, monthRange, parseArticleSitemapName } from './article-sitemaps.js';
import { robotsTxt } from './robots-txt.js';
import { newsLanguage, newsSitemapXml, type SitemapUrl, sitemapIndexXml, urlsetXml } from './sitemap-xml.js';

export interface SitemapDeps {
  store: Store;
  config: Readonly<Config>;
  cache: PageCache;
  clock: () => Date;
}

/** Google News lists stories first published in the last two days, at most 1,000. */
const NEWS_WINDOW_MS = 48 * 3_600_000;
const NEWS_MAX = 1_000;

const XML = 'application/xml; charset=utf-8';
const KEYS = pageKeys([SITEMAPS_KEY]);

/**
 * `/sitemap.xml` (the index), monthly article sitemaps, the Google News
 * sitemap, section and author sitemaps under `/sitemaps/`, and `/robots.txt`.
 */
export async function sitemapRoutes(app: FastifyInstance, deps: SitemapDeps): Promise<void> {
  const { store, config, cache, clock } = deps;
  const site = { url: config.siteUrl };
  // Times carry the offset of the site's zone as the Settings screen has it when the sitemap is made.
  const w3c = (ms: number, timeZone: string) => isoWithOffset(new Date(ms), timeZone);
  const timeZoneNow = async () => (await currentSettings(store, config)).timeZone;
  // reduce, not Math.max(...): a sitemap may hold 50,000 times, too many for spread arguments.
  const newest = (times: readonly number[]) => (times.length > 0 ? times.reduce((a, b) => Math.max(a, b)) : undefined);

  function serve(request: FastifyRequest, reply: FastifyReply, contentType: string, render: () => Promise<Generated | null>) {
    return serveCached(request, reply, { cache, contentType, policy: cachePolicy(config), render });
  }

  async function sectionUrls(now: Date): Promise<Array<{ loc: string; lastmod: number | undefined }>> {
    const [sections, byId, own] = await Promise.all([store.sections.all(), store.sections.byId(), store.sitemaps.sectionLastmods(now)]);
    // A top-level front lists its sub-sections' stories too.
    const treeLastmod = (id: number) =>
      newest(sections.filter((s) => s.id === id || s.parentId === id).flatMap((s) => own.get(s.id) ?? []));
    return [
      { loc: absoluteUrl(site, '/'), lastmod: newest([...own.values()]) },
      ...sections.map((s) => ({ loc: absoluteUrl(site, sectionPath(s, byId)), lastmod: treeLastmod(s.id) })),
    ];
  }

  async function authorUrls(now: Date) {
    return (await store.sitemaps.authorLastmods(now)).map((a) => ({ loc: absoluteUrl(site, authorPath(a)), lastmod: a.lastmod }));
  }

  /** Topic pages: confirmed people, organizations and places that published stories name (issue 14). */
  async function topicUrls(now: Date) {
    return (await store.entities.publicPage(now, { limit: MAX_SITEMAP_URLS })).map((e) => ({ loc: absoluteUrl(site, topicPath(e)), lastmod: e.lastPublishedAt as number | undefined }));
  }

  /** Published static pages (About, policies). */
  async function pageUrls() {
    return (await store.staticPages.all()).filter((p) => p.published).map((p) => ({ loc: absoluteUrl(site, p.path), lastmod: p.modifiedAt.getTime() }));
  }

  const newsSince = (now: Date) => new Date(now.getTime() - NEWS_WINDOW_MS);
  const toXmlUrls = (urls: Array<{ loc: string; lastmod: number | undefined }>, timeZone: string): SitemapUrl[] =>
    urls.map((u) => ({ loc: u.loc, lastmod: u.lastmod === undefined ? undefined : w3c(u.lastmod, timeZone) }));

  app.get('/sitemap.xml', (request, reply) =>
    serve(request, reply, XML, async () => {
      const now = clock();
      const [timeZone, months, news, sections, authors, pages, topics] = await Promise.all([
        timeZoneNow(),
        store.sitemaps.months(now),
        store.sitemaps.news(newsSince(now), now, 1),
        sectionUrls(now),
        authorUrls(now),
        pageUrls(),
        topicUrls(now),
      ]);
      const entries = [
        ...articleSitemapFiles(months).map((f) => ({ loc: `/sitemaps/${f.name}`, lastmod: f.lastmod as number | undefined })),
        { loc: '/sitemaps/news.xml', lastmod: news[0]?.publishedAt },
        { loc: '/sitemaps/sections.xml', lastmod: newest(sections.flatMap((s) => s.lastmod ?? [])) },
        { loc: '/sitemaps/authors.xml', lastmod: newest(authors.map((a) => a.lastmod)) },
        // Listed once the newsroom has a static page: an empty sitemap helps no crawler.
        ...(pages.length > 0 ? [{ loc: '/sitemaps/pages.xml', lastmod: newest(pages.map((p) => p.lastmod)) }] : []),
        ...(topics.length > 0 ? [{ loc: '/sitemaps/topics.xml', lastmod: newest(topics.flatMap((t) => t.lastmod ?? [])) }] : []),
      ].map((e) => ({ loc: absoluteUrl(site, e.loc), lastmod: e.lastmod }));
      return { body: sitemapIndexXml(toXmlUrls(entries, timeZone)), keys: KEYS, lastModified: newest(entries.flatMap((e) => e.lastmod ?? [])) };
    }),
  );

  app.get<{ Params: { file: string } }>('/sitemaps/:file', (request, reply) =>
    serve(request, reply, XML, async () => {
      const now = clock();
      const { file } = request.params;
      if (file === 'news.xml') {
        const news = await store.sitemaps.news(newsSince(now), now, NEWS_MAX);
        // The publication as the newsroom's settings name it now (a rename reaches Google News with the next fetch).
        const settings = await currentSettings(store, config);
        const publication = { name: settings.name, language: newsLanguage(settings.language) };
        const urls = news.map((n) => ({ loc: absoluteUrl(site, n.path), title: n.headline, publicationDate: w3c(n.publishedAt, settings.timeZone) }));
        return { body: newsSitemapXml(publication, urls), keys: KEYS, lastModified: news[0]?.publishedAt };
      }
      if (file === 'sections.xml' || file === 'authors.xml' || file === 'pages.xml' || file === 'topics.xml') {
        const urls =
          file === 'sections.xml' ? await sectionUrls(now) : file === 'authors.xml' ? await authorUrls(now) : file === 'topics.xml' ? await topicUrls(now) : await pageUrls();
        // Like the index, which lists pages.xml only once there is a page.
        if (urls.length === 0) return null;
        return { body: urlsetXml(toXmlUrls(urls, await timeZoneNow())), keys: KEYS, lastModified: newest(urls.flatMap((u) => u.lastmod ?? [])) };
      }
      const name = parseArticleSitemapName(file);
      if (!name) return null;
      const { from, to } = monthRange(name.month);
      const entries = await store.sitemaps.inRange(from, to, now, (name.page - 1) * MAX_SITEMAP_URLS, MAX_SITEMAP_URLS);
      if (entries.length === 0) return null;
      const urls = entries.map((e) => ({ loc: absoluteUrl(site, e.path), lastmod: e.updatedAt ?? e.publishedAt }));
      return { body: urlsetXml(toXmlUrls(urls, await timeZoneNow())), keys: KEYS, lastModified: newest(urls.map((u) => u.lastmod)) };
    }),
  );

  app.get('/robots.txt', (request, reply) =>
    serve(request, reply, 'text/plain; charset=utf-8', async () => ({ body: robotsTxt(config.siteUrl), keys: pageKeys([]) })),
  );
}
