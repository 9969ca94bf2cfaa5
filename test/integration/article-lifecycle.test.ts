import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleInput } from '../../src/store/index.js';
import { getPage, jsonLdOf, metaContent, teasersIn, textOf } from '../support/reader-pages.js';
import { DIALECTS, startTestSite, TEST_SITE_URL, type TestSite } from '../support/test-site.js';

// Stories as the newsroom changes them: escaping of what editors type,
// renamed slugs, drafts, scheduled and withdrawn stories.

const NOW = new Date('2026-03-10T19:30:00Z');
const MINUTE = 60_000;
const HOSTILE = '<script>alert(1)</script> & "quotes"';
const BODY = [
  'Crews from the county road department began work on Tuesday morning, closing one lane of the road near the harbor for most of the day.',
  'Officials said the work would take about two weeks if the weather holds, and that drivers should expect short delays during the morning commute.',
]
  .map((p) => `<p>${p}</p>`)
  .join('\n');

for (const dialect of DIALECTS) {
  describe(`reader site on ${dialect}: story lifecycle`, () => {
    let site: TestSite;
    let base: Pick<ArticleInput, 'bodyHtml' | 'label' | 'authorIds' | 'sectionId'>;

    beforeAll(async () => {
      site = await startTestSite(dialect, { now: NOW });
      const local = await site.store.sections.bySlug('local');
      const author = await site.store.authors.bySlug('maya-okafor');
      if (!local || !author) throw new Error('demo newsroom missing');
      base = { bodyHtml: BODY, label: 'news', authorIds: [author.id], sectionId: local.id };
    }, 120_000);

    afterAll(async () => {
      await site?.close();
    });

    async function create(input: Partial<ArticleInput> & Pick<ArticleInput, 'headline' | 'status'>) {
      const created = await site.store.articleWriter.create({ ...base, ...input }, NOW);
      site.app.purgePages();
      return created;
    }

    it('escapes HTML special characters of a headline everywhere it appears', async () => {
      const { path } = await create({
        headline: HOSTILE,
        status: 'published',
        publishedAt: new Date(NOW.getTime() - 5 * MINUTE),
        tagNames: ['Escaping <b>test</b>'],
      });
      const page = await getPage(site, path);
      expect(page.status).toBe(200);
      expect(page.body).not.toContain('<script>alert');
      expect(page.body).not.toContain('<b>test</b>');
      // `<` and `&` must be escaped in text; `>` and `"` may be, and need not be.
      expect(page.body).toMatch(/<h1>&lt;script(&gt;|>)alert\(1\)&lt;\/script(&gt;|>) &amp; (&quot;|")quotes(&quot;|")<\/h1>/);
      expect(textOf(page.document.querySelector('main h1'))).toBe(HOSTILE);
      expect(textOf(page.document.querySelector('title'))).toBe(`${HOSTILE} | Cedar Coast Dispatch`);
      expect(metaContent(page.document, 'og:title')).toBe(`${HOSTILE} | Cedar Coast Dispatch`);
      const scripts = [...page.body.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
      expect(scripts).toHaveLength(1);
      expect(scripts[0]?.[1]).not.toMatch(/<\/script/i);
      expect(scripts[0]?.[1]).not.toContain('<');
      expect(jsonLdOf(page.document)[0]?.headline).toBe(HOSTILE);

      for (const list of ['/', '/news', '/news/local', '/authors/maya-okafor']) {
        const front = await getPage(site, list);
        expect(front.body, list).not.toContain('<script>alert');
        expect(teasersIn(front.document).map((t) => t.headline), list).toContain(HOSTILE);
      }
    });

    it('moves a story whose slug changed: the old address answers 301 to the new one, which answers 200', async () => {
      const { id, path: first } = await create({
        headline: 'Harbor road repairs begin',
        status: 'published',
        publishedAt: new Date(NOW.getTime() - 20 * MINUTE),
      });
      expect(first).toBe('/news/local/harbor-road-repairs-begin');
      expect((await getPage(site, first)).status).toBe(200); // now in the page cache

      const { path: second } = await site.store.articleWriter.update(id, { slug: 'new-slug' });
      site.app.purgePages();
      expect(second).toBe('/news/local/new-slug');
      const moved = await getPage(site, first);
      expect(moved.status).toBe(301);
      expect(moved.headers.get('location')).toBe(second);
      const now = await getPage(site, second);
      expect(now.status).toBe(200);
      expect(now.document.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(`${TEST_SITE_URL}${second}`);
      expect(textOf(now.document.querySelector('main h1'))).toBe('Harbor road repairs begin');

      // A second rename: every old address goes straight to the newest, without a chain.
      const { path: third } = await site.store.articleWriter.update(id, { slug: 'newer-slug' });
      site.app.purgePages();
      for (const old of [first, second]) {
        const answer = await getPage(site, old);
        expect(answer.status, old).toBe(301);
        expect(answer.headers.get('location'), old).toBe(third);
      }
      expect((await getPage(site, third)).status).toBe(200);
      const front = teasersIn((await getPage(site, '/news/local')).document).map((t) => t.href);
      expect(front).toContain(third);
      expect(front).not.toContain(first);
      expect(front).not.toContain(second);
    });

    it('moves a story to another section: the old address answers 301 to the new section path', async () => {
      const politics = await site.store.sections.bySlug('politics');
      const { id, path: before } = await create({
        headline: 'Council schedules harbor hearing',
        status: 'published',
        publishedAt: new Date(NOW.getTime() - 25 * MINUTE),
      });
      const { path: after } = await site.store.articleWriter.update(id, { sectionId: politics?.id });
      site.app.purgePages();
      expect(after).toBe('/news/politics/council-schedules-harbor-hearing');
      const moved = await getPage(site, before);
      expect(moved.status).toBe(301);
      expect(moved.headers.get('location')).toBe(after);
      const page = await getPage(site, after);
      expect(page.status).toBe(200);
      expect(textOf(page.document.querySelector('main article .section-label a'))).toBe('Politics');
    });

    it('answers 404 for a draft, a submitted story and one scheduled for later, and lists none of them', async () => {
      const later = new Date(NOW.getTime() + 60 * MINUTE);
      const stories = [
        await create({ headline: 'Draft about the harbor budget', status: 'draft' }),
        await create({ headline: 'Submitted story on ferry fares', status: 'submitted', publishedAt: null }),
        await create({ headline: 'Scheduled story on storm season', status: 'scheduled', publishedAt: later }),
        await create({ headline: 'Published later in the evening', status: 'published', publishedAt: later }),
      ];
      for (const { path } of stories) {
        const page = await getPage(site, path);
        expect(page.status, path).toBe(404);
        expect(page.document.querySelector('nav[aria-label="Sections"]'), path).not.toBeNull();
        expect(page.body, path).not.toContain('Draft about the harbor budget');
      }
      for (const list of ['/', '/news', '/news/local', '/authors/maya-okafor']) {
        const hrefs = teasersIn((await getPage(site, list)).document).map((t) => t.href);
        for (const { path } of stories) expect(hrefs, `${list} lists ${path}`).not.toContain(path);
      }
    });

    it('answers 410 for a withdrawn story, which leaves every list', async () => {
      const { id, path } = await create({
        headline: 'Story that will be withdrawn',
        status: 'published',
        publishedAt: new Date(NOW.getTime() - 2 * MINUTE),
      });
      expect((await getPage(site, path)).status).toBe(200);
      expect(teasersIn((await getPage(site, '/news/local')).document).map((t) => t.href)).toContain(path);

      await site.store.articleWriter.update(id, { status: 'withdrawn' });
      site.app.purgePages();
      const gone = await getPage(site, path);
      expect(gone.status).toBe(410);
      expect(gone.headers.get('content-type')).toMatch(/^text\/html/);
      expect(gone.document.querySelector('nav[aria-label="Sections"]')).not.toBeNull();
      expect(gone.body).not.toContain('Story that will be withdrawn');
      for (const list of ['/', '/news', '/news/local', '/authors/maya-okafor']) {
        const hrefs = teasersIn((await getPage(site, list)).document).map((t) => t.href);
        expect(hrefs, list).not.toContain(path);
      }
    });
  });
}
