import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatelineError } from '../../src/domain/errors.js';
import type { Section } from '../../src/domain/section.js';
import { createStore, type Db, migrate, openDatabase, type SearchQuery, type Store } from '../../src/store/index.js';
import { SEARCH_CANDIDATES } from '../../src/store/search-repo.js';
import { createPostgresDatabase, DIALECTS } from '../support/test-site.js';

const DAY = 86_400_000;

for (const dialect of DIALECTS) {
  describe(`search on ${dialect}`, () => {
    let db: Db;
    let store: Store;
    let cleanup: () => Promise<void>;
    let news: Section;
    let politics: Section;
    let sports: Section;
    let authorId: number;
    let sponsorId: number;
    const base = Date.UTC(2026, 0, 10, 12);
    const now = new Date(base + 30 * DAY);

    beforeAll(async () => {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dateline-search-'));
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
      sports = await store.sections.create({ slug: 'sports', name: 'Sports' });
      authorId = await store.authors.create({ slug: 'reporter', name: 'A Reporter', kind: 'person' });
      sponsorId = await store.sponsors.create({ slug: 'acme', name: 'Acme', url: 'https://acme.example' });
    });
    afterAll(() => cleanup());

    const create = (headline: string, body: string, extra: Record<string, unknown> = {}) =>
      store.articleWriter.create({
        headline,
        bodyHtml: body.startsWith('<') ? body : `<p>${body}</p>`,
        label: 'news',
        status: 'published',
        sectionId: politics.id,
        authorIds: [authorId],
        publishedAt: new Date(base),
        ...extra,
      });

    const search = (text: string, extra: Partial<SearchQuery> = {}) => store.search.query({ text, limit: 20, now, ...extra });
    const headlines = async (text: string, extra: Partial<SearchQuery> = {}) =>
      (await search(text, extra)).hits.map((h) => h.teaser.headline);

    it('ranks a headline match above stories that only mention the word in the body', async () => {
      await create('Budget talks drag on', 'The zephyr zephyr zephyr of the zephyr debate: zephyr again and zephyr once more.');
      await create('Zephyr ferry returns to service', 'The boat was repaired over the winter.');
      await create('Harbor report', 'A zephyr was mentioned once in passing.');
      expect(await headlines('zephyr')).toEqual(['Zephyr ferry returns to service', 'Budget talks drag on', 'Harbor report']);
      const result = await search('zephyr');
      expect(result.total).toBe(3);
      expect(result.capped).toBe(false);
      // Teasers are the list teasers: path, section, authors, excerpt.
      const teaser = result.hits[0]?.teaser;
      expect(teaser?.path).toBe('/news/politics/zephyr-ferry-returns-to-service');
      expect(teaser?.section.id).toBe(politics.id);
      expect(teaser?.authors.map((a) => a.name)).toEqual(['A Reporter']);
      expect(teaser?.excerpt).toBe('The boat was repaired over the winter.');
    });

    it('matches every word, stems, and reads the last word as a prefix', async () => {
      await create('Councils weigh ferry fares', 'Several councils met on Tuesday about the quarrelsome fares.');
      expect(await headlines('council ferry')).toEqual(['Councils weigh ferry fares']);
      expect(await headlines('ferry quarrel')).toEqual(['Councils weigh ferry fares']);
      expect(await headlines('council zephyr')).toEqual([]);
    });

    it('filters by section, a top-level section including its sub-sections', async () => {
      await create('Quokka spotted near city hall', 'A quokka in politics.');
      await create('Quokka mascot wins the crowd', 'A quokka at the game.', { sectionId: sports.id });
      expect(await headlines('quokka', { sectionId: news.id })).toEqual(['Quokka spotted near city hall']);
      expect(await headlines('quokka', { sectionId: politics.id })).toEqual(['Quokka spotted near city hall']);
      expect(await headlines('quokka', { sectionId: sports.id })).toEqual(['Quokka mascot wins the crowd']);
      expect((await headlines('quokka')).length).toBe(2);
      await expect(search('quokka', { sectionId: 999_999 })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    });

    it('filters by published time: from inclusive, to exclusive', async () => {
      for (const [i, name] of ['first', 'second', 'third'].entries()) {
        await create(`Wombat count, ${name} day`, 'The wombat census continues.', { publishedAt: new Date(base + i * DAY) });
      }
      expect(await headlines('wombat', { from: new Date(base + DAY) })).toEqual(['Wombat count, third day', 'Wombat count, second day']);
      expect(await headlines('wombat', { to: new Date(base + DAY) })).toEqual(['Wombat count, first day']);
      expect(await headlines('wombat', { from: new Date(base + DAY), to: new Date(base + 2 * DAY) })).toEqual(['Wombat count, second day']);
    });

    it('highlights the matched words and escapes everything else in the snippet', async () => {
      await create(
        'Newsroom style guide updated',
        '<p>Editors warned that &lt;script&gt; tags &amp; inline handlers near the narwhal paragraph get stripped before publishing.</p>',
      );
      const [hit] = (await search('narwhal')).hits;
      expect(hit?.snippetHtml).toContain('<mark>narwhal</mark>');
      expect(hit?.snippetHtml).toContain('&lt;script&gt;');
      expect(hit?.snippetHtml).toContain('&amp;');
      expect(hit?.snippetHtml.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
      // The prefix match is highlighted whole.
      expect((await search('narwh')).hits[0]?.snippetHtml).toContain('<mark>narwhal</mark>');
    });

    it('answers hostile queries with results or a clean BAD_INPUT, never an error', async () => {
      await create('Operators in headlines', 'NEAR and AND and OR are words here, like headline and foo.');
      const hostile = [
        '"',
        '"unbalanced quote',
        'NEAR(',
        'NEAR(headline foo, 2)',
        'headline:foo',
        '{headline}: foo',
        '*',
        'foo*',
        '-',
        '-foo',
        'AND OR',
        'OR',
        'NOT foo',
        '^foo',
        'foo + bar',
        "o'brien & co | !x <-> (y)",
        '🦄🔥',
        '🦄 foo',
        "'; drop table articles; --",
        'x'.repeat(10_000),
        '   ',
        '',
        '\u0000\u0002\u0003',
      ];
      for (const text of hostile) {
        try {
          const result = await search(text);
          expect(Array.isArray(result.hits), text).toBe(true);
        } catch (error) {
          expect(isDatelineError(error) && error.code, JSON.stringify(text.slice(0, 40))).toBe('BAD_INPUT');
        }
      }
      expect(await headlines('headline:foo')).toEqual(['Operators in headlines']);
      expect(await headlines('NEAR(')).toContain('Operators in headlines');
      await expect(search('x'.repeat(10_000))).rejects.toMatchObject({ code: 'BAD_INPUT' });
      await expect(search('   ')).rejects.toMatchObject({ code: 'BAD_INPUT' });
      await expect(search('"*-')).rejects.toMatchObject({ code: 'BAD_INPUT' });
    });

    it('drops a withdrawn story at once, and follows edits and republication', async () => {
      const { id } = await create('Ocelot escapes from the zoo', 'Keepers searched all night.');
      expect(await headlines('ocelot')).toEqual(['Ocelot escapes from the zoo']);
      await store.articleWriter.update(id, { status: 'withdrawn' });
      expect(await headlines('ocelot')).toEqual([]);
      await store.articleWriter.update(id, { status: 'published', headline: 'Ocelot found', bodyHtml: '<p>The lynx was asleep.</p>' });
      expect(await headlines('ocelot')).toEqual(['Ocelot found']);
      expect(await headlines('keepers')).toEqual([]);
      expect(await headlines('lynx')).toEqual(['Ocelot found']);
    });

    it('never shows sponsored, draft, scheduled or future stories', async () => {
      await create('Platypus cream, sponsored', 'Buy platypus cream.', { label: 'sponsored', sponsorId });
      await create('Platypus draft', 'Unfinished platypus story.', { status: 'draft', publishedAt: null });
      await create('Platypus scheduled', 'Platypus story for later.', { status: 'scheduled', publishedAt: new Date(now.getTime() + DAY) });
      await create('Platypus from the future', 'Published platypus, but not yet.', { publishedAt: new Date(now.getTime() + DAY) });
      await create('Platypus, the real one', 'The platypus story readers may see.');
      expect(await headlines('platypus')).toEqual(['Platypus, the real one']);
      expect((await search('platypus')).total).toBe(1);
    });

    it('pages through results and caps the count of very common words', async () => {
      for (let i = 0; i < 25; i++) await create(`Yak herd report ${i}`, 'Yak numbers rose.', { publishedAt: new Date(base + i * 1000) });
      const all = (await search('yak', { limit: 100 })).hits.map((h) => h.teaser.id);
      expect(all.length).toBe(25);
      const last = await search('yak', { limit: 10, offset: 20 });
      expect(last.total).toBe(25);
      expect(last.hits.map((h) => h.teaser.id)).toEqual(all.slice(20));
      expect((await search('yak', { offset: 40 })).hits).toEqual([]);
      await expect(search('yak', { limit: 0 })).rejects.toMatchObject({ code: 'BAD_INPUT' });

      // Bulk rows, as seed-synthetic writes them: the index follows plain inserts too.
      const rows = Array.from({ length: SEARCH_CANDIDATES + 5 }, (_, i) => ({
        slug: `gnu-${i}`,
        path: `/sports/gnu-${i}`,
        section_id: sports.id,
        root_section_id: sports.id,
        headline: `Gnu story ${i}`,
        summary: '',
        body_html: '<p>Gnu.</p>',
        body_text: 'Gnu.',
        label: 'news',
        status: 'published',
        published_at: base - i * 1000,
        created_at: base,
        modified_at: base,
      }));
      for (let i = 0; i < rows.length; i += 200) await db.kysely.insertInto('articles').values(rows.slice(i, i + 200)).execute();
      const common = await search('gnu');
      expect(common.capped).toBe(true);
      expect(common.total).toBe(SEARCH_CANDIDATES);
      expect(common.hits.length).toBe(20);
    });
  });
}
