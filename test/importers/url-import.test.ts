import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowFor } from '../../src/cli/import-command.js';
import { importUrls } from '../../src/importers/url/url-import.js';
import { parseAllowList } from '../../src/net/index.js';
import { getPage, textOf } from '../support/reader-pages.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';
import { expectImagesLoad, expectPageContract } from './support/page-contract.js';
import { writePicture } from './support/wxr.js';

// An article page served on loopback, imported with --allow-private-network as the tests ask.

const NOW = new Date('2026-03-10T19:30:00Z');
const ALLOW = { allow: allowFor(parseAllowList(''), true) };

function articlePage(base: string): string {
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: 'Lighthouse keeper retires after forty years',
    description: 'The last keeper of the north light hands over the keys.',
    datePublished: '2026-03-01T09:00:00Z',
    author: [{ '@type': 'Person', name: 'Mara Quill' }],
    image: [`${base}/img/lighthouse.jpg`],
  };
  const paragraphs = Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i + 1} of the keeper's story, long enough for a reader to find it worth extracting as the article's main text, with details about the lamp, the stairs and the storms of the winter.</p>`).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Lighthouse keeper retires | Coast Paper</title>
<link rel="canonical" href="https://paper.example/2026/03/lighthouse-keeper">
<meta property="og:title" content="OG title should lose to JSON-LD">
<meta property="og:image" content="${base}/img/lighthouse.jpg">
<script type="application/ld+json">${JSON.stringify(ld)}</script>
<script>window.tracker = 1;</script></head>
<body><nav><a href="/">Home</a> <a href="/sports">Sports</a></nav>
<article><h1>Lighthouse keeper retires after forty years</h1>
${paragraphs}
<figure><img src="/img/stairs.jpg" alt="The spiral stairs"><figcaption>The spiral stairs.</figcaption></figure>
<p onclick="steal()">The end of an era on the headland, as the light turns automatic next month.</p></article>
<footer>Copyright Coast Paper</footer></body></html>`;
}

for (const dialect of DIALECTS) {
  describe(`importing an article by URL on ${dialect}`, () => {
    let site: TestSite;
    let server: http.Server;
    let base: string;
    let dir: string;
    const pictures = new Map<string, Buffer>();

    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'dateline-url-'));
      pictures.set('/img/lighthouse.jpg', await writePicture(path.join(dir, 'a.jpg'), 1000, 600, 10));
      pictures.set('/img/stairs.jpg', await writePicture(path.join(dir, 'b.jpg'), 600, 800, 200));
      server = http.createServer((request, response) => {
        const picture = pictures.get(request.url ?? '');
        if (picture) return void response.writeHead(200, { 'content-type': 'image/jpeg' }).end(picture);
        if (request.url === '/story') return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage(base));
        if (request.url === '/feed.json') return void response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        response.writeHead(404).end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      site = await startTestSite(dialect, { now: NOW });
    }, 120_000);

    afterAll(async () => {
      await site?.close();
      await new Promise((resolve) => server?.close(resolve));
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('refuses a loopback page unless private addresses are allowed', async () => {
      const summary = await importUrls(site.store, { urls: [`${base}/story`], publish: true, outbound: {}, clock: () => NOW });
      expect(summary.created.stories).toBe(0);
      expect(summary.notImported[0]?.why).toMatch(/loopback/);
    });

    it('publishes the story with JSON-LD facts, a clean body, its pictures in the library and its source noted', async () => {
      const summary = await importUrls(site.store, { urls: [`${base}/story`], publish: true, sectionSlug: 'news', outbound: ALLOW, clock: () => NOW });
      expect(summary.created.stories).toBe(1);
      expect(summary.created.pictures).toBe(2);
      const row = await site.store.db.kysely.selectFrom('articles').select(['path', 'status', 'published_at', 'summary']).where('headline', '=', 'Lighthouse keeper retires after forty years').executeTakeFirstOrThrow();
      expect(row.status).toBe('published');
      expect(row.published_at).toBe(Date.parse('2026-03-01T09:00:00Z'));
      expect(row.summary).toBe('The last keeper of the north light hands over the keys.');
      expect(row.path).toBe('/news/lighthouse-keeper-retires-after-forty-years');
      const document = await expectPageContract(site, row.path);
      expect(await expectImagesLoad(site, document)).toBeGreaterThanOrEqual(2);
      const body = document.querySelector('main .story-body');
      expect(textOf(body)).toContain('Paragraph 6 of the keeper');
      expect(textOf(body)).not.toContain('Copyright Coast Paper');
      expect(body?.innerHTML).not.toMatch(/onclick|tracker|127\.0\.0\.1/);
      expect(textOf(document.querySelector('main .byline'))).toContain('Mara Quill');
      expect(textOf(document.querySelector('main .contributor-note'))).toBe('First published at https://paper.example/2026/03/lighthouse-keeper');
    });

    it('does not import the same article twice, keeps drafts as drafts, and says why a page is not an article', async () => {
      const again = await importUrls(site.store, { urls: [`${base}/story`, `${base}/feed.json`, `${base}/missing`], publish: false, outbound: ALLOW, clock: () => NOW });
      expect(again.created.stories).toBe(0);
      expect(again.unchanged.stories).toBe(1);
      expect(again.notImported.map((p) => p.why)).toEqual([expect.stringContaining('not an HTML page'), expect.stringContaining('answered 404')]);
      const page = await getPage(site, '/news');
      expect(page.status).toBe(200);
    });
  });
}
