import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPage, MENU, metaContent, probe, textOf } from '../support/reader-pages.js';
import { DIALECTS, startTestSite, TEST_SITE_URL, type TestSite } from '../support/test-site.js';

// Page contract items 1–4 and 19, on every kind of public page.

const NOW = new Date('2026-03-10T19:30:00Z');
const SITE_NAME = 'Cedar Coast Dispatch';

const PAGES: Array<{ kind: string; path: string; status: number }> = [
  { kind: 'home', path: '/', status: 200 },
  { kind: 'section front', path: '/news', status: 200 },
  { kind: 'sub-section front', path: '/news/politics', status: 200 },
  { kind: 'article', path: '/news/politics/state-senate-passes-transportation-package-ferries', status: 200 },
  { kind: 'author page', path: '/authors/pacific-wire', status: 200 },
  { kind: 'tag page', path: '/tags/ferries', status: 200 },
  { kind: 'not found page', path: '/news/no-such-story-here', status: 404 },
];

for (const dialect of DIALECTS) {
  describe(`reader site on ${dialect}: every page`, () => {
    let site: TestSite;

    beforeAll(async () => {
      site = await startTestSite(dialect, { now: NOW });
    }, 120_000);

    afterAll(async () => {
      await site?.close();
    });

    describe.each(PAGES)('$kind ($path)', ({ path, status }) => {
      it(`answers ${status} with an HTML document`, async () => {
        const page = await getPage(site, path);
        expect(page.status).toBe(status);
        expect(page.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
        expect(page.body.startsWith('<!doctype html>')).toBe(true);
      });

      it('has html lang, a title, a description, an absolute canonical URL and a viewport (item 1)', async () => {
        const { document } = await getPage(site, path);
        expect(document.documentElement.getAttribute('lang')).toBe('en-US');
        const titles = document.querySelectorAll('head title');
        expect(titles).toHaveLength(1);
        expect(textOf(titles[0])).not.toBe('');
        expect(textOf(titles[0])).toContain(SITE_NAME);
        expect(metaContent(document, 'description')?.trim()).toBeTruthy();
        const canonicals = document.querySelectorAll('link[rel="canonical"]');
        expect(canonicals).toHaveLength(1);
        expect(canonicals[0]?.getAttribute('href')).toBe(`${TEST_SITE_URL}${path}`);
        expect(metaContent(document, 'viewport')).toMatch(/width=device-width/);
        expect(document.querySelector('meta[charset]')?.getAttribute('charset')?.toLowerCase()).toBe('utf-8');
      });

      it('has a site header: the site name links home, and the Sections menu lists the top-level sections in order (item 2)', async () => {
        const { document } = await getPage(site, path);
        const header = document.querySelector('body header');
        expect(header).not.toBeNull();
        const home = [...(header?.querySelectorAll('a[href="/"]') ?? [])];
        expect(home.some((a) => textOf(a).includes(SITE_NAME))).toBe(true);
        const navs = document.querySelectorAll('nav[aria-label="Sections"]');
        expect(navs).toHaveLength(1);
        const links = [...(navs[0]?.querySelectorAll('li a') ?? [])];
        expect(links.map((a) => ({ name: textOf(a), path: a.getAttribute('href') }))).toEqual(MENU);
      });

      it('has a menu that opens and closes with links, without JavaScript (item 2)', async () => {
        const { document } = await getPage(site, path);
        const nav = document.querySelector('nav[aria-label="Sections"]');
        const id = nav?.getAttribute('id');
        expect(id).toBeTruthy();
        expect(document.querySelector(`header a[href="#${id}"]`)).not.toBeNull();
        const close = [...(nav?.querySelectorAll('a') ?? [])].find((a) => textOf(a) === 'Close');
        expect(close?.getAttribute('href')).toMatch(/^#/);
        expect(close?.getAttribute('href')).not.toBe(`#${id}`);
      });

      it('has exactly one <main> (item 3)', async () => {
        const { document } = await getPage(site, path);
        expect(document.querySelectorAll('main')).toHaveLength(1);
        expect(textOf(document.querySelector('main'))).not.toBe('');
      });

      // The one script allowed is the optional first-party view counter (issue 13): async, nothing waits
      // for it, and without JavaScript the page counts through its <noscript> image instead.
      it('needs no script: the only scripts are JSON-LD data and the optional view counter (item 4)', async () => {
        const { document, body } = await getPage(site, path);
        for (const script of document.querySelectorAll('script')) {
          if (script.getAttribute('src') === '/count.js') {
            expect(script.hasAttribute('async')).toBe(true);
            expect(script.textContent).toBe('');
            continue;
          }
          expect(script.getAttribute('type')).toBe('application/ld+json');
          expect(script.getAttribute('src')).toBeNull();
        }
        expect(body).not.toMatch(/\son[a-z]+=/i);
        expect(body).not.toMatch(/javascript:/i);
      });

      it('carries Open Graph and Twitter card tags', async () => {
        const { document } = await getPage(site, path);
        expect(metaContent(document, 'og:title')).toBeTruthy();
        expect(metaContent(document, 'og:description')).toBeTruthy();
        expect(metaContent(document, 'og:type')).toMatch(/^(website|article|profile)$/);
        expect(metaContent(document, 'og:url')).toBe(`${TEST_SITE_URL}${path}`);
        const image = metaContent(document, 'og:image') ?? '';
        expect(image.startsWith(`${TEST_SITE_URL}/`)).toBe(true);
        const answer = await probe(site, image);
        expect(answer.status).toBe(200);
        expect(answer.contentType).toMatch(/^image\//);
        expect(metaContent(document, 'twitter:card')).toMatch(/^(summary|summary_large_image)$/);
      });

      it('links a stylesheet that answers 200 text/css', async () => {
        const { document } = await getPage(site, path);
        const href = document.querySelector('link[rel="stylesheet"]')?.getAttribute('href') ?? '';
        expect(href).toMatch(/^\/assets\//);
        const answer = await probe(site, href);
        expect(answer.status).toBe(200);
        expect(answer.contentType).toMatch(/^text\/css/);
      });
    });

    it('types pages for Open Graph: article for a story, profile for an author, website for fronts', async () => {
      const types = await Promise.all(PAGES.slice(0, 6).map(async ({ path }) => metaContent((await getPage(site, path)).document, 'og:type')));
      expect(types).toEqual(['website', 'website', 'website', 'article', 'profile', 'website']);
    });

    it('serves the not-found page with the site look, an error heading and noindex', async () => {
      const page = await getPage(site, '/no/such/page');
      expect(page.status).toBe(404);
      expect(page.document.querySelector('nav[aria-label="Sections"]')).not.toBeNull();
      expect(textOf(page.document.querySelector('main h1'))).toBe('Page not found');
      expect(metaContent(page.document, 'robots')).toBe('noindex');
      expect(page.headers.get('cache-control')).toBe('no-store');
    });

    it('answers 404 for an unknown author and an unknown tag, with the site look', async () => {
      for (const path of ['/authors/nobody-at-all', '/tags/no-such-tag']) {
        const page = await getPage(site, path);
        expect(page.status, path).toBe(404);
        expect(page.document.querySelector('nav[aria-label="Sections"]'), path).not.toBeNull();
      }
    });

    it('answers a malformed ?before= cursor with 400 and an HTML page, on fronts, author and tag pages', async () => {
      for (const path of ['/news?before=not-a-cursor', '/news/politics?before=%3Cscript%3E', '/authors/pacific-wire?before=x', '/tags/ferries?after=1.2.3']) {
        const page = await getPage(site, path);
        expect(page.status, path).toBe(400);
        expect(page.headers.get('content-type'), path).toMatch(/^text\/html/);
        expect(page.document.querySelectorAll('main'), path).toHaveLength(1);
        expect(page.document.querySelector('nav[aria-label="Sections"]'), path).not.toBeNull();
        expect(page.body, path).not.toContain('<script>');
        expect(page.headers.get('cache-control'), path).toBe('no-store');
      }
    });

    it('answers GET /healthz with 200 JSON status ok (item 19)', async () => {
      const response = await fetch(`${site.url}/healthz`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = (await response.json()) as { status: string; database: string };
      expect(body.status).toBe('ok');
      expect(body.database).toBe(dialect);
    });

    it('answers 404 for an unknown asset and an unknown media file', async () => {
      expect((await probe(site, '/assets/site.0000000000.css')).status).toBe(404);
      expect((await probe(site, '/assets/nothing.png')).status).toBe(404);
      expect((await probe(site, '/media/999999/320.jpg')).status).toBe(404);
    });
  });
}
