import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importGhost } from '../../src/importers/ghost/ghost-import.js';
import type { ImportSummary } from '../../src/importers/import-summary.js';
import { getPage, textOf } from '../support/reader-pages.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';
import { expectImagesLoad, expectPageContract, redirectOf } from './support/page-contract.js';
import { writePicture } from './support/wxr.js';

// A Ghost 5 export written for this test in Ghost's documented JSON shape ({ db: [{ meta, data }] }).

const NOW = new Date('2026-03-10T19:30:00Z');

function ghostExport() {
  const posts = [
    {
      id: 'p1',
      uuid: 'u1',
      title: 'Ferry timetable changes',
      slug: 'ferry-timetable-changes',
      html: '<p>The morning ferry leaves earlier.</p><figure class="kg-card kg-image-card"><img src="__GHOST_URL__/content/images/2024/05/pier.jpg" class="kg-image" alt="The pier at low tide" srcset="__GHOST_URL__/content/images/size/w600/2024/05/pier.jpg 600w"><figcaption>The pier at low tide.</figcaption></figure><p>Read <a href="__GHOST_URL__/harbour-notes/">our notes</a>.</p>',
      feature_image: '__GHOST_URL__/content/images/2024/05/ferry.jpg',
      custom_excerpt: 'Earlier sailings from June.',
      status: 'published',
      type: 'post',
      published_at: '2024-05-02T10:20:30.000Z',
    },
    { id: 'p2', uuid: 'u2', title: 'Harbour notes', slug: 'harbour-notes', html: null, lexical: JSON.stringify({ root: { children: [{ type: 'paragraph', children: [{ type: 'text', text: 'Notes written in the new editor.' }] }, { type: 'heading', tag: 'h2', children: [{ type: 'text', text: 'Tides' }] }] } }), status: 'published', type: 'post', published_at: '2024-05-03T08:00:00.000Z' },
    { id: 'p3', uuid: 'u3', title: 'Unfinished draft', slug: 'unfinished-draft', html: '<p>Not yet.</p>', status: 'draft', type: 'post', published_at: null },
    { id: 'p4', uuid: 'u4', title: 'About us', slug: 'about', html: '<p>We report on the coast.</p>', status: 'published', type: 'page', published_at: '2023-01-01T00:00:00.000Z' },
  ];
  return {
    db: [
      {
        meta: { exported_on: 1714640000000, version: '5.82.0' },
        data: {
          posts,
          posts_meta: [{ post_id: 'p1', feature_image_alt: 'The ferry at the quay', feature_image_caption: 'The <b>morning</b> ferry.' }],
          tags: [
            { id: 't1', name: 'Harbour', slug: 'harbour', visibility: 'public' },
            { id: 't2', name: 'Ferries', slug: 'ferries', visibility: 'public' },
            { id: 't3', name: '#imported', slug: 'hash-imported', visibility: 'internal' },
          ],
          posts_tags: [
            { post_id: 'p1', tag_id: 't1', sort_order: 0 },
            { post_id: 'p1', tag_id: 't2', sort_order: 1 },
            { post_id: 'p1', tag_id: 't3', sort_order: 2 },
            { post_id: 'p2', tag_id: 't1', sort_order: 0 },
          ],
          users: [{ id: 'a1', name: 'Jo Tide', slug: 'jo', email: 'jo@coast.example', bio: 'Covers the harbour.', profile_image: '__GHOST_URL__/content/images/2024/05/jo.jpg' }],
          posts_authors: [
            { post_id: 'p1', author_id: 'a1', sort_order: 0 },
            { post_id: 'p2', author_id: 'a1', sort_order: 0 },
          ],
        },
      },
    ],
  };
}

