import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/cli/open-store.js';
import { loadConfig } from '../../src/config.js';
import type { Teaser } from '../../src/domain/article.js';
import { type App, buildApp } from '../../src/server.js';
import type { Store } from '../../src/store/index.js';
import { DIALECTS, startTestSite, TEST_SITE_URL, type TestSite } from '../support/test-site.js';

// A story page's Related, More in SECTION and sponsored teasers come from those kept between
// renders (src/store/kept-teasers.ts); which stories each list holds is read at every render.
// A node with its page cache off (every request a render) must show on its very next render
// what another node changed in a listed story: an edit, a kill, an embargo that ran out.

for (const dialect of DIALECTS) {
  describe(`a story page's lists, with teasers kept between renders (${dialect})`, () => {
    /** Node A: where the desk changes things. */
    let site: TestSite;
    /** Node B: page cache off, so every request renders; its clock is the test's to move. */
    let reader: { store: Store; app: App };
    let clock = new Date();
    /** The story whose page is read, a story of another section stored as its related one, and the first of More in SECTION. */
    let story: Teaser;
    let related: Teaser;
    let more: Teaser;

    beforeAll(async () => {
      site = await startTestSite(dialect);
      const config = loadConfig({
        DATA_DIR: site.config.dataDir,
        ...(site.config.databaseUrl && { DATABASE_URL: site.config.databaseUrl }),
        LOG_LEVEL: 'silent',
        SITE_URL: TEST_SITE_URL,
        PAGE_CACHE_SECONDS: '0',
        JOBS: 'false',
        WIRE_POLLING: 'false',
      });
      const store = await openStore(config);
      reader = { store, app: await buildApp({ config, store, clock: () => clock }) };
      const now = new Date();
      const all = (await site.store.articles.list({ scope: { kind: 'all' }, limit: 40, now })).items;
      const bySection = (t: Teaser) => all.filter((o) => o.section.id === t.section.id);
      const withNeighbours = all.find((t) => bySection(t).length >= 3);
      const other = withNeighbours && all.find((t) => t.section.id !== withNeighbours.section.id && t.section.parentId !== withNeighbours.section.id);
      if (!withNeighbours || !other) throw new Error('the demo has no section with three stories and another section');
      story = withNeighbours;
      related = other;
      const list = await site.store.articles.list({ scope: { kind: 'section', section: story.section }, limit: 5, excludeId: story.id, now });
      more = list.items[0] as Teaser;
      // What the related job would have stored for the story (the job does not run on either node here).
      await site.store.db.kysely.transaction().execute((trx) => site.store.related.save(trx, story.id, [{ id: related.id, score: 1, pinned: false }]));
    }, 180_000);

    afterAll(async () => {
      await reader?.app.fastify.close();
      await reader?.store.db.close();
      await site?.close();
    });

    async function page(headers: Record<string, string> = {}): Promise<string> {
      const response = await reader.app.fastify.inject({ method: 'GET', url: story.path, headers });
      expect(response.statusCode).toBe(200);
      return response.body;
    }

    const relatedBlock = (body: string) => body.slice(body.indexOf('id="related-heading"')).split('</section>')[0] ?? '';
    const moreBlock = (body: string) => body.slice(body.indexOf('id="more-in-heading"')).split('</section>')[0] ?? '';

    it('shows a related story edited on another node on the next render, though it had kept its teaser', async () => {
      clock = new Date();
      expect(relatedBlock(await page())).toContain(related.headline);
      // Written around the change path, as another node's commit looks before its notice is read:
      // the reader keeps the teaser it had (proof that it keeps it), but the cache tier's own fetch
      // reads the database.
      await site.store.db.kysely.updateTable('articles').set({ headline: 'Tide tables reprinted after a misprint' }).where('id', '=', related.id).execute();
      expect(relatedBlock(await page())).toContain(related.headline);
      expect(relatedBlock(await page({ 'x-dateline-fetch': 'cache-tier' }))).toContain('Tide tables reprinted after a misprint');
      await site.store.articleWriter.update(related.id, { headline: 'Tide tables reprinted with the corrected low waters' });
      const next = relatedBlock(await page());
      expect(next).toContain('Tide tables reprinted with the corrected low waters');
      expect(next).not.toContain(related.headline);
    });

    it('shows a More in SECTION story edited on another node on the next render', async () => {
      expect(moreBlock(await page())).toContain(more.headline);
      await site.store.articleWriter.update(more.id, { headline: 'Council keeps the ferry subsidy for another year' });
      const next = moreBlock(await page());
      expect(next).toContain('Council keeps the ferry subsidy for another year');
      expect(next).not.toContain(more.headline);
    });

    it('drops a related story withdrawn on another node, and shows it again once its embargo runs out', async () => {
      expect(relatedBlock(await page())).toContain(`href="${related.path}"`);
      await site.store.articleWriter.update(related.id, { status: 'withdrawn' });
      expect(await page()).not.toContain(`href="${related.path}"`);
      await site.store.articleWriter.update(related.id, { status: 'published' });
      expect(relatedBlock(await page())).toContain(`href="${related.path}"`);
      clock = new Date();
      const release = new Date(clock.getTime() + 10 * 60_000);
      await site.store.articleWriter.update(related.id, { publishedAt: release });
      expect(await page()).not.toContain(`href="${related.path}"`);
      clock = new Date(release.getTime() + 1000);
      expect(relatedBlock(await page())).toContain(`href="${related.path}"`);
      clock = new Date();
    });
  });
}
