import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListCursor, Teaser } from '../../src/domain/article.js';
import type { Section } from '../../src/domain/section.js';
import { createStore, type Db, migrate, openDatabase, type Store } from '../../src/store/index.js';
import { createPostgresDatabase, DIALECTS } from '../support/test-site.js';

for (const dialect of DIALECTS) {
  describe(`article store on ${dialect}`, () => {
    let db: Db;
    let store: Store;
    let cleanup: () => Promise<void>;
    let news: Section;
    let politics: Section;
    let authorId: number;
    const base = Date.UTC(2026, 0, 1);

    beforeAll(async () => {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dateline-store-'));
      const pgDb = dialect === 'postgres' ? await createPostgresDatabase() : undefined;
      db = await openDatabase({ databaseUrl: pgDb?.url, dataDir });
      await migrate(db);
      store = createStore(db);
      cleanup = async () => {
        await db.close();
        await pgDb?.drop();
        await rm(dataDir, { recursive: true, force: true });
      };
      news = await store.sections.create({ slug: 'news', name: 'News' });
      politics = await store.sections.create({ slug: 'politics', name: 'Politics', parentId: news.id });
      authorId = await store.authors.create({ slug: 'reporter', name: 'A Reporter', kind: 'person' });
    });
    afterAll(() => cleanup());

    const create = (headline: string, at: number, extra: Record<string, unknown> = {}) =>
      store.articleWriter.create({
        headline,
        bodyHtml: `<p>${headline}</p>`,
        label: 'news',
        status: 'published',
        sectionId: politics.id,
        authorIds: [authorId],
        publishedAt: new Date(at),
        ...extra,
      });

    it('migrating again changes nothing', async () => {
      expect((await migrate(db)).applied).toEqual([]);
    });

    it('gives two stories with one headline distinct slugs and paths', async () => {
      const a = await create('Same headline', base);
      const b = await create('Same headline', base + 1);
      expect(a.path).toBe('/news/politics/same-headline');
      expect(b.path).toBe('/news/politics/same-headline-2');
    });

    it('keeps the old path of a renamed story as a redirect', async () => {
      const { id, path: oldPath } = await create('Before the rename', base + 2);
      const { path: newPath } = await store.articleWriter.update(id, { slug: 'after-the-rename' });
      expect(newPath).toBe('/news/politics/after-the-rename');
      expect(await store.articles.byPath(oldPath)).toEqual({ kind: 'moved', id, path: newPath });
      await store.articleWriter.update(id, { slug: 'before-the-rename' });
      // Back to the first slug: it answers again, and the second one now redirects.
      expect((await store.articles.byPath(oldPath)).kind).toBe('article');
      expect(await store.articles.byPath(newPath)).toEqual({ kind: 'moved', id, path: oldPath });
    });

    it('walks a front by keyset with ties on time, without gaps or repeats, both ways', async () => {
      const sports = await store.sections.create({ slug: 'sports', name: 'Sports' });
      const ids: number[] = [];
      // 23 stories, several sharing a published time: the id breaks ties.
      for (let i = 0; i < 23; i++) {
        ids.push((await create(`Game ${i}`, base + Math.floor(i / 3) * 1000, { sectionId: sports.id })).id);
      }
      const now = new Date(base + 10 ** 9);
      const scope = { kind: 'section' as const, section: sports };
      const seen: Teaser[] = [];
      let before: ListCursor | undefined;
      const pages: Array<{ items: Teaser[]; newer: ListCursor | null }> = [];
      do {
        const page = await store.articles.list({ scope, limit: 5, before, now });
        pages.push(page);
        seen.push(...page.items);
        before = page.older ?? undefined;
      } while (before);
      expect(seen.map((t) => t.id)).toEqual([...ids].reverse());
      expect(pages[0]?.newer).toBeNull();
      // Going back from the last page gives the previous page exactly.
      const last = pages[pages.length - 1];
      const back = await store.articles.list({ scope, limit: 5, after: last?.newer ?? undefined, now });
      expect(back.items.map((t) => t.id)).toEqual(pages[pages.length - 2]?.items.map((t) => t.id));
    });

    it('lists only published editorial stories that are already public', async () => {
      const opinion = await store.sections.create({ slug: 'opinion', name: 'Opinion' });
      const sponsorId = await store.sponsors.create({ slug: 'acme', name: 'Acme', url: 'https://example.com' });
      await create('Visible', base, { sectionId: opinion.id });
      await create('A draft', base, { sectionId: opinion.id, status: 'draft' });
      await create('Withdrawn', base, { sectionId: opinion.id, status: 'withdrawn' });
      await create('Paid', base, { sectionId: opinion.id, label: 'sponsored', sponsorId });
      await create('Later', base + 10 ** 10, { sectionId: opinion.id });
      const now = new Date(base + 10 ** 9);
      const listed = await store.articles.list({ scope: { kind: 'section', section: opinion }, limit: 10, now });
      expect(listed.items.map((t) => t.headline)).toEqual(['Visible']);
      const sponsored = await store.articles.list({ scope: { kind: 'sponsored' }, limit: 10, now });
      expect(sponsored.items.map((t) => t.headline)).toEqual(['Paid']);
      expect(sponsored.items[0]?.sponsor?.name).toBe('Acme');
    });

    it('lists a top-level section with its sub-sections', async () => {
      const now = new Date(base + 10 ** 9);
      await create('Straight to news', base + 500, { sectionId: news.id });
      const front = await store.articles.list({ scope: { kind: 'section', section: news }, limit: 100, now });
      const sections = new Set(front.items.map((t) => t.section.slug));
      expect(sections).toEqual(new Set(['news', 'politics']));
    });

    it('stores tags once per name and in order', async () => {
      const { id } = await create('Tagged', base, { tagNames: ['Ferries', 'ferries', 'Budget'] });
      expect((await store.tags.forArticle(id)).map((t) => t.name)).toEqual(['Ferries', 'Budget']);
    });

    it('refuses a sponsored story without a sponsor', async () => {
      await expect(create('Unpaid ad', base, { label: 'sponsored' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    });
  });
}
