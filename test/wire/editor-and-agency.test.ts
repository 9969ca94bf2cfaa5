// Issue 10 item 2: editors and agencies on one story. An agency update never republishes what an editor took
// off the site; it bumps the story's revision (an editor saving an older copy gets the 409); tables survive an edit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminArticle, RevisionSummary, WireQueueItem } from '../../src/newsroom/admin-api-contract.js';
import { type AdminSession, signedInAs } from '../support/admin-session.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';
import { ingest, pwsStory, text } from './wire-helpers.js';

const NOW = new Date('2031-03-05T12:00:00Z');

for (const dialect of DIALECTS) {
  describe(`editors and agencies on one story (${dialect})`, () => {
    let site: TestSite;
    let editor: AdminSession;

    beforeAll(async () => {
      site = await startTestSite(dialect, { now: NOW, env: { PAGE_CACHE_SECONDS: '0' } });
      editor = await signedInAs(site.store, site.url, 'editor', { name: 'Ines Marlow' });
    }, 60_000);
    afterAll(async () => {
      await site?.close();
    });

    async function queue(): Promise<WireQueueItem[]> {
      return ((await (await editor.call('GET', '/wire-queue')).json()) as { items: WireQueueItem[] }).items;
    }

    it('keeps a story an editor unpublished off the site when the agency updates it; the update waits in the queue with a note', async () => {
      const v1 = await ingest(site, pwsStory({ uri: 'urn:pws:ed:unpub', headline: 'Pier repairs start Monday' }), NOW);
      const { articleId, path } = v1.items[0]!;
      expect((await editor.call('POST', `/articles/${articleId}/unpublish`)).status).toBe(200);
      expect((await text(site, path!)).status).toBe(404);

      const v2 = await ingest(site, pwsStory({ uri: 'urn:pws:ed:unpub', version: 2, versioncreated: '2031-03-05T11:00:00Z', headline: 'Pier repairs start Tuesday' }), NOW);
      expect(v2.items[0]).toMatchObject({ outcome: 'held' });
      expect((await text(site, path!)).status).toBe(404);
      const waiting = (await queue()).find((i) => i.articleId === articleId);
      expect(waiting?.headline).toBe('Pier repairs start Tuesday');
      expect(waiting?.reason).toMatch(/An editor took this story off the site/);

      // Publishing is the editor's deliberate act.
      expect((await editor.call('POST', `/wire-queue/${articleId}/publish`)).status).toBe(200);
      expect((await text(site, path!)).body).toContain('Pier repairs start Tuesday');
    });

    it('never brings back a story an editor withdrew; the agency’s version is kept in the queue', async () => {
      const v1 = await ingest(site, pwsStory({ uri: 'urn:pws:ed:withdraw', headline: 'Boat show moves indoors' }), NOW);
      const { articleId, path } = v1.items[0]!;
      expect((await editor.call('POST', `/articles/${articleId}/withdraw`)).status).toBe(200);
      const v2 = await ingest(site, pwsStory({ uri: 'urn:pws:ed:withdraw', version: 2, versioncreated: '2031-03-05T11:00:00Z', headline: 'Boat show moves outdoors again' }), NOW);
      expect(v2.items[0]).toMatchObject({ outcome: 'held' });
      expect((await text(site, path!)).status).toBe(410);
      const waiting = (await queue()).find((i) => i.articleId === articleId);
      expect(waiting?.reason).toMatch(/An editor withdrew this story/);
      const history = await site.store.wire.history('urn:pws:ed:withdraw');
      expect(history?.versions.map((v) => v.version)).toEqual(['1', '2']);
    });

    it('bumps the revision on an agency update: an editor saving an older copy gets the 409, and the history shows the agency', async () => {
      const v1 = await ingest(site, pwsStory({ uri: 'urn:pws:ed:rev', headline: 'Ferry timetable changes in May' }), NOW);
      const id = v1.items[0]!.articleId!;
      const opened = (await (await editor.call('GET', `/articles/${id}`)).json()) as AdminArticle;
      await ingest(site, pwsStory({ uri: 'urn:pws:ed:rev', version: 2, versioncreated: '2031-03-05T11:00:00Z', headline: 'Ferry timetable changes in June' }), NOW);

      const stale = await editor.call('PATCH', `/articles/${id}`, { baseRevision: opened.revision, summary: 'A summary written on the old copy' });
      expect(stale.status).toBe(409);
      const conflict = (await stale.json()) as { error: { message: string; details: { changedFields: string[]; changedBy: string | null; currentRevision: number } } };
      expect(conflict.error.details.changedFields).toContain('headline');
      expect(conflict.error.details.changedBy).toBe('Pacific Wire Service (agency)');
      expect(conflict.error.details.currentRevision).toBe(opened.revision + 1);

      const history = (await (await editor.call('GET', `/articles/${id}/revisions`)).json()) as { items: RevisionSummary[] };
      expect(history.items[0]).toMatchObject({ revision: opened.revision + 1, by: 'Pacific Wire Service (agency)' });
    });

    it('keeps the agency’s tables when an editor edits the story in the newsroom', async () => {
      const table = '<table><thead><tr><th scope="col">Race</th><th scope="col">Winner</th></tr></thead><tbody><tr><td>Harbor 5K</td><td>Ada Lindqvist</td></tr></tbody></table>';
      const v1 = await ingest(site, pwsStory({ uri: 'urn:pws:ed:table', headline: 'Harbor race results', body: `<p>Results from Saturday.</p>${table}` }), NOW);
      const id = v1.items[0]!.articleId!;
      const story = (await (await editor.call('GET', `/articles/${id}`)).json()) as AdminArticle;
      expect(story.bodyHtml).toContain('<table>');
      const saved = await editor.call('PATCH', `/articles/${id}`, { baseRevision: story.revision, bodyHtml: `${story.bodyHtml}<p>More results next week.</p>` });
      expect(saved.status).toBe(200);
      const after = (await saved.json()) as AdminArticle;
      expect(after.bodyHtml).toContain('<th scope="col">Winner</th>');
      expect(after.bodyHtml).toContain('<td>Ada Lindqvist</td>');
      expect((await text(site, v1.items[0]!.path!)).body).toContain('<td>Harbor 5K</td>');
    });
  });
}
