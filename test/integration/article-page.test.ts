import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/domain/article.js';
import { teaserText } from '../../src/domain/front-layout.js';
import {
  demoAuthorKind,
  demoAuthorName,
  demoEditorialIn,
  demoSectionName,
  demoSectionPath,
  demoSections,
  demoSponsorName,
  demoSponsors,
  demoStory,
  demoStoryAt,
  demoStoryPath,
  SPONSORED_PATHS,
} from '../support/demo-facts.js';
import {
  datetimeMatches,
  expectedAbsolute,
  expectedRelative,
  getPage,
  jsonLdOf,
  metaContent,
  probe,
  srcsetUrls,
  teasersIn,
  textOf,
} from '../support/reader-pages.js';
import { DIALECTS, startTestSite, TEST_SITE_URL, type TestSite } from '../support/test-site.js';

// Page contract items 5–16 on four kinds of story.

const NOW = new Date('2026-03-10T19:30:00Z');

const CASES = [
  { kind: 'wire story', key: 'state-senate-passes-transportation-package-ferries', type: 'NewsArticle' },
  { kind: 'staff story', key: 'port-alder-council-passes-budget-library-hours', type: 'NewsArticle' },
  { kind: 'opinion column', key: 'low-tide-the-ferry-is-our-main-street', type: 'OpinionNewsArticle' },
  { kind: 'sponsored story', key: 'sponsored-harbor-light-storm-ready-home', type: 'AdvertiserContentArticle' },
];

const MIME: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', avif: 'image/avif' };

