import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoStory } from '../../src/demo/demo-story.js';
import { demoEditorialIn, demoStories, demoStoryPath, SPONSORED_PATHS } from '../support/demo-facts.js';
import { getPage, metaContent, SITE_TIME_ZONE, textOf } from '../support/reader-pages.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';

const NOW = new Date('2026-03-10T19:30:00Z');
const HOUR = 3_600_000;

const editorial = demoStories.filter((s) => s.label !== 'sponsored');
const textOfStory = (s: DemoStory) => [s.headline, s.summary, ...s.body].join(' ');
/** Demo stories a search should find, from the demo data alone (stems: library, libraries, librarian). */
const mentioning = (pattern: RegExp, stories = editorial) => stories.filter((s) => pattern.test(textOfStory(s)));
const LIBRARY = /\blibrar/i;
const COUNTY = /\bcount(y|ies)\b/i;

/** The day a demo story was published on, in the site's zone, as `YYYY-MM-DD`. */
const localDay = (s: DemoStory) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: SITE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(NOW.getTime() - s.hoursAgo * HOUR),
  );

const resultPaths = (document: Document) =>
  [...document.querySelectorAll('.search-results .teaser-headline a')].map((a) => a.getAttribute('href'));

for (const dialect of DIALECTS) {
  describe(`search page on ${dialect}`, () => {
    let site: TestSite;

    beforeAll(async () => {
      site = await startTestSite(dialect, { now: NOW });
    }, 120_000);
    afterAll(async () => {
      await site?.close();
    });

    it('shows an accessible search form without JavaScript, linked from every page header', async () => {
      const home = await getPage(site, '/');
      expect(home.document.querySelector('.site-header a[href="/search"]')).not.toBeNull();
      const page = await getPage(site, '/search');
      expect(page.status).toBe(200);
      const form = page.document.querySelector('form[role="search"]') as Element;
      expect(form.getAttribute('action')).toBe('/search');
      for (const name of ['q', 'section', 'from', 'to']) {
        const field = form.querySelector(`[name="${name}"]`) as Element;
        const label = form.querySelector(`label[for="${field.getAttribute('id')}"]`);
        expect(textOf(label), name).not.toBe('');
      }
      expect(form.querySelector('[name="from"]')?.getAttribute('type')).toBe('date');
      expect(form.querySelector('button[type="submit"]')).not.toBeNull();
      expect(page.document.querySelector('script:not([type="application/ld+json"])')).toBeNull();
      expect(metaContent(page.document, 'robots')).toBe('noindex');
    });

    it('finds the demo stories that mention a word, headline matches first, with marked snippets', async () => {
      const expected = mentioning(LIBRARY);
      const page = await getPage(site, '/search?q=library');
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(metaContent(page.document, 'robots')).toBe('noindex');
      expect(textOf(page.document.querySelector('.search-count'))).toBe(`${expected.length} results for “library”`);
      const paths = resultPaths(page.document);
      expect(paths.sort()).toEqual(expected.map(demoStoryPath).sort());
      const headlines = [...page.document.querySelectorAll('.search-results .teaser-headline')].map((h) => textOf(h));
      const inHeadline = expected.filter((s) => LIBRARY.test(s.headline)).length;
      expect(headlines.slice(0, inHeadline).every((h) => LIBRARY.test(h))).toBe(true);
      // Teasers are the list teasers, with the snippet in place of the excerpt.
      const first = page.document.querySelector('.search-results .teaser') as Element;
      expect(first.querySelector('time[datetime]')).not.toBeNull();
      const marks = [...page.document.querySelectorAll('.search-results .teaser-snippet mark')].map((m) => textOf(m));
      expect(marks.length).toBeGreaterThan(0);
      for (const mark of marks) expect(mark).toMatch(/^librar/i);
      // The form keeps what the reader typed.
      expect(page.document.querySelector('input[name="q"]')?.getAttribute('value')).toBe('library');
    });

    it('filters by section, a top-level section including its sub-sections', async () => {
      const inNews = mentioning(LIBRARY, demoEditorialIn('news'));
      expect(inNews.length).toBeGreaterThan(1);
      const page = await getPage(site, '/search?q=library&section=news');
      expect(resultPaths(page.document).sort()).toEqual(inNews.map(demoStoryPath).sort());
      expect(page.document.querySelector('option[value="news"]')?.hasAttribute('selected')).toBe(true);
      const politics = await getPage(site, '/search?q=library&section=politics');
      expect(resultPaths(politics.document).sort()).toEqual(mentioning(LIBRARY, demoEditorialIn('politics')).map(demoStoryPath).sort());
    });

    it('filters by days in the site’s time zone', async () => {
      const county = mentioning(COUNTY);
      const days = [...new Set(county.map(localDay))].sort();
      const from = days[Math.floor(days.length / 2)] as string;
      const to = days[days.length - 2] as string;
      const expected = county.filter((s) => localDay(s) >= from && localDay(s) <= to);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(county.length);
      const page = await getPage(site, `/search?q=county&from=${from}&to=${to}`);
      expect(page.status).toBe(200);
      expect(resultPaths(page.document).sort()).toEqual(expected.map(demoStoryPath).sort());
      for (const time of page.document.querySelectorAll('.search-results time')) {
        const day = (time.getAttribute('datetime') as string).slice(0, 10);
        expect(day >= from && day <= to).toBe(true);
      }
    });

    it('pages through many results with numbered pages and rel links, never showing sponsored stories', async () => {
      const expected = mentioning(COUNTY);
      expect(expected.length).toBeGreaterThan(20);
      const first = await getPage(site, '/search?q=county');
      expect(textOf(first.document.querySelector('.search-count'))).toBe(`${expected.length} results for “county”`);
      const next = first.document.querySelector('.search-pager a[rel="next"]')?.getAttribute('href') as string;
      expect(next).toBe('/search?q=county&page=2');
      expect(first.document.querySelector('link[rel="next"]')).not.toBeNull();
      expect(textOf(first.document.querySelector('.search-pager [aria-current="page"]'))).toBe('1');
      const second = await getPage(site, next);
      expect(second.document.querySelector('.search-pager a[rel="prev"]')?.getAttribute('href')).toBe('/search?q=county');
      const all = [...resultPaths(first.document), ...resultPaths(second.document)];
      expect(all.sort()).toEqual(expected.map(demoStoryPath).sort());
      for (const path of SPONSORED_PATHS) expect(all).not.toContain(path);
      // A word only a sponsored story uses finds nothing.
      const sump = await getPage(site, '/search?q=sump');
      expect(resultPaths(sump.document)).toEqual([]);
    });

    it('says clearly when nothing matches', async () => {
      const page = await getPage(site, '/search?q=xylophonequasar');
      expect(page.status).toBe(200);
      expect(textOf(page.document.querySelector('.search-count'))).toBe('0 results for “xylophonequasar”');
      expect(textOf(page.document.querySelector('.search-results .empty'))).toMatch(/No stories match/);
      expect(page.document.querySelector('.search-pager')).toBeNull();
    });

    it('treats query syntax as plain words', async () => {
      const count = mentioning(LIBRARY).length;
      for (const q of ['"library', 'library"', '(library', 'library*', '-library', '{library}', 'library:']) {
        const page = await getPage(site, `/search?q=${encodeURIComponent(q)}`);
        expect(page.status, q).toBe(200);
        expect(resultPaths(page.document).length, q).toBe(count);
      }
      // Operators and column names are words to find like any other: every one must match.
      for (const q of ['NEAR(library', 'headline:library', 'library AND OR', 'library NOT']) {
        expect((await getPage(site, `/search?q=${encodeURIComponent(q)}`)).status, q).toBe(200);
      }
    });

    it('answers a bad search with 400 and a page in the site’s look that says what to fix', async () => {
      const cases: Array<[string, RegExp]> = [
        ['/search?q=', /empty/i],
        ['/search?q=%20%20', /empty/i],
        [`/search?q=${'x'.repeat(300)}`, /characters/],
        ['/search?q=%22*-%F0%9F%A6%84', /no words/],
        ['/search?q=library&from=2026-02-30', /not a date/],
        ['/search?q=library&from=2026-03-09&to=2026-03-01', /after the to date/],
        ['/search?q=library&section=no-such-section', /no section/],
        ['/search?q=library&page=0', /not a page/],
        ['/search?q=library&page=9999', /not a page/],
      ];
      for (const [path, message] of cases) {
        const page = await getPage(site, path);
        expect(page.status, path).toBe(400);
        expect(page.headers.get('content-type'), path).toMatch(/^text\/html/);
        expect(page.headers.get('cache-control'), path).toBe('no-store');
        expect(page.document.querySelector('.site-header'), path).not.toBeNull();
        expect(page.document.querySelector('.site-footer'), path).not.toBeNull();
        expect(textOf(page.document.querySelector('.search-error[role="alert"]')), path).toMatch(message);
        expect(page.document.querySelector('form[role="search"]'), path).not.toBeNull();
      }
    });

    it('escapes what the reader typed wherever the page shows it', async () => {
      const page = await getPage(site, `/search?q=${encodeURIComponent('<img src=x onerror=alert(1)> library')}`);
      expect(page.status).toBe(200);
      expect(page.body).not.toContain('<img src=x');
      expect(textOf(page.document.querySelector('.search-count'))).toContain('<img src=x onerror=alert(1)> library');
    });
  });
}
