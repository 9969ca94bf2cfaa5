import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../src/importers/import-summary.js';
import { importWordPress } from '../../src/importers/wordpress/wordpress-import.js';
import { getPage, textOf } from '../support/reader-pages.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';
import { expectImagesLoad, expectPageContract, redirectOf } from './support/page-contract.js';
import { writePicture } from './support/wxr.js';

// WordPress's own theme unit test data (test/fixtures/wordpress/), imported with a copy of its uploads.

// Copied into the repository (with its SOURCES.md): a clean clone in CI has nothing outside it.
const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/wordpress/themeunittestdata.wordpress.xml');
const NOW = new Date('2026-03-10T19:30:00Z');

/** What the fixture holds, counted here with plain regular expressions, not with the importer's parser. */
function expectedFrom(xml: string) {
  const items = xml.split('<item>').slice(1);
  const typeOf = (item: string) => /<wp:post_type>(?:<!\[CDATA\[)?([a-z_]+)/.exec(item)?.[1];
  const statusOf = (item: string) => /<wp:status>(?:<!\[CDATA\[)?([a-z_-]+)/.exec(item)?.[1];
  const posts = items.filter((i) => typeOf(i) === 'post' && ['publish', 'draft', 'pending', 'future', 'private'].includes(statusOf(i) ?? ''));
  const pages = items.filter((i) => typeOf(i) === 'page' && ['publish', 'draft', 'pending', 'future', 'private'].includes(statusOf(i) ?? ''));
  const pictures = [...xml.matchAll(/<wp:attachment_url>(?:<!\[CDATA\[)?([^<\]]+)/g)].map((m) => m[1] as string);
  return { posts: posts.length, pages: pages.length, comments: (xml.match(/<wp:comment>/g) ?? []).length, pictures };
}

for (const dialect of DIALECTS) {
  describe(`WordPress theme unit test data on ${dialect}`, () => {
    let site: TestSite;
    let uploads: string;
    let first: ImportSummary;
    let second: ImportSummary;
    let expected: ReturnType<typeof expectedFrom>;

    beforeAll(async () => {
      const xml = await readFile(FIXTURE, 'utf8');
      expected = expectedFrom(xml);
      uploads = await mkdtemp(path.join(os.tmpdir(), 'dateline-wp-uploads-'));
      // files.wordpress.com keeps uploads at /YYYY/MM/name: the copy has the same folders.
      const files = expected.pictures.filter((u) => /\.(jpe?g|png|gif)$/i.test(u));
      for (const [i, url] of files.entries()) await writePicture(path.join(uploads, new URL(url).pathname), 640, 400, i * 37);
      site = await startTestSite(dialect, { demo: false, now: NOW });
      const options = { file: FIXTURE, uploadsDir: uploads, statuses: 'as-is' as const, outbound: {}, clock: () => NOW };
      first = await importWordPress(site.store, options);
      second = await importWordPress(site.store, options);
    }, 240_000);

    afterAll(async () => {
      await site?.close();
      if (uploads) await rm(uploads, { recursive: true, force: true });
    });

    it('imports every post, every picture there is a file for, and says what it left', () => {
      expect(first.created.stories).toBe(expected.posts);
      expect(first.created.pages).toBe(expected.pages);
      const images = expected.pictures.filter((u) => /\.(jpe?g|png|gif)$/i.test(u)).length;
      expect(first.created.pictures).toBe(images);
      expect(first.commentsLeft).toBe(expected.comments);
      expect(first.skipped.nav_menu_item).toBeGreaterThan(0);
      // The .mp3 and .mov attachments are not pictures.
      expect(first.notImported.filter((p) => /attachment/.test(p.where)).map((p) => p.where)).toHaveLength(expected.pictures.length - images);
      expect(first.notes.some((n) => /3 levels deep/.test(n.why))).toBe(true);
      expect(first.created.authors).toBeGreaterThanOrEqual(2);
    });

    it('changes nothing the second time: everything is found by its source key', async () => {
      expect(second.created).toEqual({ stories: 0, pages: 0, authors: 0, sections: 0, tags: 0, pictures: 0 });
      expect(second.unchanged.stories).toBe(expected.posts);
      expect(second.unchanged.pages).toBe(expected.pages);
      expect(second.redirects).toBe(0);
      const stories = await site.store.db.kysely.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(stories.n)).toBe(expected.posts);
    });

    it('renders an imported story with the page contract, its lead picture and body pictures loading', async () => {
      const target = await redirectOf(site, '/2013/01/10/markup-image-alignment/');
      const document = await expectPageContract(site, target);
      expect(textOf(document.querySelector('main h1'))).toBe('Markup: Image Alignment');
      expect(await expectImagesLoad(site, document)).toBeGreaterThanOrEqual(4);
      const body = document.querySelector('main')?.innerHTML ?? '';
      expect(body).not.toContain('wpthemetestdata');
      expect(body).not.toContain('<!-- wp:');
    });

    it('turns [caption] into figure and figcaption', async () => {
      const target = await redirectOf(site, '/2013/01/10/markup-image-alignment/');
      const { document } = await getPage(site, target);
      const captions = [...document.querySelectorAll('main figure figcaption')].map(textOf);
      expect(captions.some((c) => c.length > 0)).toBe(true);
      expect(document.querySelector('main')?.textContent).not.toContain('[caption');
    });

    it('answers 301 from every old address form to the new one', async () => {
      const story = await redirectOf(site, '/2013/01/11/markup-html-tags-and-formatting/');
      expect(await redirectOf(site, '/?p=1178')).toBe(story);
      expect(await redirectOf(site, '/markup-html-tags-and-formatting/')).toBe(story);
      expect(await redirectOf(site, '/2013/01/markup-html-tags-and-formatting/')).toBe(story);
      await expectPageContract(site, story);
      const section = await redirectOf(site, '/category/parent-category/child-category-03/grandchild-category/');
      expect((await getPage(site, section)).status).toBe(200);
      expect(await redirectOf(site, '/category/parent-category/child-category-03/grandchild-category/feed/')).toBe(`${section}/rss.xml`);
      const tag = await redirectOf(site, '/tag/content-2/');
      expect(tag).toMatch(/^\/tags\//);
      expect((await getPage(site, tag)).status).toBe(200);
      const author = await redirectOf(site, '/author/themedemos/');
      expect(author).toMatch(/^\/authors\//);
      expect((await getPage(site, author)).status).toBe(200);
    });

    it('gives scheduled, draft and published posts their statuses', async () => {
      const rows = await site.store.db.kysely.selectFrom('articles').select(['headline', 'status', 'scheduled_at']).execute();
      const byHeadline = new Map(rows.map((r) => [r.headline, r]));
      expect(byHeadline.get('Scheduled')?.status).toBe('scheduled');
      expect(byHeadline.get('Scheduled')?.scheduled_at).toBeGreaterThan(0);
      expect(byHeadline.get('Draft')?.status).toBe('draft');
      expect(rows.filter((r) => r.status === 'published').length).toBeGreaterThan(20);
    });

    it('makes pages static pages at their old paths, with the site around them, in the footer and the sitemap', async () => {
      const about = await expectPageContract(site, '/about');
      expect(textOf(about.querySelector('main h1'))).toBe('About The Tests');
      const footerLinks = [...about.querySelectorAll('footer nav[aria-label="About us"] a')].map((a) => a.getAttribute('href'));
      expect(footerLinks).toContain('/about');
      // A child page keeps its nested path; only top-level pages are in the footer.
      const child = await expectPageContract(site, '/level-1/level-2/level-3');
      expect(textOf(child.querySelector('main h1'))).toBe('Level 3');
      expect(footerLinks).not.toContain('/level-1/level-2/level-3');
      expect(await redirectOf(site, '/?page_id=2')).toBe('/about');
      const index = await (await fetch(`${site.url}/sitemap.xml`)).text();
      expect(index).toContain('/sitemaps/pages.xml');
      const pages = await (await fetch(`${site.url}/sitemaps/pages.xml`)).text();
      expect(pages).toContain('/about</loc>');
      expect(pages).toContain('/level-1/level-2/level-3</loc>');
    });
  });
}
