import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDueStories, SCHEDULER_LOCK_KEY } from '../../src/newsroom/articles/scheduler.js';
import { createStore, openDatabase, type Store } from '../../src/store/index.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';

for (const dialect of DIALECTS) {
  describe(`scheduled publishing on ${dialect}`, () => {
    let site: TestSite;
    /** A second app node on the same database (PostgreSQL); on SQLite the one node. */
    let other: Store;
    let sectionId: number;
    const now = new Date('2026-04-01T09:00:00Z');

    beforeAll(async () => {
      site = await startTestSite(dialect, { demo: false, env: { SCHEDULER_INTERVAL_MS: '0' } });
      other = dialect === 'postgres' ? createStore(await openDatabase({ databaseUrl: site.config.databaseUrl, dataDir: site.config.dataDir })) : site.store;
      sectionId = (await site.store.sections.create({ slug: 'news', name: 'News' })).id;
    });
    afterAll(async () => {
      if (other !== site.store) await other.db.close();
      await site.close();
    });

    const schedule = async (headline: string, at: Date) => {
      const { id } = await site.store.articleWriter.create({ headline, bodyHtml: '<p>Body.</p>', label: 'news', status: 'scheduled', sectionId, authorIds: [] }, now);
      await site.store.db.kysely.updateTable('articles').set({ scheduled_at: at.getTime() }).where('id', '=', id).execute();
      return id;
    };
    const events = async (ids: number[]) =>
      site.store.db.kysely.selectFrom('article_events').select(['article_id', 'kind']).where('article_id', 'in', ids).where('kind', '=', 'published').execute();

    it('publishes due stories once even when two nodes run at the same moment', async () => {
      const due = await Promise.all(Array.from({ length: 6 }, (_, i) => schedule(`Due story ${i}`, new Date(now.getTime() - 1000 * i))));
      const notYet = await schedule('Not yet', new Date(now.getTime() + 60_000));

      const runs = await Promise.all(Array.from({ length: 8 }, (_, i) => publishDueStories(i % 2 === 0 ? site.store : other, now)));
      const published = runs.flatMap((r) => r.published).sort((a, b) => a - b);
      expect(published).toEqual([...due].sort((a, b) => a - b));
      expect((await events(due)).length).toBe(due.length);

      const rows = await site.store.db.kysely.selectFrom('articles').select(['id', 'status', 'published_at', 'scheduled_at']).where('id', 'in', [...due, notYet]).execute();
      for (const row of rows) {
        if (row.id === notYet) expect(row).toMatchObject({ status: 'scheduled' });
        else expect(row).toMatchObject({ status: 'published', scheduled_at: null });
      }
      // Dated the time it was set for, not the tick that noticed it.
      expect(rows.find((r) => r.id === due[2])?.published_at).toBe(now.getTime() - 2000);

      const later = await publishDueStories(other, new Date(now.getTime() + 61_000));
      expect(later.published).toEqual([notYet]);
      expect((await publishDueStories(site.store, new Date(now.getTime() + 120_000))).published).toEqual([]);
    });

    // Only PostgreSQL has the advisory lock (SQLite runs one node); registered there only, so CI never counts a skip.
    const onPostgres = dialect === 'postgres' ? it : undefined;
    onPostgres?.('skips the tick while another node holds the advisory lock', async () => {
      const id = await schedule('Waits for the lock', new Date(now.getTime() - 1));
      const holder = new pg.Client({ connectionString: site.config.databaseUrl });
      await holder.connect();
      try {
        await holder.query('select pg_advisory_lock($1)', [SCHEDULER_LOCK_KEY]);
        const blocked = await publishDueStories(other, now);
        expect(blocked).toEqual({ published: [], skipped: true });
        await holder.query('select pg_advisory_unlock($1)', [SCHEDULER_LOCK_KEY]);
        expect((await publishDueStories(other, now)).published).toEqual([id]);
      } finally {
        await holder.end();
      }
    });
  });
}
