import { parseFeed } from '@rowanmanning/feed-parser';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEditorialIn, demoStories, demoStory, demoStoryPath } from '../support/demo-facts.js';
import { getPage, localUrl, probe, textOf } from '../support/reader-pages.js';
import { DIALECTS, startTestSite, TEST_SITE_URL, type TestSite } from '../support/test-site.js';

// RSS 2.0, Atom 1.0 and JSON Feed 1.1, read back with a real feed parser over HTTP.

const NOW = new Date('2026-03-10T19:30:00Z');
const FORMATS = [
  { file: 'rss.xml', type: 'application/rss+xml; charset=utf-8' },
  { file: 'atom.xml', type: 'application/atom+xml; charset=utf-8' },
  { file: 'feed.json', type: 'application/feed+json; charset=utf-8' },
] as const;
const RFC_3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/** One item as every format is compared: what a feed reader takes from it. */
interface ReadItem {
  id: string;
  title: string;
  url: string;
  published: Date;
  authors: string[];
  categories: string[];
  enclosure: { url: string; type: string | null; length: number | null } | undefined;
}

interface ReadFeed {
  status: number;
  headers: Headers;
  body: string;
  items: ReadItem[];
}

async function readFeed(site: TestSite, feedPath: string, init: RequestInit = {}): Promise<ReadFeed> {
  const response = await fetch(`${site.url}${feedPath}`, { redirect: 'manual', ...init });
  const body = await response.text();
  if (response.status !== 200) return { status: response.status, headers: response.headers, body, items: [] };
  return { status: response.status, headers: response.headers, body, items: feedPath.endsWith('.json') ? jsonItems(body) : xmlItems(body) };
}

function xmlItems(body: string): ReadItem[] {
  return parseFeed(body).items.map((item) => {
    const media = item.media.find((m) => m.type === 'image' && m.length !== null);
    return {
      id: item.id ?? '',
      title: item.title ?? '',
      url: item.url ?? '',
      published: item.published ?? new Date(0),
      authors: item.authors.map((a) => a.name ?? ''),
      categories: item.categories.map((c) => c.label ?? c.term),
      enclosure: media ? { url: media.url, type: media.mimeType, length: media.length } : undefined,
    };
  });
}

function jsonItems(body: string): ReadItem[] {
  const feed = JSON.parse(body) as { items: Array<Record<string, any>> };
  return feed.items.map((item) => ({
    id: item.id,
    title: item.title,
    url: item.url,
    published: new Date(item.date_published),
    authors: (item.authors ?? []).map((a: { name: string }) => a.name),
    categories: item.tags ?? [],
    enclosure: item.attachments?.[0]
      ? { url: item.attachments[0].url, type: item.attachments[0].mime_type, length: item.attachments[0].size_in_bytes }
      : undefined,
  }));
}

/** Throws unless the text is well-formed, namespace-correct XML. */
function assertWellFormed(xml: string): void {
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(xml).close();
}

/** Headlines of a front as a reader sees them, in order. */
async function frontHeadlines(site: TestSite, frontPath: string): Promise<string[]> {
  const { document } = await getPage(site, frontPath);
  return [...document.querySelectorAll('main .teaser-headline a')].map((a) => textOf(a));
}

async function articleId(site: TestSite, storyPath: string): Promise<number> {
  const found = await site.store.articles.byPath(storyPath);
  if (found.kind !== 'article') throw new Error(`No story at ${storyPath}`);
  return found.article.id;
}