for (const dialect of DIALECTS) {
  describe(`reader site on ${dialect}: article page`, () => {
    let site: TestSite;

    beforeAll(async () => {
      site = await startTestSite(dialect, { now: NOW });
    }, 120_000);

    afterAll(async () => {
      await site?.close();
    });

    async function stored(path: string): Promise<Article> {
      const found = await site.store.articles.byPath(path);
      if (found.kind !== 'article') throw new Error(`${path} is not a stored story`);
      return found.article;
    }

    describe.each(CASES)('$kind', ({ key, type }) => {
      const story = demoStory(key);
      const path = demoStoryPath(story);
      const sectionName = demoSectionName(story.section);

      async function article() {
        const page = await getPage(site, path);
        expect(page.status).toBe(200);
        const main = page.document.querySelector('main');
        const articles = main?.querySelectorAll('article') ?? [];
        expect(articles).toHaveLength(1);
        return { ...page, main: main as Element, article: articles[0] as Element };
      }

      it('has one <article> in <main>, a section label linking the section front, and the headline in <h1> (items 5–7)', async () => {
        const { article: el } = await article();
        const label = el.querySelector('header .section-label a') ?? el.querySelector('header a');
        expect(textOf(label)).toBe(sectionName);
        expect(label?.getAttribute('href')).toBe(demoSectionPath(story.section));
        expect((await probe(site, demoSectionPath(story.section))).status).toBe(200);
        const h1s = el.querySelectorAll('h1');
        expect(h1s).toHaveLength(1);
        expect(textOf(h1s[0])).toBe(story.headline);
      });

      it('shows the publication time in the site zone, and "Updated" with a second time only when updated (item 8)', async () => {
        const { article: el } = await article();
        const saved = await stored(path);
        // The times sit with the byline (on their own where a story has no byline).
        const header = el.querySelector('.story-times') as Element;
        const times = [...header.querySelectorAll('time')];
        const published = times[0];
        expect(datetimeMatches(published?.getAttribute('datetime') ?? '', saved.publishedAt as Date)).toBe(true);
        expect(textOf(published)).toBe(expectedAbsolute(saved.publishedAt as Date));
        if (story.updatedHoursAgo !== undefined) {
          expect(saved.updatedAt).not.toBeNull();
          expect(times).toHaveLength(2);
          const match = /Updated\s*<time datetime="([^"]+)"[^>]*>([^<]+)<\/time>/.exec(header.innerHTML);
          expect(match).not.toBeNull();
          expect(datetimeMatches(match?.[1] ?? '', saved.updatedAt as Date)).toBe(true);
          expect(match?.[2]).toBe(expectedAbsolute(saved.updatedAt as Date));
        } else {
          expect(times).toHaveLength(1);
          expect(textOf(header)).not.toContain('Updated');
        }
      });

      it('has a lead figure: img with alt, size and srcset, every rendition served; the whole caption, then the credit (item 9)', async () => {
        const { article: el } = await article();
        const figure = el.querySelector('figure') as Element;
        expect(figure).not.toBeNull();
        const img = figure.querySelector('img') as Element;
        expect(img.getAttribute('alt')).toBe(story.photo.alt);
        expect(Number(img.getAttribute('width'))).toBeGreaterThan(0);
        expect(Number(img.getAttribute('height'))).toBeGreaterThan(0);
        const jpegs = srcsetUrls(img.getAttribute('srcset'));
        expect(jpegs.length).toBeGreaterThanOrEqual(2);
        const urls = [img.getAttribute('src') ?? '', ...jpegs];
        for (const source of figure.querySelectorAll('source')) {
          const sourceUrls = srcsetUrls(source.getAttribute('srcset'));
          expect(sourceUrls.length).toBeGreaterThanOrEqual(2);
          for (const url of sourceUrls) expect(MIME[url.split('.').pop() ?? ''], url).toBe(source.getAttribute('type'));
          urls.push(...sourceUrls);
        }
        expect(figure.querySelectorAll('source[type="image/avif"], source[type="image/webp"]')).toHaveLength(2);
        for (const url of urls) {
          const answer = await probe(site, url);
          expect(answer.status, url).toBe(200);
          expect(answer.contentType, url).toBe(MIME[url.split('.').pop() ?? '']);
        }
        const caption = textOf(figure.querySelector('figcaption'));
        const whole = caption.indexOf(story.photo.caption);
        expect(whole).toBeGreaterThanOrEqual(0);
        expect(caption.indexOf(`Credit: ${story.photo.credit}`)).toBeGreaterThan(whole);
      });

      it('has a byline "By NAME" linking the author page with rel=author, and the author picture (item 10)', async () => {
        const { article: el } = await article();
        const names = story.authors.map(demoAuthorName);
        const links = [...el.querySelectorAll('a[rel="author"]')];
        expect(links.map(textOf)).toEqual(names);
        expect(links.map((a) => a.getAttribute('href'))).toEqual(story.authors.map((k) => `/authors/${k}`));
        if (names.length === 0) return; // a paid story has no newsroom byline
        const byline = links[0]?.parentElement?.closest('p, div') as Element;
        expect(textOf(byline)).toMatch(new RegExp(`^By ${names[0]}`));
        for (const link of links) expect((await probe(site, link.getAttribute('href') ?? '')).status).toBe(200);
        for (const name of names) {
          const picture = el.querySelector(`img[alt="${name}’s profile picture"]`);
          expect(picture, name).not.toBeNull();
          expect(await probe(site, picture?.getAttribute('src') ?? '')).toEqual({ status: 200, contentType: 'image/jpeg' });
        }
      });

      it('has the body paragraphs, a wire dateline opening the first one as sent (item 11)', async () => {
        const { article: el } = await article();
        const paragraphs = [...el.querySelectorAll('p')].map(textOf);
        // The dateline typed in the editor opens the first paragraph, unless the copy already opens with it.
        const opening = story.body[0] as string;
        const expected = [
          story.dateline && !opening.toUpperCase().startsWith(story.dateline.toUpperCase()) ? `${story.dateline} — ${opening}` : opening,
          ...story.body.slice(1),
        ];
        const first = paragraphs.indexOf(expected[0] as string);
        expect(first, `${expected[0]} in ${JSON.stringify(paragraphs.slice(0, 4))}`).toBeGreaterThanOrEqual(0);
        expect(paragraphs.slice(first, first + story.body.length)).toEqual(expected);
        if (story.authors.includes('pacific-wire')) {
          expect(story.dateline).toBeTruthy();
          expect(paragraphs[first]?.startsWith(`${story.dateline} — `)).toBe(true);
        }
      });

      it('has the contributor note after the body when the story has one, and tag links with rel=tag (item 12)', async () => {
        const { article: el } = await article();
        const paragraphs = [...el.querySelectorAll('p')].map(textOf);
        const lastBody = paragraphs.indexOf(story.body[story.body.length - 1] as string);
        if (story.contributorNote) {
          expect(paragraphs.indexOf(story.contributorNote)).toBeGreaterThan(lastBody);
        } else {
          expect(paragraphs.some((p) => /contributed to this report/.test(p))).toBe(false);
        }
        const tags = [...el.querySelectorAll('a[rel="tag"]')];
        expect(tags.map(textOf)).toEqual(story.tags);
        for (const tag of tags) expect((await probe(site, tag.getAttribute('href') ?? '')).status).toBe(200);
      });

      it('lists "More in SECTION": other published editorial stories of the section, newest first, as teasers (item 13)', async () => {
        const { main } = await article();
        const more = [...main.querySelectorAll('section')].find((s) => textOf(s.querySelector('h2')) === `More in ${sectionName}`);
        expect(more).toBeDefined();
        const teasers = teasersIn(more as Element);
        expect(teasers.length).toBeGreaterThan(0);
        const expected = demoEditorialIn(story.section).filter((s) => s.key !== key).map(demoStoryPath);
        expect(teasers.map((t) => t.href)).toEqual(expected.slice(0, teasers.length));
        expect(teasers.map((t) => t.href)).not.toContain(path);
        const stamps = teasers.map((t) => new Date(t.datetime).getTime());
        expect(stamps).toEqual([...stamps].sort((a, b) => b - a));
        for (const teaser of teasers) {
          const other = demoStoryAt(teaser.href);
          expect(other, teaser.href).toBeDefined();
          if (!other) continue;
          expect(teaser.headline).toBe(other.headline);
          expect(teaser.authors).toBe(other.authors.map(demoAuthorName).join(', '));
          // Teasers show the story's summary when it has one (issue 12), else the body's opening cut with […].
          if (other.summary) expect(teaser.excerpt).toBe(teaserText({ summary: other.summary, excerpt: '' }));
          else {
            expect(teaser.excerpt).toMatch(/\S \[…\]$/);
            expect(other.body.join(' ').startsWith(teaser.excerpt.slice(0, -4))).toBe(true);
          }
          const at = (await stored(teaser.href)).publishedAt as Date;
          expect(datetimeMatches(teaser.datetime, at)).toBe(true);
          expect(teaser.timeText).toMatch(/^(now|\d+ minutes? ago|\d+ hours? ago|\d+ days? ago|[A-Z][a-z]{2} \d{1,2}, \d{4})$/);
          expect(teaser.timeText).toBe(expectedRelative(at, NOW));
          const alt = teaser.image?.alt ?? '';
          if (other.photo.caption.length > 100) {
            expect(alt.endsWith('…')).toBe(true);
            expect(alt.length).toBeLessThanOrEqual(101);
            expect(other.photo.caption.startsWith(alt.slice(0, -1))).toBe(true);
          } else {
            expect(alt).toBe(other.photo.caption);
          }
          expect((await probe(site, teaser.image?.src ?? '')).status).toBe(200);
        }
      });

      it('has a Sponsored aside: heading, sponsor name, headline and blurb, every link rel=sponsored (item 14)', async () => {
        const { main } = await article();
        const aside = main.querySelector('aside[aria-label="Sponsored"]') as Element;
        expect(aside).not.toBeNull();
        expect(textOf(aside.querySelector('h2'))).toBe('Sponsored Articles');
        const items = [...aside.querySelectorAll('li')];
        expect(items.length).toBeGreaterThan(0);
        for (const item of items) {
          const link = item.querySelector('a');
          const other = demoStoryAt(link?.getAttribute('href') ?? '');
          expect(other?.label).toBe('sponsored');
          if (!other) continue;
          expect(other.key).not.toBe(key);
          expect(textOf(link)).toBe(other.headline);
          expect(textOf(item)).toContain(demoSponsorName(other.sponsor));
          expect(textOf(item)).toContain(other.summary);
        }
        const links = [...aside.querySelectorAll('a')];
        for (const link of links) expect((link.getAttribute('rel') ?? '').split(/\s+/)).toContain('sponsored');
      });

      it(`describes itself in JSON-LD as ${type} (item 15)`, async () => {
        const { document } = await article();
        const saved = await stored(path);
        const [ld, ...rest] = jsonLdOf(document);
        expect(rest).toHaveLength(0);
        const data = ld as Record<string, any>;
        expect(data['@context']).toBe('https://schema.org');
        expect(data['@type']).toBe(type);
        expect(data.headline).toBe(story.headline);
        expect(datetimeMatches(data.datePublished, saved.publishedAt as Date)).toBe(true);
        expect(datetimeMatches(data.dateModified, (saved.updatedAt ?? saved.publishedAt) as Date)).toBe(true);
        // Every story names an author; a paid story without a newsroom byline names its sponsor.
        const sponsor = demoSponsors.find((s) => s.key === story.sponsor);
        expect(data.author).toEqual(
          story.authors.length > 0
            ? story.authors.map((k) => ({
                '@type': demoAuthorKind(k) === 'organization' ? 'Organization' : 'Person',
                name: demoAuthorName(k),
                url: `${TEST_SITE_URL}/authors/${k}`,
              }))
            : [{ '@type': 'Organization', name: sponsor?.name, url: sponsor?.url }],
        );
        expect(data.image['@type']).toBe('ImageObject');
        expect(data.image.caption).toBe(story.photo.caption);
        expect(data.image.creditText).toBe(story.photo.credit);
        expect(await probe(site, data.image.url)).toEqual({ status: 200, contentType: 'image/jpeg' });
        expect(data.articleSection).toBe(sectionName);
        expect(data.publisher['@type']).toBe('NewsMediaOrganization');
        expect(data.publisher.name).toBe('Cedar Coast Dispatch');
        expect(await probe(site, data.publisher.logo.url)).toEqual({ status: 200, contentType: 'image/png' });
        const canonical = `${TEST_SITE_URL}${path}`;
        const main = data.mainEntityOfPage;
        expect(typeof main === 'string' ? main : main['@id']).toBe(canonical);
      });

      it('carries Open Graph article tags (item 16)', async () => {
        const { document } = await article();
        const saved = await stored(path);
        expect(metaContent(document, 'og:type')).toBe('article');
        expect(metaContent(document, 'og:title')).toContain(story.headline);
        expect(metaContent(document, 'og:url')).toBe(`${TEST_SITE_URL}${path}`);
        expect(datetimeMatches(metaContent(document, 'article:published_time') ?? '', saved.publishedAt as Date)).toBe(true);
        const modified = (saved.updatedAt ?? saved.publishedAt) as Date;
        expect(datetimeMatches(metaContent(document, 'article:modified_time') ?? '', modified)).toBe(true);
        expect(metaContent(document, 'article:section')).toBe(sectionName);
        const image = metaContent(document, 'og:image') ?? '';
        expect(await probe(site, image)).toEqual({ status: 200, contentType: 'image/jpeg' });
        expect(metaContent(document, 'twitter:card')).toBe('summary_large_image');
      });
    });

    it('says "Sponsored" above the headline on a sponsored story, and on no editorial one', async () => {
      for (const { key } of CASES) {
        const story = demoStory(key);
        const { document } = await getPage(site, demoStoryPath(story));
        const article = document.querySelector('main article') as Element;
        const h1 = article.querySelector('h1') as Element;
        const marks = [...article.querySelectorAll('header *')].filter((el) => textOf(el) === 'Sponsored');
        if (story.label === 'sponsored') {
          expect(marks.length, key).toBeGreaterThan(0);
          expect(marks[0]?.compareDocumentPosition(h1), key).toBe(4);
        } else {
          expect(marks, key).toHaveLength(0);
        }
      }
    });

    it('never lists a sponsored story outside the Sponsored aside: home, fronts, More in, author and tag pages', async () => {
      const sponsored = demoStory('sponsored-harbor-light-storm-ready-home');
      const pages = [
        '/',
        ...demoSections.map((s) => demoSectionPath(s.slug)),
        ...['how-to-read-a-tide-table', 'readers-photos-first-storm-of-autumn', 'things-to-do-this-weekend-cedar-county'].map((k) =>
          demoStoryPath(demoStory(k)),
        ),
        '/authors/june-halvorsen',
        ...sponsored.tags.map((t) => `/tags/${t.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`),
      ];
      for (const path of pages) {
        const { status, document } = await getPage(site, path);
        expect(status, path).toBe(200);
        for (const link of document.querySelectorAll('main a[href]')) {
          if (!SPONSORED_PATHS.includes(link.getAttribute('href') ?? '')) continue;
          expect(link.closest('aside[aria-label="Sponsored"]'), `${path} lists ${link.getAttribute('href')}`).not.toBeNull();
        }
        for (const teaser of teasersIn(document.querySelector('main') as Element)) {
          expect(teaser.kicker, `${path}: ${teaser.href}`).not.toBe('Sponsored');
        }
      }
    });
  });
}
