import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPage, srcsetUrls } from '../support/reader-pages.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';

// HTTP caching: pages carry Cache-Control, an ETag and Surrogate-Key; a
// matching If-None-Match answers 304; media and theme assets are immutable.

const NOW = new Date('2026-03-10T19:30:00Z');
const ARTICLE = '/news/politics/state-senate-passes-transportation-package-ferries';
const PAGES = ['/', '/news', '/news/politics', ARTICLE, '/authors/pacific-wire', '/tags/ferries', '/news?before=zzzzzzzz.1'];

async function request(site: TestSite, path: string, init: RequestInit = {}) {
  const response = await fetch(`${site.url}${path}`, { redirect: 'manual', ...init });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

function maxAge(cacheControl: string | null): number {
  return Number(/(?:^|[,\s])max-age=(\d+)/.exec(cacheControl ?? '')?.[1] ?? Number.NaN);
}

for (const dialect of DIALECTS) {
  describe(`reader site on ${dialect}: HTTP caching`, () => {
    let site: TestSite;

    beforeAll(async () => {
      site = await startTestSite(dialect, { now: NOW });
    }, 120_000);

    afterAll(async () => {
      await site?.close();
    });

    describe.each(PAGES)('%s', (path) => {
      it('carries public Cache-Control that browsers revalidate every time, a strong ETag and a Surrogate-Key', async () => {
        const { status, headers } = await request(site, path);
        expect(status).toBe(200);
        expect(headers.get('cache-control')).toMatch(/(^|,\s*)public(,|$)/);
        // A browser's copy cannot be purged: it asks again each time, by ETag, so a kill reaches it too.
        expect(maxAge(headers.get('cache-control'))).toBe(0);
        expect(headers.get('etag')).toMatch(/^"[^"]+"$/);
        expect(headers.get('surrogate-key')?.trim()).toBeTruthy();
      });

      it('gives the same ETag while the page is unchanged', async () => {
        const a = await request(site, path);
        const b = await request(site, path);
        expect(b.headers.get('etag')).toBe(a.headers.get('etag'));
      });

      it('answers If-None-Match with the ETag with 304 and no body', async () => {
        const etag = (await request(site, path)).headers.get('etag') as string;
        const answer = await request(site, path, { headers: { 'if-none-match': etag } });
        expect(answer.status).toBe(304);
        expect(answer.body).toBe('');
        expect(answer.headers.get('etag')).toBe(etag);
        expect(answer.headers.get('cache-control')).toMatch(/s-maxage=\d+/);
      });

      it('answers a stale If-None-Match with 200 and the page', async () => {
        const answer = await request(site, path, { headers: { 'if-none-match': '"not-this-one"' } });
        expect(answer.status).toBe(200);
        expect(answer.body.startsWith('<!doctype html>')).toBe(true);
      });

      it('answers HEAD with the headers of GET and no body', async () => {
        const get = await request(site, path);
        const head = await request(site, path, { method: 'HEAD' });
        expect(head.status).toBe(200);
        expect(head.body).toBe('');
        for (const name of ['content-type', 'etag', 'cache-control', 'surrogate-key']) {
          expect(head.headers.get(name), name).toBe(get.headers.get(name));
        }
        const conditional = await request(site, path, { method: 'HEAD', headers: { 'if-none-match': get.headers.get('etag') as string } });
        expect(conditional.status).toBe(304);
      });
    });

    it('files a story page under its story, and a front under its section and every story it lists, in all three key headers', async () => {
      const found = await site.store.articles.byPath(ARTICLE);
      if (found.kind !== 'article') throw new Error('missing demo story');
      const story = await request(site, ARTICLE);
      const keys = story.headers.get('surrogate-key')?.split(/\s+/) ?? [];
      expect(keys).toContain(`a${found.article.id}`);
      expect(keys).toContain('site');
      // Varnish reads xkey, Fastly Surrogate-Key, Cloudflare Cache-Tag (comma-separated): the same keys.
      expect(story.headers.get('xkey')).toBe(story.headers.get('surrogate-key'));
      expect(story.headers.get('cache-tag')?.split(',')).toEqual(keys);
      const front = (await request(site, '/news/politics')).headers.get('xkey')?.split(/\s+/) ?? [];
      expect(front).toContain(`s${found.article.section.id}`);
      expect(front).toContain(`a${found.article.id}`);
      expect((await request(site, '/')).headers.get('xkey')?.split(/\s+/)).toContain('home');
    });

    it('lets a shared cache keep reader pages longer than browsers, refetch in the background and ride out a dead origin', async () => {
      for (const path of [ARTICLE, '/', '/news', '/rss.xml', '/sitemap.xml']) {
        const cacheControl = (await request(site, path)).headers.get('cache-control') ?? '';
        expect(cacheControl, path).toMatch(/(^|,\s*)s-maxage=300(,|$)/);
        expect(cacheControl, path).toMatch(/stale-while-revalidate=\d+/);
        expect(cacheControl, path).toMatch(/stale-if-error=86400/);
      }
    });

    it('compares If-None-Match weakly and accepts a list or * (RFC 9110 §13.1.2)', async () => {
      const etag = (await request(site, ARTICLE)).headers.get('etag') as string;
      for (const value of [`W/${etag}`, `"other", ${etag}`, '*']) {
        const answer = await request(site, ARTICLE, { headers: { 'if-none-match': value } });
        expect(answer.status, value).toBe(304);
      }
    });

    it('does not let caches keep error pages: 404 and 400 are no-store without an ETag', async () => {
      for (const path of ['/news/no-such-story', '/news?before=bad']) {
        const { status, headers } = await request(site, path);
        expect([400, 404], path).toContain(status);
        expect(headers.get('cache-control'), path).toBe('no-store');
        expect(headers.get('etag'), path).toBeNull();
      }
      expect((await request(site, '/healthz')).headers.get('cache-control')).toBe('no-store');
    });

    it('serves media renditions and theme assets as immutable for a year', async () => {
      const { document } = await getPage(site, ARTICLE);
      const figure = document.querySelector('main figure') as Element;
      const urls = [
        ...srcsetUrls(figure.querySelector('img')?.getAttribute('srcset') ?? null),
        ...[...figure.querySelectorAll('source')].flatMap((s) => srcsetUrls(s.getAttribute('srcset'))),
        document.querySelector('link[rel="stylesheet"]')?.getAttribute('href') ?? '',
        document.querySelector('link[rel="icon"]')?.getAttribute('href') ?? '',
      ];
      expect(urls.length).toBeGreaterThanOrEqual(8);
      for (const url of urls) {
        const { status, headers } = await request(site, url);
        expect(status, url).toBe(200);
        expect(headers.get('cache-control'), url).toMatch(/immutable/);
        expect(maxAge(headers.get('cache-control')), url).toBeGreaterThanOrEqual(31_536_000);
      }
    });

    it('changes the ETag when the story changes, so an old copy is replaced', async () => {
      const old = await request(site, ARTICLE);
      const etag = old.headers.get('etag') as string;
      const found = await site.store.articles.byPath(ARTICLE);
      if (found.kind !== 'article') throw new Error('missing demo story');
      await site.store.articleWriter.update(found.article.id, { headline: 'Senate passes transportation package, ferry money intact' }, NOW);
      site.app.purgePages();
      const answer = await request(site, ARTICLE, { headers: { 'if-none-match': etag } });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('etag')).not.toBe(etag);
      expect(answer.body).toContain('Senate passes transportation package, ferry money intact');
    });
  });
}
