import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPage } from '../support/reader-pages.js';
import { DIALECTS, startTestSite, TEST_SITE_URL, type TestSite } from '../support/test-site.js';

// Headlines in any language get a readable address: Latin letters
// transliterated, other scripts kept (an IRI, percent-encoded on the wire).

for (const dialect of DIALECTS) {
  describe(`story addresses in other languages (${dialect})`, () => {
    let site: TestSite;
    const stories: Record<string, { id: number; path: string }> = {};

    beforeAll(async () => {
      site = await startTestSite(dialect);
      const news = await site.store.sections.bySlug('news');
      const author = (await site.store.db.kysely.selectFrom('authors').select('id').executeTakeFirstOrThrow()).id;
      const publishedAt = new Date(Date.now() - 60_000);
      for (const [key, headline] of [
        ['de', 'Straße nach Köln über Nacht gesperrt'],
        ['ru', 'Паром в Токио отменён из-за шторма'],
      ] as const) {
        const written = await site.store.articleWriter.create({
          headline,
          bodyHtml: '<p>Two paragraphs of our own writing.</p><p>The second one.</p>',
          label: 'news',
          status: 'published',
          sectionId: news?.id as number,
          authorIds: [author],
          publishedAt,
        });
        stories[key] = { id: written.id, path: written.path };
      }
    }, 120_000);
    afterAll(() => site?.close());

    it('gives a German headline a transliterated slug that answers 200', async () => {
      expect(stories.de?.path).toBe('/news/strasse-nach-koeln-ueber-nacht-gesperrt');
      const { status } = await getPage(site, stories.de?.path as string);
      expect(status).toBe(200);
    });

    it('keeps Cyrillic letters in the slug, serves the percent-encoded address, and links it encoded', async () => {
      expect(stories.ru?.path).toBe('/news/паром-в-токио-отменён-из-за-шторма');
      const encoded = encodeURI(stories.ru?.path as string);
      const { status, document } = await getPage(site, encoded);
      expect(status).toBe(200);
      expect(document.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(`${TEST_SITE_URL}${encoded}`);
      const sitemap = await (await fetch(`${site.url}/sitemaps/news.xml`)).text();
      expect(sitemap).toContain(`${TEST_SITE_URL}${encoded}`);
      expect(sitemap).not.toContain('паром');
    });

    it('redirects an old Cyrillic address with an ASCII Location header', async () => {
      const { path: newPath } = await site.store.articleWriter.update(stories.ru?.id as number, { slug: 'паром-в-токио-отменён' });
      site.app.purgePages();
      const response = await fetch(`${site.url}${encodeURI(stories.ru?.path as string)}`, { redirect: 'manual' });
      expect(response.status).toBe(301);
      expect(response.headers.get('location')).toBe(encodeURI(newPath));
    });
  });
}
