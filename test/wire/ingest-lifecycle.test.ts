import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';
import { ingest, pwsStory, text, whereShown } from './wire-helpers.js';

const START = '2031-03-05T12:00:00Z';

for (const dialect of DIALECTS) {
  describe(`wire ingest lifecycle (${dialect})`, () => {
    let site: TestSite;
    let apiKey: string;
    // The site's clock: the test moves it by changing this Date in place.
    const now = new Date(START);

    beforeAll(async () => {
      site = await startTestSite(dialect, { now, env: { PAGE_CACHE_SECONDS: '0' } });
      apiKey = (await site.store.apiKeys.create('wire tests')).key;
    }, 60_000);
    afterAll(async () => {
      now.setTime(Date.parse(START));
      await site?.close();
    });

    async function eventsOf(articleId: number): Promise<string[]> {
      const rows = await site.store.db.kysely.selectFrom('article_events').select('kind').where('article_id', '=', articleId).orderBy('id').execute();
      return rows.map((r) => r.kind);
    }

    it('publishes a new story at its URL, by the writer the agency names, in the section its subject names', async () => {
      const report = await ingest(site, pwsStory({ uri: 'urn:pws:t:new', headline: 'Quillfeather ferry gets a night run', subjects: ['sports'] }), now);
      expect(report.counts.new).toBe(1);
      const [item] = report.items;
      expect(item?.path).toBe('/sports/quillfeather-ferry-gets-a-night-run');
      const page = await text(site, item!.path!);
      expect(page.status).toBe(200);
      expect(page.body).toContain('Quillfeather ferry gets a night run');
      // The item's `by` is the byline, not the rules' agency: "Rosa Delacorte, Pacific Wire Service" credits her.
      expect(page.body).toMatch(/By\s*(<span>)?<a rel="author" href="\/authors?\/rosa-delacorte"[^>]*>Rosa Delacorte<\/a>/);
      expect(page.body).not.toMatch(/>Pacific Wire Service<\/a>/);
      // The dateline opens the first paragraph, as wire copy does.
      expect(page.body).toMatch(/<p>PORT ALDER, Wash\. \(PWS\) — The harbor pilots/);
      expect(page.body).not.toContain('>Updated');
    });

    it('changes nothing when the same version arrives twice', async () => {
      const bytes = pwsStory({ uri: 'urn:pws:t:twice', headline: 'Library opens a tool lending shelf' });
      const first = await ingest(site, bytes, now);
      const before = await site.store.articles.byId(first.items[0]!.articleId!);
      const again = await ingest(site, bytes, now);
      expect(again.counts).toMatchObject({ new: 0, updated: 0, unchanged: 1 });
      const after = await site.store.articles.byId(first.items[0]!.articleId!);
      expect(after?.modifiedAt).toEqual(before?.modifiedAt);
      const history = await site.store.wire.history('urn:pws:t:twice');
      expect(history?.versions).toHaveLength(1);
    });

    it('updates the story at the same URL with "Updated", keeps every version, and ignores a late older one', async () => {
      const v1 = await ingest(site, pwsStory({ uri: 'urn:pws:t:update', headline: 'Tide gauge fails at the marina' }), now);
      const path = v1.items[0]!.path!;
      const v2 = await ingest(
        site,
        pwsStory({ uri: 'urn:pws:t:update', version: 2, versioncreated: '2031-03-05T10:30:00Z', headline: 'Tide gauge at the marina is repaired', body: '<p>Crews replaced the sensor.</p>' }),
        now,
      );
      expect(v2.items[0]).toMatchObject({ outcome: 'updated', path });
      const late = await ingest(site, pwsStory({ uri: 'urn:pws:t:update', version: '1b', versioncreated: '2031-03-05T07:00:00Z', headline: 'Old text' }), now);
      expect(late.items[0]?.outcome).toBe('stale');
      const page = await text(site, path);
      expect(page.status).toBe(200);
      expect(page.body).toContain('Tide gauge at the marina is repaired');
      expect(page.body).not.toContain('Old text');
      expect(page.body).toMatch(/Updated\s*<time datetime="2031-03-05T/);
      const history = await site.store.wire.history('urn:pws:t:update');
      expect(history?.item.version).toBe('2');
      expect(history?.versions.map((v) => [v.version, v.outcome])).toEqual([
        ['1', 'new'],
        ['2', 'updated'],
        ['1b', 'stale'],
      ]);
      expect(history?.versions[1]?.version_created).toBe(Date.parse('2031-03-05T10:30:00Z'));
    });

    it('orders versions numerically: 10 follows 9', async () => {
      await ingest(site, pwsStory({ uri: 'urn:pws:t:numeric', version: 10, headline: 'Version ten text' }), now);
      const nine = await ingest(site, pwsStory({ uri: 'urn:pws:t:numeric', version: 9, headline: 'Version nine text' }), now);
      expect(nine.items[0]?.outcome).toBe('stale');
    });

    it('fires the corrected event for a correction', async () => {
      const v1 = await ingest(site, pwsStory({ uri: 'urn:pws:t:correction', headline: 'School board names 12 finalists' }), now);
      await ingest(site, pwsStory({ uri: 'urn:pws:t:correction', version: 2, headline: 'School board names 11 finalists', signals: ['correction'] }), now);
      expect(await eventsOf(v1.items[0]!.articleId!)).toEqual(['published', 'corrected']);
    });

    it('takes a killed story off every page, list, feed, sitemap, search and the API at once (410); its history stays', async () => {
      const v1 = await ingest(site, pwsStory({ uri: 'urn:pws:t:kill', headline: 'Marblewort council recall vote set' }), now);
      const story = { path: v1.items[0]!.path!, id: v1.items[0]!.articleId!, word: 'Marblewort', sectionPath: '/news' };
      const shown = await whereShown(site, story, apiKey);
      expect(shown).toMatchObject({ page: 200, home: true, section: true, rss: true, sitemap: true, search: true, api: 200, apiList: true });

      const kill = await ingest(site, pwsStory({ uri: 'urn:pws:t:kill', version: 2, pubstatus: 'canceled', headline: 'Marblewort council recall vote set' }), now);
      expect(kill.counts.withdrawn).toBe(1);
      const gone = await whereShown(site, story, apiKey);
      expect(gone).toMatchObject({ page: 410, home: false, section: false, rss: false, sitemap: false, search: false, api: 410, apiList: false });
      expect(await eventsOf(story.id)).toEqual(['published', 'withdrawn']);
      expect((await site.store.wire.history('urn:pws:t:kill'))?.versions).toHaveLength(2);
      // A kill is final: a later usable version does not bring it back.
      await ingest(site, pwsStory({ uri: 'urn:pws:t:kill', version: 3, headline: 'Marblewort council recall vote set' }), now);
      expect((await text(site, story.path)).status).toBe(410);
    });

    it('takes a withheld story off the site (404) and brings it back with a later usable version', async () => {
      const v1 = await ingest(site, pwsStory({ uri: 'urn:pws:t:withheld', headline: 'Bramblecott mill sale announced' }), now);
      const story = { path: v1.items[0]!.path!, id: v1.items[0]!.articleId!, word: 'Bramblecott', sectionPath: '/news' };
      await ingest(site, pwsStory({ uri: 'urn:pws:t:withheld', version: 2, pubstatus: 'withheld' }), now);
      expect(await whereShown(site, story, apiKey)).toMatchObject({ page: 404, home: false, rss: false, sitemap: false, search: false, api: 404 });
      const back = await ingest(site, pwsStory({ uri: 'urn:pws:t:withheld', version: 3, versioncreated: '2031-03-05T11:00:00Z', headline: 'Bramblecott mill sale announced, with terms' }), now);
      expect(back.items[0]).toMatchObject({ outcome: 'updated', path: story.path });
      const shown = await whereShown(site, story, apiKey);
      expect(shown).toMatchObject({ page: 200, home: true, rss: true, sitemap: true, search: true, api: 200 });
      expect(shown.pageBody).toContain('with terms');
    });

    it('keeps an embargoed story hidden everywhere until the embargo passes, then publishes it with nobody acting', async () => {
      const report = await ingest(site, pwsStory({ uri: 'urn:pws:t:embargo', headline: 'Saltmarrow budget embargo story', embargoed: '2031-03-05T15:00:00Z' }), now);
      expect(report.counts.embargoed).toBe(1);
      const story = { path: report.items[0]!.path!, id: report.items[0]!.articleId!, word: 'Saltmarrow', sectionPath: '/news' };
      const hidden = await whereShown(site, story, apiKey);
      expect(hidden).toMatchObject({ page: 404, home: false, section: false, rss: false, sitemap: false, search: false, api: 404, apiList: false, socialTags: false });
      // Webhook subscribers hear of it only when it goes out: no event while the embargo holds.
      const eventsOf = async () =>
        (await site.store.db.kysely.selectFrom('article_events').select('kind').where('article_id', '=', story.id).execute()).map((e) => e.kind);
      expect(await eventsOf()).toEqual([]);
      now.setTime(Date.parse('2031-03-05T15:00:01Z'));
      try {
        // Nobody acts: the server's own scheduler releases it on its next tick.
        await vi.waitFor(async () => expect((await text(site, story.path)).status).toBe(200), { timeout: 20_000, interval: 250 });
        const shown = await whereShown(site, story, apiKey);
        expect(shown).toMatchObject({ page: 200, home: true, section: true, rss: true, sitemap: true, search: true, api: 200, apiList: true, socialTags: true });
        expect(shown.pageBody).toContain('datetime="2031-03-05T');
        expect(await eventsOf()).toEqual(['published']);
      } finally {
        now.setTime(Date.parse(START));
      }
    });

    it('holds stories for an editor when the source says so, and --publish overrides it', async () => {
      const rules = { name: 'pws', agency: 'Pacific Wire Service', defaultSection: 'news', publish: 'hold' as const, subjectSections: {}, sluglineSections: {}, tagsFromSubjects: true };
      const held = await ingest(site, pwsStory({ uri: 'urn:pws:t:held', headline: 'Held story for the desk' }), now, { rules });
      expect(held.counts.held).toBe(1);
      expect((await text(site, held.items[0]!.path!)).status).toBe(404);
      expect((await site.store.wire.byState('held', 10)).map((r) => r.uri)).toContain('urn:pws:t:held');
      const forced = await ingest(site, pwsStory({ uri: 'urn:pws:t:forced', headline: 'Forced out by the desk' }), now, { rules, publish: true });
      expect(forced.counts.new).toBe(1);
      expect((await text(site, forced.items[0]!.path!)).status).toBe(200);
    });

    it('places stories by the rules: subject map, slugline map, --section', async () => {
      const rules = { ...(await import('./wire-helpers.js')).PWS_RULES, subjectSections: { 'medtop:15000000': 'sports' }, sluglineSections: { 'wa-pol': 'politics' } };
      const bySubject = await ingest(site, pwsStory({ uri: 'urn:pws:t:p1', headline: 'Gulls sign a pitcher', subjects: [], extra: { subjects: [{ name: 'sport', uri: 'medtop:15000000' }] } }), now, { rules });
      expect(bySubject.items[0]?.path).toBe('/sports/gulls-sign-a-pitcher');
      const bySlugline = await ingest(site, pwsStory({ uri: 'urn:pws:t:p2', headline: 'Senate passes levy bill', extra: { slugline: 'WA-Pol-Levy' } }), now, { rules });
      expect(bySlugline.items[0]?.path).toBe('/news/politics/senate-passes-levy-bill');
      const forced = await ingest(site, pwsStory({ uri: 'urn:pws:t:p3', headline: 'Forced into opinion' }), now, { rules, sectionSlug: 'opinion' });
      expect(forced.items[0]?.path).toBe('/opinion/forced-into-opinion');
    });

    it('records items that are not text stories as skipped with a reason, not as errors', async () => {
      const video = new TextEncoder().encode(JSON.stringify({ uri: 'urn:pws:t:video', type: 'video', version: '1', headlines: [{ value: 'A video' }] }));
      const report = await ingest(site, video, now);
      expect(report.counts).toMatchObject({ skipped: 1, quarantined: 0 });
      expect(report.items[0]?.reason).toMatch(/video/);
    });
  });
}