for (const dialect of DIALECTS) {
  describe(`feeds on ${dialect}`, () => {
    let site: TestSite;

    beforeAll(async () => {
      site = await startTestSite(dialect, { now: NOW });
    }, 120_000);

    afterAll(async () => {
      await site?.close();
    });

    describe.each(FORMATS)('$file', ({ file, type }) => {
      it('answers for the site with its content type and the newest editorial stories first', async () => {
        const feed = await readFeed(site, `/${file}`);
        expect(feed.status).toBe(200);
        expect(feed.headers.get('content-type')).toBe(type);
        const editorial = demoStories.filter((s) => s.label !== 'sponsored');
        expect(feed.items).toHaveLength(Math.min(50, editorial.length));
        const times = feed.items.map((i) => i.published.getTime());
        expect(times).toEqual([...times].sort((a, b) => b - a));
        expect(feed.items[0]?.title).toBe((await frontHeadlines(site, '/'))[0]);
      });

      it('lists a section front’s stories, sub-sections included, with the front’s headlines in its order', async () => {
        const feed = await readFeed(site, `/news/${file}`);
        expect(feed.status).toBe(200);
        expect(feed.items).toHaveLength(Math.min(50, demoEditorialIn('news').length));
        const front = await frontHeadlines(site, '/news');
        expect(feed.items.slice(0, front.length).map((i) => i.title)).toEqual(front);
        const politics = await readFeed(site, `/news/politics/${file}`);
        expect(politics.items.map((i) => i.title)).toEqual(await frontHeadlines(site, '/news/politics'));
        expect(politics.items.every((i) => new URL(i.url).pathname.startsWith('/news/politics/'))).toBe(true);
      });

      it('gives absolute links that answer 200, ids that are not URLs, authors and categories', async () => {
        const feed = await readFeed(site, `/news/politics/${file}`);
        expect(feed.items.length).toBeGreaterThan(0);
        for (const item of feed.items) {
          expect(item.url.startsWith(`${TEST_SITE_URL}/`)).toBe(true);
          expect((await probe(site, item.url)).status).toBe(200);
          expect(item.id).toMatch(/^tag:news\.example\.test,\d{4}:article-\d+$/);
          expect(item.authors.length).toBeGreaterThan(0);
          expect(item.categories).toContain('Politics');
        }
      });

      it('follows an author and a tag', async () => {
        const author = await readFeed(site, `/authors/maya-okafor/${file}`);
        expect(author.status).toBe(200);
        const byMaya = demoStories.filter((s) => s.authors.includes('maya-okafor') && s.label !== 'sponsored');
        expect(author.items).toHaveLength(byMaya.length);
        expect(author.items.every((i) => i.authors.includes('Maya Okafor'))).toBe(true);
        const tag = await readFeed(site, `/tags/ferries/${file}`);
        expect(tag.status).toBe(200);
        expect(tag.items).toHaveLength(demoStories.filter((s) => s.tags.includes('Ferries') && s.label !== 'sponsored').length);
        expect(tag.items.every((i) => i.categories.includes('Ferries'))).toBe(true);
      });

      it('answers 404 for a section, author or tag that does not exist', async () => {
        for (const missing of [`/no-such-section/${file}`, `/news/no-such-desk/${file}`, `/authors/nobody/${file}`, `/tags/no-such-tag/${file}`]) {
          expect((await readFeed(site, missing)).status, missing).toBe(404);
        }
      });

      it('attaches the lead picture as a 1280-wide JPEG whose length is the served file’s size', async () => {
        const feed = await readFeed(site, `/news/${file}`);
        for (const item of feed.items.slice(0, 5)) {
          expect(item.enclosure, item.title).toBeDefined();
          const enclosure = item.enclosure as NonNullable<ReadItem['enclosure']>;
          expect(enclosure.type).toBe('image/jpeg');
          const { pathname } = new URL(enclosure.url);
          // Content-addressed, like every picture URL.
          expect(pathname).toMatch(/^\/media\/[0-9a-f]{32}\.jpg$/);
          const served = await fetch(localUrl(site, enclosure.url));
          expect(served.headers.get('content-type')).toMatch(/^image\/jpeg/);
          expect(enclosure.length).toBe((await served.arrayBuffer()).byteLength);
        }
      });

      it('answers 304 to If-None-Match and If-Modified-Since when nothing changed', async () => {
        const first = await readFeed(site, `/news/${file}`);
        const etag = first.headers.get('etag');
        const lastModified = first.headers.get('last-modified');
        expect(etag).toBeTruthy();
        expect(lastModified).toBeTruthy();
        expect((await readFeed(site, `/news/${file}`, { headers: { 'if-none-match': etag as string } })).status).toBe(304);
        expect((await readFeed(site, `/news/${file}`, { headers: { 'if-modified-since': lastModified as string } })).status).toBe(304);
        const before = new Date(Date.parse(lastModified as string) - 3_600_000).toUTCString();
        expect((await readFeed(site, `/news/${file}`, { headers: { 'if-modified-since': before } })).status).toBe(200);
        expect((await readFeed(site, `/news/${file}`, { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
      });
    });

    it('writes RSS guids as non-permalinks and pictures as Media RSS with caption and credit', async () => {
      const { body } = await readFeed(site, '/rss.xml');
      expect(body).toMatch(/<guid isPermaLink="false">tag:news\.example\.test,\d{4}:article-\d+<\/guid>/);
      expect(body).toContain('xmlns:media="http://search.yahoo.com/mrss/"');
      expect(body).toMatch(/<media:content url="https:\/\/news\.example\.test\/media\/[0-9a-f]{32}\.jpg" type="image\/jpeg" medium="image" width="\d+" height="\d+"/);
      const story = demoStory('port-alder-council-passes-budget-library-hours');
      expect(body).toContain(`<media:credit>${story.photo.credit}</media:credit>`);
      expect(body).toContain(`<media:description>${story.photo.caption.slice(0, 60)}`);
      expect(body).toMatch(/<pubDate>\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT<\/pubDate>/);
    });

    it('writes a valid JSON Feed 1.1 by hand', async () => {
      const { body } = await readFeed(site, '/news/feed.json');
      const feed = JSON.parse(body);
      expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
      expect(feed.title).toBe('News | Cedar Coast Dispatch');
      expect(feed.home_page_url).toBe(`${TEST_SITE_URL}/news`);
      expect(feed.feed_url).toBe(`${TEST_SITE_URL}/news/feed.json`);
      expect(feed.author).toBeUndefined();
      expect(Array.isArray(feed.items)).toBe(true);
      for (const item of feed.items) {
        expect(typeof item.id).toBe('string');
        expect(typeof item.content_html === 'string' || typeof item.content_text === 'string').toBe(true);
        expect(item.content_html).toMatch(/^<p>/);
        expect(item.date_published).toMatch(RFC_3339);
        expect(item.date_modified).toMatch(RFC_3339);
        expect(item.author).toBeUndefined();
        expect(item.authors.length).toBeGreaterThan(0);
        for (const author of item.authors) expect(typeof author.name).toBe('string');
        expect(item.image).toMatch(/^https:\/\/news\.example\.test\/media\/[0-9a-f]{32}\.jpg$/);
        for (const attachment of item.attachments) {
          expect(typeof attachment.url).toBe('string');
          expect(typeof attachment.mime_type).toBe('string');
        }
      }
    });

    it('offers each page’s feeds as alternate links that answer 200', async () => {
      const article = demoStory('state-senate-passes-transportation-package-ferries');
      const cases = [
        { page: '/', feeds: '' },
        { page: '/news', feeds: '/news' },
        { page: demoStoryPath(article), feeds: '/news/politics' },
        { page: '/authors/maya-okafor', feeds: '/authors/maya-okafor' },
        { page: '/tags/ferries', feeds: '/tags/ferries' },
      ];
      for (const { page, feeds } of cases) {
        const { document } = await getPage(site, page);
        const links = [...document.querySelectorAll('head link[rel="alternate"]')];
        expect(links.map((l) => l.getAttribute('href')), page).toEqual(FORMATS.map((f) => `${TEST_SITE_URL}${feeds}/${f.file}`));
        for (const [index, link] of links.entries()) {
          expect(link.getAttribute('type')).toBe(FORMATS[index]?.type.split(';')[0]);
          expect(link.getAttribute('title')).toBeTruthy();
          const answer = await probe(site, localUrl(site, link.getAttribute('href') as string).slice(site.url.length));
          expect(answer.status).toBe(200);
          expect(answer.contentType).toBe(FORMATS[index]?.type);
        }
      }
    });

    it('never lists a sponsored story, in any feed its page links to', async () => {
      const sponsored = demoStories.filter((s) => s.label === 'sponsored');
      expect(sponsored.length).toBeGreaterThan(0);
      for (const story of sponsored) {
        const url = `${TEST_SITE_URL}${demoStoryPath(story)}`;
        const { document } = await getPage(site, demoStoryPath(story));
        const pages = [
          '',
          ...[...document.querySelectorAll('.section-label a, .story-tags a, main a[href^="/authors/"]')].map((a) => a.getAttribute('href') ?? ''),
        ];
        for (const page of new Set(pages)) {
          for (const { file } of FORMATS) {
            const feed = await readFeed(site, `${page}/${file}`);
            expect(feed.status, `${page}/${file}`).toBe(200);
            expect(feed.items.map((i) => i.url), `${page}/${file}`).not.toContain(url);
          }
        }
      }
    });

    describe('when stories change', () => {
      // Characters XML and HTML both care about, to show titles are escaped, not mangled.
      const HEADLINE = 'Senate sends ferry money & "hope" to the House <again>';

      it('keeps an item’s id when its headline and slug change, with the new title (escaped) and link', async () => {
        const story = demoStory('state-senate-passes-transportation-package-ferries');
        const id = await articleId(site, demoStoryPath(story));
        const before = await Promise.all(FORMATS.map((f) => readFeed(site, `/news/politics/${f.file}`)));
        const oldItems = before.map((feed) => feed.items.find((i) => i.title === story.headline));
        await site.store.articleWriter.update(id, { headline: HEADLINE, slug: 'senate-sends-ferry-money-to-house' });
        site.app.purgePages();
        const after = await Promise.all(FORMATS.map((f) => readFeed(site, `/news/politics/${f.file}`)));
        for (const [index, feed] of after.entries()) {
          const old = oldItems[index];
          expect(old).toBeDefined();
          const item = feed.items.find((i) => i.id === old?.id);
          expect(item?.title).toBe(HEADLINE);
          expect(item?.url).toBe(`${TEST_SITE_URL}/news/politics/senate-sends-ferry-money-to-house`);
          expect((await probe(site, item?.url as string)).status).toBe(200);
          expect(feed.items.filter((i) => i.id === old?.id)).toHaveLength(1);
        }
      });

      it('writes well-formed XML in which a headline with &, <, ]]> and an emoji comes back as written', async () => {
        const headline = 'Ferry fares & tolls: <b>not</b> ]]> yet 🚢';
        const first = (await readFeed(site, '/news/rss.xml')).items[0] as ReadItem;
        await site.store.articleWriter.update(await articleId(site, new URL(first.url).pathname), { headline });
        site.app.purgePages();
        for (const { file } of FORMATS) {
          const feed = await readFeed(site, `/news/${file}`);
          if (file.endsWith('.xml')) expect(() => assertWellFormed(feed.body), file).not.toThrow();
          expect(feed.items.find((i) => i.id === first.id)?.title, file).toBe(headline);
        }
      });

      it('drops a withdrawn story from every feed it was in', async () => {
        const story = demoStory('port-alder-council-passes-budget-library-hours');
        const url = `${TEST_SITE_URL}${demoStoryPath(story)}`;
        const feeds = ['', '/news', '/news/politics', '/authors/maya-okafor', '/tags/libraries'];
        for (const page of feeds) expect((await readFeed(site, `${page}/rss.xml`)).items.map((i) => i.url), page).toContain(url);
        await site.store.articleWriter.update(await articleId(site, demoStoryPath(story)), { status: 'withdrawn' });
        site.app.purgePages();
        for (const page of feeds) {
          for (const { file } of FORMATS) {
            expect((await readFeed(site, `${page}/${file}`)).items.map((i) => i.url), `${page}/${file}`).not.toContain(url);
          }
        }
      });
    });
  });

  describe(`feeds on ${dialect} with FEED_CONTENT=summary`, () => {
    let site: TestSite;

    beforeAll(async () => {
      site = await startTestSite(dialect, { now: NOW, env: { FEED_CONTENT: 'summary' } });
    }, 120_000);

    afterAll(async () => {
      await site?.close();
    });

    it('sends summaries instead of whole stories', async () => {
      const story = demoStory('port-alder-council-passes-budget-library-hours');
      const json = JSON.parse((await readFeed(site, '/news/politics/feed.json')).body);
      const item = json.items.find((i: { title: string }) => i.title === story.headline);
      expect(item.content_html).toBeUndefined();
      expect(item.content_text).toBe(story.summary);
      const rss = (await readFeed(site, '/news/politics/rss.xml')).body;
      expect(rss).not.toContain('<content:encoded>');
      const atom = parseFeed((await readFeed(site, '/news/politics/atom.xml')).body);
      const entry = atom.items.find((i) => i.title === story.headline);
      expect(entry?.description).toBe(story.summary);
      expect(entry?.content).toBeNull();
    });
  });
}