for (const dialect of DIALECTS) {
  describe(`Ghost import on ${dialect}`, () => {
    let site: TestSite;
    let dir: string;
    let first: ImportSummary;
    let second: ImportSummary;

    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'dateline-ghost-'));
      for (const [i, name] of ['pier.jpg', 'ferry.jpg', 'jo.jpg'].entries()) await writePicture(path.join(dir, 'images/2024/05', name), 800, 500, i * 60);
      const file = path.join(dir, 'export.json');
      await writeFile(file, JSON.stringify(ghostExport()));
      site = await startTestSite(dialect, { demo: false, now: NOW });
      const options = { file, ghostUrl: 'https://coast.example', imagesDir: path.join(dir, 'images'), outbound: {}, clock: () => NOW };
      first = await importGhost(site.store, options);
      second = await importGhost(site.store, options);
    }, 120_000);

    afterAll(async () => {
      await site?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('imports posts, pages, public tags, authors and pictures, and nothing twice', () => {
      expect(first.created).toMatchObject({ stories: 3, pages: 1, authors: 1, pictures: 3 });
      expect(first.skipped['internal tags']).toBe(1);
      expect(second.created).toEqual({ stories: 0, pages: 0, authors: 0, sections: 0, tags: 0, pictures: 0 });
      expect(second.unchanged).toMatchObject({ stories: 3, pages: 1, authors: 1 });
    });

    it('renders a post with its feature picture as lead (caption, alt) and its body picture from the library', async () => {
      const story = await redirectOf(site, '/ferry-timetable-changes/');
      expect(story).toBe('/harbour/ferry-timetable-changes');
      const document = await expectPageContract(site, story);
      expect(await expectImagesLoad(site, document)).toBeGreaterThanOrEqual(3);
      const lead = document.querySelector('main .lead-figure img');
      expect(lead?.getAttribute('alt')).toBe('The ferry at the quay');
      expect(textOf(document.querySelector('main .lead-figure figcaption'))).toContain('The morning ferry.');
      const body = document.querySelector('main .story-body');
      expect(body?.innerHTML).not.toContain('__GHOST_URL__');
      expect(body?.innerHTML).not.toContain('coast.example/content');
      expect(body?.querySelector('a')?.getAttribute('href')).toBe('/harbour-notes/');
      expect([...(document.querySelectorAll('main a[rel="tag"]') ?? [])].map(textOf)).toEqual(['Ferries']);
      expect(textOf(document.querySelector('main .byline'))).toContain('Jo Tide');
    });

    it('rebuilds a body from lexical when there is no html, and says so', async () => {
      const page = await getPage(site, await redirectOf(site, '/harbour-notes/'));
      expect(textOf(page.document.querySelector('main .story-body'))).toBe('Notes written in the new editor. Tides');
      expect(first.notes.some((n) => /lexical/.test(n.why))).toBe(true);
    });

    it('redirects tag and author pages, serves the page at its old path, and keeps drafts off the site', async () => {
      expect(await redirectOf(site, '/tag/ferries/')).toBe('/tags/ferries');
      expect((await getPage(site, '/tags/ferries')).status).toBe(200);
      expect(await redirectOf(site, '/author/jo/')).toBe('/authors/jo');
      const author = await getPage(site, '/authors/jo');
      expect(author.status).toBe(200);
      expect(textOf(author.document.querySelector('main'))).toContain('Covers the harbour.');
      const about = await expectPageContract(site, '/about');
      expect(textOf(about.querySelector('main'))).toContain('We report on the coast.');
      const draft = await site.store.db.kysely.selectFrom('articles').select(['status', 'path']).where('headline', '=', 'Unfinished draft').executeTakeFirstOrThrow();
      expect(draft.status).toBe('draft');
      expect((await getPage(site, draft.path)).status).toBe(404);
    });

    it('refuses a file that is not a Ghost export with what to do', async () => {
      const wrong = path.join(dir, 'wrong.json');
      await writeFile(wrong, JSON.stringify({ posts: [] }));
      await expect(importGhost(site.store, { file: wrong, outbound: {} })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('not a Ghost export') });
      await writeFile(wrong, '{ not json');
      await expect(importGhost(site.store, { file: wrong, outbound: {} })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('is not JSON') });
    });
  });
}
