import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleEvent } from '../../src/domain/article-event.js';
import { ingestFiles } from '../../src/wire/ingest/index.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';
import { PWS_RULES, pwsStory, text } from './wire-helpers.js';

const NOW = new Date('2031-03-05T12:00:00Z');

/**
 * A batch reads its items up front and writes versions, bylines, tags and
 * events at its end: items of one batch that touch the same story must still
 * see each other, as they would one transaction apiece.
 */
for (const dialect of DIALECTS) {
  describe(`wire ingest, several items in one batch (${dialect})`, () => {
    let site: TestSite;

    beforeAll(async () => {
      site = await startTestSite(dialect, { now: NOW, env: { PAGE_CACHE_SECONDS: '0' } });
    }, 60_000);
    afterAll(async () => {
      await site?.close();
    });

    it('applies a first version, its update, a repeat and a same-headline story in order, within one transaction', async () => {
      const heard: ArticleEvent[] = [];
      const stop = site.store.changes.subscribe((change) => {
        if (change.kind === 'article') heard.push(change.event);
      });
      const files = [
        pwsStory({ uri: 'urn:pws:batch:a', headline: 'Ferry fares rise in spring', subjects: ['transport', 'budget'] }),
        pwsStory({ uri: 'urn:pws:batch:a', version: 2, versioncreated: '2031-03-05T10:00:00Z', headline: 'Ferry fares rise in April', subjects: ['transport', 'harbor'] }),
        pwsStory({ uri: 'urn:pws:batch:a', headline: 'Ferry fares rise in spring', subjects: ['transport', 'budget'] }),
        pwsStory({ uri: 'urn:pws:batch:b', headline: 'Ferry fares rise in spring' }),
      ].map((bytes, i) => ({ bytes, source: { kind: 'file' as const, name: `batch-${i}.json` } }));
      const report = await ingestFiles(site.store, files, { rules: PWS_RULES, now: () => new Date(NOW) });
      stop();

      expect(report.items.map((i) => i.outcome)).toEqual(['new', 'updated', 'unchanged', 'new']);
      const [first, update, , other] = report.items;
      expect(update?.path).toBe(first?.path);
      // The first story keeps its slug through the update, so the second one gets the next free one.
      expect(other?.path).toBe(`${first?.path}-2`);

      const page = await text(site, first!.path!);
      expect(page.status).toBe(200);
      expect(page.body).toContain('Ferry fares rise in April');
      expect(page.body).toMatch(/class="[^"]*story-updated[^"]*">\s*Updated/);
      expect((await text(site, other!.path!)).status).toBe(200);

      const db = site.store.db.kysely;
      const tags = await db
        .selectFrom('article_tags as at')
        .innerJoin('tags as t', 't.id', 'at.tag_id')
        .select(['t.slug', 'at.position'])
        .where('at.article_id', '=', first!.articleId!)
        .orderBy('at.position')
        .execute();
      expect(tags.map((t) => t.slug)).toEqual(['transport', 'harbor']);
      const authors = await db.selectFrom('article_authors').select('author_id').where('article_id', '=', first!.articleId!).execute();
      expect(authors).toHaveLength(1);
      const history = await site.store.wire.history('urn:pws:batch:a');
      expect(history?.versions.map((v) => [v.version, v.outcome])).toEqual([
        ['1', 'new'],
        ['2', 'updated'],
      ]);

      // Events are stored, each with its own id, and announced with the ids they were stored under.
      const stored = await db
        .selectFrom('article_events')
        .select(['id', 'article_id', 'kind'])
        .where('article_id', 'in', [first!.articleId!, other!.articleId!])
        .orderBy('id')
        .execute();
      expect(stored.map((e) => [e.article_id, e.kind])).toEqual([
        [first!.articleId, 'published'],
        [first!.articleId, 'updated'],
        [other!.articleId, 'published'],
      ]);
      expect(heard.map((e) => [e.id, e.articleId, e.kind])).toEqual(stored.map((e) => [e.id, e.article_id, e.kind]));
    });

    it('cut into one transaction an item by a time slice (as a large push is), stores every item once, in order', async () => {
      const files = [
        pwsStory({ uri: 'urn:pws:slice:a', headline: 'Harbor dredging starts' }),
        pwsStory({ uri: 'urn:pws:slice:a', version: 2, versioncreated: '2031-03-05T10:00:00Z', headline: 'Harbor dredging starts Monday' }),
        pwsStory({ uri: 'urn:pws:slice:b', headline: 'Harbor dredging starts' }),
        pwsStory({ uri: 'urn:pws:slice:a', headline: 'Harbor dredging starts' }),
      ].map((bytes, i) => ({ bytes, source: { kind: 'http' as const, name: `slice-${i}.json` } }));
      // A slice of 0 ms commits after every item: each later item must see what the earlier ones stored.
      const report = await ingestFiles(site.store, files, { rules: PWS_RULES, now: () => new Date(NOW), batchSize: 25, sliceMs: 0 });
      expect(report.items.map((i) => i.outcome)).toEqual(['new', 'updated', 'new', 'unchanged']);
      const [first, , other] = report.items;
      expect(other?.path).toBe(`${first?.path}-2`);
      expect((await text(site, first!.path!)).body).toContain('Harbor dredging starts Monday');
      const history = await site.store.wire.history('urn:pws:slice:a');
      expect(history?.versions.map((v) => [v.version, v.outcome])).toEqual([
        ['1', 'new'],
        ['2', 'updated'],
      ]);
    });
  });
}
