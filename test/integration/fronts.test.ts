import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSynthetic } from '../../src/demo/seed-synthetic.js';
import { getPage, ISO_WITH_OFFSET, MENU, probe, type TeaserView, teasersIn, textOf } from '../support/reader-pages.js';
import { DIALECTS, startTestSite, TEST_SITE_URL, type TestSite } from '../support/test-site.js';

// Page contract items 17–18: the home page, section fronts with keyset
// pagination, author and tag pages.

const NOW = new Date('2026-03-10T19:30:00Z');
const SYNTHETIC = 120;
const CURSOR_URL = /^\/[a-z/-]+\?(before|after)=[0-9a-z]+\.[0-9a-z]+$/;

type Filter = { all: true } | { root: string } | { section: string } | { author: string } | { tag: string };

interface ListedPage {
  url: string;
  teasers: TeaserView[];
  next: string | null;
  prev: string | null;
}

for (const dialect of DIALECTS) {
  describe(`reader site on ${dialect}: fronts and lists`, () => {
    let site: TestSite;

    beforeAll(async () => {
      site = await startTestSite(dialect, { now: NOW });
      await seedSynthetic(site.store, SYNTHETIC, () => {}, NOW);
      site.app.purgePages();
    }, 120_000);

    afterAll(async () => {
      await site?.close();
    });

    /** Paths of the published editorial stories a list should hold, newest first (ties: higher id first), straight from the database. */
    async function expectedPaths(filter: Filter): Promise<string[]> {
      const db = site.store.db.kysely;
      let q = db
        .selectFrom('articles as a')
        .select(['a.path', 'a.published_at', 'a.id'])
        .where('a.status', '=', 'published')
        .where('a.label', '<>', 'sponsored')
        .where('a.published_at', '<=', NOW.getTime());
      if ('root' in filter) {
        const section = await site.store.sections.bySlug(filter.root);
        q = q.where('a.root_section_id', '=', section?.id ?? -1);
      } else if ('section' in filter) {
        const section = await site.store.sections.bySlug(filter.section);
        q = q.where('a.section_id', '=', section?.id ?? -1);
      } else if ('author' in filter) {
        const author = await site.store.authors.bySlug(filter.author);
        q = q.where('a.id', 'in', db.selectFrom('article_authors').select('article_id').where('author_id', '=', author?.id ?? -1));
      } else if ('tag' in filter) {
        const tag = await site.store.tags.bySlug(filter.tag);
        q = q.where('a.id', 'in', db.selectFrom('article_tags').select('article_id').where('tag_id', '=', tag?.id ?? -1));
      }
      const rows = await q.orderBy('a.published_at', 'desc').orderBy('a.id', 'desc').execute();
      return rows.map((r) => r.path);
    }

    async function listed(url: string): Promise<ListedPage> {
      const { status, document } = await getPage(site, url);
      expect(status, url).toBe(200);
      const aNext = document.querySelector('main a[rel="next"]')?.getAttribute('href') ?? null;
      const aPrev = document.querySelector('main a[rel="prev"]')?.getAttribute('href') ?? null;
      const linkNext = document.querySelector('head link[rel="next"]')?.getAttribute('href') ?? null;
      const linkPrev = document.querySelector('head link[rel="prev"]')?.getAttribute('href') ?? null;
      // The same URLs in the head and in the page.
      expect(linkNext, `${url} link rel=next`).toBe(aNext === null ? null : `${TEST_SITE_URL}${aNext}`);
      expect(linkPrev, `${url} link rel=prev`).toBe(aPrev === null ? null : `${TEST_SITE_URL}${aPrev}`);
      expect(document.querySelector('link[rel="canonical"]')?.getAttribute('href'), url).toBe(`${TEST_SITE_URL}${url}`);
      return { url, teasers: teasersIn(document.querySelector('main') as Element), next: aNext, prev: aPrev };
    }

    /** Follows rel=next from `start` to the last page. */
    async function walk(start: string): Promise<ListedPage[]> {
      const pages: ListedPage[] = [];
      let url: string | null = start;
      while (url) {
        expect(pages.length, 'too many pages: the walk loops').toBeLessThan(50);
        const page: ListedPage = await listed(url);
        pages.push(page);
        if (page.next) expect(page.next).toMatch(CURSOR_URL);
        url = page.next;
      }
      return pages;
    }

    function expectTeaserShape(teaser: TeaserView) {
      expect(teaser.headline, teaser.href).not.toBe('');
      expect(teaser.href, teaser.href).toMatch(/^\/[a-z0-9-]+(\/[a-z0-9-]+)+$/);
      expect(teaser.authors, teaser.href).not.toBe('');
      // The story's summary (whole when it fits), else the body's opening cut at a word boundary with […].
      expect(teaser.excerpt, teaser.href).toMatch(/\S/);
      if (teaser.excerpt.endsWith('[…]')) expect(teaser.excerpt, teaser.href).toMatch(/\S \[…\]$/);
      expect(teaser.datetime, teaser.href).toMatch(ISO_WITH_OFFSET);
      expect(teaser.timeText, teaser.href).toMatch(/^(now|\d+ minutes? ago|\d+ hours? ago|\d+ days? ago|[A-Z][a-z]{2} \d{1,2}, \d{4})$/);
      expect(teaser.image?.alt, teaser.href).toBeTruthy();
      expect(teaser.image?.srcset.split(',').length, teaser.href).toBeGreaterThanOrEqual(2);
    }

    const stamps = (teasers: TeaserView[]) => teasers.map((t) => new Date(t.datetime).getTime());

    it('home: leads with the newest story, then the latest, then one block per top-level section with stories, in menu order', async () => {
      const { document } = await getPage(site, '/');
      const main = document.querySelector('main') as Element;
      const all = teasersIn(main);
      const newest = (await expectedPaths({ all: true }))[0];
      const direct = await Promise.all(MENU.map((m) => expectedPaths({ root: m.path.slice(1) })));
      const everything = direct.flat();
      expect(all[0]?.href).toBe(newest);
      const latest = [...main.querySelectorAll('section')].find((s) => textOf(s.querySelector('h2')) === 'Latest') as Element;
      expect(latest).toBeDefined();
      const top = [all[0] as TeaserView, ...teasersIn(latest)];
      const newestFirst = [...top].sort((a, b) => new Date(b.datetime).getTime() - new Date(a.datetime).getTime());
      expect(top.map((t) => t.href)).toEqual(newestFirst.map((t) => t.href));
      for (const teaser of top) expect(everything).toContain(teaser.href);

      const blocks = [...main.querySelectorAll('section')].filter((s) => s.querySelector('h2 a'));
      expect(blocks.map((b) => b.querySelector('h2 a')?.getAttribute('href'))).toEqual(
        MENU.filter((_, i) => (direct[i] ?? []).length > 0).map((m) => m.path),
      );
      for (const block of blocks) {
        const link = block.querySelector('h2 a') as Element;
        const menu = MENU.find((m) => m.path === link.getAttribute('href'));
        expect(textOf(link)).toBe(menu?.name);
        const teasers = teasersIn(block);
        expect(teasers.length).toBeGreaterThan(0);
        for (const teaser of teasers) expect(teaser.href.startsWith(`${menu?.path}/`), teaser.href).toBe(true);
        expect(stamps(teasers)).toEqual([...stamps(teasers)].sort((a, b) => b - a));
      }
      const hrefs = all.map((t) => t.href);
      expect(new Set(hrefs).size).toBe(hrefs.length);
      for (const teaser of all) expectTeaserShape(teaser);
    });

    it('section fronts are paged with ?before= cursors, rel=next in the head and in the page, and none on the last page', async () => {
      const first = await listed('/news');
      expect(first.prev).toBeNull();
      expect(first.next).toMatch(/^\/news\?before=[0-9a-z]+\.[0-9a-z]+$/);
      const second = await listed(first.next as string);
      expect(second.prev).toBe('/news');
      expect(second.teasers.length).toBeGreaterThan(0);
      const pages = await walk('/news');
      expect(pages.length).toBeGreaterThanOrEqual(3);
      expect(pages[pages.length - 1]?.next).toBeNull();
      expect(pages[0]?.teasers.length).toBe(pages[1]?.teasers.length);
    });

    it.each(['news', 'opinion', 'sports', 'tools', 'connect'])('following next from /%s walks every story of the section once, newest first', async (slug) => {
      const expected = await expectedPaths({ root: slug });
      const pages = await walk(`/${slug}`);
      const walked = pages.flatMap((p) => p.teasers.map((t) => t.href));
      expect(walked).toEqual(expected);
      expect(new Set(walked).size).toBe(walked.length);
      const times = pages.flatMap((p) => stamps(p.teasers));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      for (const teaser of pages.flatMap((p) => p.teasers)) expectTeaserShape(teaser);
    });

    it('going back with rel=prev from the last page visits the same pages, and page 2 points back to the clean front URL', async () => {
      const forward = await walk('/news');
      const back: ListedPage[] = [];
      let url: string | null = forward[forward.length - 1]?.url ?? null;
      while (url) {
        expect(back.length).toBeLessThan(50);
        const page: ListedPage = await listed(url);
        back.push(page);
        if (page.prev && page.prev !== '/news') expect(page.prev).toMatch(/^\/news\?after=/);
        url = page.prev;
      }
      expect(back.map((p) => p.teasers.map((t) => t.href)).reverse()).toEqual(forward.map((p) => p.teasers.map((t) => t.href)));
      expect(back[back.length - 1]?.url).toBe('/news');
    });

    it('the News front includes stories of its sub-sections Politics and Local', async () => {
      const walked = (await walk('/news')).flatMap((p) => p.teasers.map((t) => t.href));
      for (const sub of ['/news/politics/', '/news/local/']) expect(walked.some((h) => h.startsWith(sub)), sub).toBe(true);
      expect(walked.some((h) => /^\/news\/(?!politics\/|local\/)[^/]+$/.test(h))).toBe(true);
    });

    it.each(['politics', 'local'])('the /news/%s front lists only its own stories, all of them', async (slug) => {
      const pages = await walk(`/news/${slug}`);
      const walked = pages.flatMap((p) => p.teasers.map((t) => t.href));
      expect(walked).toEqual(await expectedPaths({ section: slug }));
      for (const href of walked) expect(href.startsWith(`/news/${slug}/`), href).toBe(true);
      expect(pages[0]?.url).toBe(`/news/${slug}`);
      if (pages[1]) expect(pages[1].prev).toBe(`/news/${slug}`);
    });

    it('author pages list the author’s stories with the same teasers, paged the same way', async () => {
      const { document } = await getPage(site, '/authors/maya-okafor');
      expect(textOf(document.querySelector('main h1'))).toBe('Maya Okafor');
      const picture = document.querySelector('main img[alt="Maya Okafor’s profile picture"]');
      expect((await probe(site, picture?.getAttribute('src') ?? '')).status).toBe(200);
      const pages = await walk('/authors/maya-okafor');
      expect(pages.length).toBeGreaterThanOrEqual(2);
      const teasers = pages.flatMap((p) => p.teasers);
      expect(teasers.map((t) => t.href)).toEqual(await expectedPaths({ author: 'maya-okafor' }));
      for (const teaser of teasers) {
        expectTeaserShape(teaser);
        expect(teaser.authors).toContain('Maya Okafor');
      }
      expect(pages[1]?.prev).toBe('/authors/maya-okafor');
    });

    it('tag pages list the tagged stories with the same teasers, paged the same way', async () => {
      const { document } = await getPage(site, '/tags/transportation');
      expect(textOf(document.querySelector('main h1'))).toBe('Transportation');
      const pages = await walk('/tags/transportation');
      expect(pages.length).toBeGreaterThanOrEqual(2);
      const teasers = pages.flatMap((p) => p.teasers);
      expect(teasers.map((t) => t.href)).toEqual(await expectedPaths({ tag: 'transportation' }));
      for (const teaser of teasers) expectTeaserShape(teaser);
      expect(pages[1]?.prev).toBe('/tags/transportation');
    });

    it('a ?before= page keeps its stories when newer ones are published (keyset, not OFFSET)', async () => {
      const first = await listed('/news/politics');
      const url = first.next as string;
      const before = await listed(url);
      const politics = await site.store.sections.bySlug('politics');
      const author = await site.store.authors.bySlug('maya-okafor');
      // With a photo, as the front's photo slots take stories newest first only among those that have one.
      const photo = await site.store.db.kysely.selectFrom('articles').select('lead_media_id').where('lead_media_id', 'is not', null).executeTakeFirstOrThrow();
      for (let i = 0; i < 3; i++) {
        await site.store.articleWriter.create(
          {
            headline: `Late council update number ${i + 1}`,
            bodyHtml: '<p>The council added an item to its agenda late on Tuesday, and members said they expected a vote next week.</p>',
            label: 'news',
            status: 'published',
            sectionId: politics?.id as number,
            leadMediaId: photo.lead_media_id,
            publishedAt: new Date(NOW.getTime() - (i + 1) * 60_000),
            authorIds: [author?.id as number],
          },
          NOW,
        );
      }
      site.app.purgePages();
      const after = await listed(url);
      expect(after.teasers.map((t) => t.href)).toEqual(before.teasers.map((t) => t.href));
      const walked = (await walk('/news/politics')).flatMap((p) => p.teasers.map((t) => t.href));
      expect(walked).toEqual(await expectedPaths({ section: 'politics' }));
      expect(walked.slice(0, 3)).toEqual(['/news/politics/late-council-update-number-1', '/news/politics/late-council-update-number-2', '/news/politics/late-council-update-number-3']);
    });
  });
}
