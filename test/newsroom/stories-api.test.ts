import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminArticle, AdminArticleList, EditLock, RevisionDiff, RevisionSummary, StaleSaveError } from '../../src/newsroom/admin-api-contract.js';
import { type AdminSession, signedInAs } from '../support/admin-session.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';

for (const dialect of DIALECTS) {
  describe(`newsroom stories API on ${dialect}`, () => {
    let site: TestSite;
    let editor: AdminSession;
    let writer: AdminSession;
    let otherWriter: AdminSession;
    let contributor: AdminSession;

    beforeAll(async () => {
      site = await startTestSite(dialect, { env: { SCHEDULER_INTERVAL_MS: '0' } });
      editor = await signedInAs(site.store, site.url, 'editor', { name: 'Maya Okafor' });
      writer = await signedInAs(site.store, site.url, 'writer', { name: 'June Halvorsen' });
      otherWriter = await signedInAs(site.store, site.url, 'writer', { name: 'Daniel Reyes' });
      contributor = await signedInAs(site.store, site.url, 'contributor', { name: 'Pat Guest' });
    });
    afterAll(() => site.close());

    const create = async (who: AdminSession, body: Record<string, unknown>) => {
      const response = await who.call('POST', '/articles', body);
      expect(response.status).toBe(201);
      return (await response.json()) as AdminArticle;
    };

    it('shows a new editor the demo workflow: two drafts and one submitted story', async () => {
      const drafts = (await (await editor.call('GET', '/articles?status=draft')).json()) as AdminArticleList;
      const submitted = (await (await editor.call('GET', '/articles?status=submitted')).json()) as AdminArticleList;
      expect(drafts.items.length).toBeGreaterThanOrEqual(2);
      expect(submitted.items.map((i) => i.headline)).toContain('Cedar County schools redraw bus routes after driver shortage eases');
      // Work in progress never reaches readers.
      const draftPage = await fetch(`${site.url}${drafts.items[0]?.path}`);
      expect(draftPage.status).toBe(404);
    });

    it('filters by status, section, label and headline words, and pages with a cursor', async () => {
      const found = (await (await editor.call('GET', '/articles?q=BUS%20routes')).json()) as AdminArticleList;
      expect(found.items.map((i) => i.headline)).toEqual(['Cedar County schools redraw bus routes after driver shortage eases']);
      const percent = (await (await editor.call('GET', '/articles?q=%25')).json()) as AdminArticleList;
      expect(percent.items.every((i) => i.headline.includes('%'))).toBe(true);
      const sections = (await (await editor.call('GET', '/sections')).json()) as { items: Array<{ id: number; slug: string }> };
      const sports = sections.items.find((s) => s.slug === 'sports');
      const inSports = (await (await editor.call('GET', `/articles?section=${sports?.id}&status=draft`)).json()) as AdminArticleList;
      expect(inSports.items.map((i) => i.headline)).toEqual(['Three arms to watch as the Gulls open spring camp']);
      const opinion = (await (await editor.call('GET', '/articles?label=opinion&limit=100')).json()) as AdminArticleList;
      expect(opinion.items.length).toBeGreaterThan(0);
      expect(opinion.items.every((i) => i.label === 'opinion')).toBe(true);

      const first = (await (await editor.call('GET', '/articles?limit=20')).json()) as AdminArticleList;
      expect(first.items).toHaveLength(20);
      expect(first.nextCursor).not.toBeNull();
      const second = (await (await editor.call('GET', `/articles?limit=20&cursor=${first.nextCursor}`)).json()) as AdminArticleList;
      const ids = new Set(first.items.map((i) => i.id));
      expect(second.items.some((i) => ids.has(i.id))).toBe(false);

      const bad = await editor.call('GET', '/articles?status=lost');
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('BAD_INPUT');
      expect((await editor.call('GET', '/articles?cursor=nope')).status).toBe(400);
    });

    it('creates a draft owned by its writer, with the body sanitized', async () => {
      const story = await create(writer, { headline: '  Harbor  seals return to the jetty ', bodyHtml: '<p onclick="x()">Seals are back.<script>alert(1)</script></p>', tags: ['Wildlife', 'wildlife'] });
      expect(story).toMatchObject({ headline: 'Harbor seals return to the jetty', status: 'draft', revision: 1, createdBy: writer.user.id, bodyHtml: '<p>Seals are back.</p>', tags: ['Wildlife'] });
      expect(story.path).toMatch(/\/harbor-seals-return-to-the-jetty$/);
      const blank = await create(contributor, {});
      expect(blank.headline).toBe('Untitled story');
    });

    it('shows writers and contributors only their own stories', async () => {
      const mine = await create(writer, { headline: 'Only for June' });
      const list = (await (await writer.call('GET', '/articles?limit=100')).json()) as AdminArticleList;
      expect(list.items.length).toBeGreaterThan(0);
      expect(list.items.map((i) => i.id)).toContain(mine.id);
      const theirs = (await (await otherWriter.call('GET', '/articles?limit=100')).json()) as AdminArticleList;
      expect(theirs.items.map((i) => i.id)).not.toContain(mine.id);
      const peek = await otherWriter.call('GET', `/articles/${mine.id}`);
      expect(peek.status).toBe(404);
      const save = await otherWriter.call('PATCH', `/articles/${mine.id}`, { baseRevision: 1, headline: 'Mine now' });
      expect(save.status).toBe(404);
      expect((await editor.call('GET', `/articles/${mine.id}`)).status).toBe(200);
    });

    it('rejects bad input with a message that names the field', async () => {
      const unknown = await writer.call('POST', '/articles', { headline: 'x', colour: 'red' });
      expect(unknown.status).toBe(400);
      expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain('colour');
      const sponsored = await writer.call('POST', '/articles', { headline: 'Ad', label: 'sponsored' });
      expect(sponsored.status).toBe(400);
      expect(((await sponsored.json()) as { error: { message: string } }).error.message).toContain('sponsor');
      const noSection = await writer.call('POST', '/articles', { headline: 'Lost', sectionId: 99999, authorIds: [88888] });
      const body = (await noSection.json()) as { error: { message: string } };
      expect(noSection.status).toBe(400);
      expect(body.error.message).toContain('section with id 99999');
      expect(body.error.message).toContain('author with id 88888');
      const emptyHeadline = await writer.call('POST', '/articles', { headline: '   ' });
      expect(emptyHeadline.status).toBe(400);
    });

    it('makes every save a revision, refuses a stale save with what changed, and never overwrites', async () => {
      const story = await create(writer, { headline: 'Tide tables for March', bodyHtml: '<p>High tide at 6 a.m.</p>' });
      const saved = await writer.call('PATCH', `/articles/${story.id}`, { baseRevision: 1, headline: 'Tide tables for March and April', bodyHtml: '<p>High tide at 7 a.m.</p>' });
      expect(saved.status).toBe(200);
      const two = (await saved.json()) as AdminArticle;
      expect(two.revision).toBe(2);
      // The address follows the headline until the story first goes out.
      expect(two.slug).toBe('tide-tables-for-march-and-april');

      // The editor's copy was still revision 1.
      const stale = await editor.call('PATCH', `/articles/${story.id}`, { baseRevision: 1, summary: 'When the water is high' });
      expect(stale.status).toBe(409);
      const conflict = (await stale.json()) as StaleSaveError;
      expect(conflict.error.code).toBe('CONFLICT');
      expect(conflict.error.details.currentRevision).toBe(2);
      expect(conflict.error.details.changedFields).toEqual(['headline', 'slug', 'bodyHtml']);
      expect(conflict.error.details.changedBy).toBe('June Halvorsen');
      expect(conflict.error.details.article.headline).toBe('Tide tables for March and April');
      const after = (await (await writer.call('GET', `/articles/${story.id}`)).json()) as AdminArticle;
      expect(after).toMatchObject({ revision: 2, summary: '' });

      // A save that changes nothing makes no revision.
      const same = (await (await writer.call('PATCH', `/articles/${story.id}`, { baseRevision: 2, headline: 'Tide tables for March and April' })).json()) as AdminArticle;
      expect(same.revision).toBe(2);

      const history = (await (await writer.call('GET', `/articles/${story.id}/revisions`)).json()) as { items: RevisionSummary[] };
      expect(history.items.map((r) => [r.revision, r.by])).toEqual([
        [2, 'June Halvorsen'],
        [1, 'June Halvorsen'],
      ]);
      expect(history.items[0]?.changedFields).toEqual(['headline', 'slug', 'bodyHtml']);

      const diff = (await (await writer.call('GET', `/articles/${story.id}/diff?from=1&to=2`)).json()) as RevisionDiff;
      expect(diff.fields.find((f) => f.field === 'headline')).toEqual({ field: 'headline', label: 'Headline changed', before: 'Tide tables for March', after: 'Tide tables for March and April' });
      expect(diff.bodyDiff).toEqual([
        [0, 'High tide at '],
        [-1, '6 '],
        [1, '7 '],
        [0, 'a.m.'],
      ]);
      expect((await writer.call('GET', `/articles/${story.id}/diff?from=1&to=9`)).status).toBe(404);

      const restored = await writer.call('POST', `/articles/${story.id}/revisions/1/restore`);
      expect(restored.status).toBe(200);
      expect((await restored.json()) as AdminArticle).toMatchObject({ revision: 3, headline: 'Tide tables for March', bodyHtml: '<p>High tide at 6 a.m.</p>' });
    });

    it('keeps the first state of a story made before the newsroom, so an edit can be undone', async () => {
      const list = (await (await editor.call('GET', '/articles?status=published&limit=1')).json()) as AdminArticleList;
      const id = list.items[0]?.id as number;
      const before = (await (await editor.call('GET', `/articles/${id}`)).json()) as AdminArticle;
      expect(before.revision).toBe(0);
      const saved = (await (await editor.call('PATCH', `/articles/${id}`, { baseRevision: 0, summary: 'A new summary' })).json()) as AdminArticle;
      expect(saved.revision).toBe(1);
      const history = (await (await editor.call('GET', `/articles/${id}/revisions`)).json()) as { items: RevisionSummary[] };
      expect(history.items.map((r) => r.revision)).toEqual([1, 0]);
      const back = (await (await editor.call('POST', `/articles/${id}/revisions/0/restore`)).json()) as AdminArticle;
      expect(back.summary).toBe(before.summary);
    });

    it('lets writers edit own drafts and submitted stories, contributors own drafts, and keeps contributors from submitting', async () => {
      const draft = await create(contributor, { headline: 'Letter from the lighthouse' });
      expect((await contributor.call('POST', `/articles/${draft.id}/submit`)).status).toBe(403);
      const mine = await create(writer, { headline: 'Ready for review', bodyHtml: '<p>Copy.</p>' });
      const submitted = await writer.call('POST', `/articles/${mine.id}/submit`);
      expect(submitted.status).toBe(200);
      expect(((await submitted.json()) as AdminArticle).status).toBe('submitted');
      expect((await writer.call('POST', `/articles/${mine.id}/submit`)).status).toBe(409);
      expect((await writer.call('PATCH', `/articles/${mine.id}`, { baseRevision: 1, summary: 'Still mine' })).status).toBe(200);
      expect((await writer.call('POST', `/articles/${mine.id}/publish`)).status).toBe(403);
      expect((await editor.call('POST', `/articles/${mine.id}/publish`)).status).toBe(200);
      const late = await writer.call('PATCH', `/articles/${mine.id}`, { baseRevision: 2, summary: 'After publication' });
      expect(late.status).toBe(403);
      expect(((await late.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    });

    it('shows who has a story open, refuses others’ saves, and lets an editor take over', async () => {
      const story = await create(writer, { headline: 'Two people, one story' });
      const taken = await writer.call('POST', `/articles/${story.id}/lock`);
      expect(taken.status).toBe(200);
      const lock = (await taken.json()) as EditLock;
      expect(lock.holder).toEqual({ id: writer.user.id, name: 'June Halvorsen' });
      expect(new Date(lock.expiresAt).getTime() - new Date(lock.since).getTime()).toBe(90_000);

      const seen = (await (await editor.call('GET', `/articles/${story.id}/lock`)).json()) as { lock: EditLock };
      expect(seen.lock.holder.name).toBe('June Halvorsen');
      const busy = await editor.call('POST', `/articles/${story.id}/lock`);
      expect(busy.status).toBe(423);
      const busyBody = (await busy.json()) as { error: { message: string; details: { lock: EditLock } } };
      expect(busyBody.error.message).toBe('June Halvorsen is editing this story.');
      expect(busyBody.error.details.lock.holder.id).toBe(writer.user.id);
      expect((await editor.call('PATCH', `/articles/${story.id}`, { baseRevision: 1, summary: 'x' })).status).toBe(423);

      // Refreshing keeps the time it was first taken.
      const refreshed = (await (await writer.call('POST', `/articles/${story.id}/lock`)).json()) as EditLock;
      expect(refreshed.since).toBe(lock.since);

      expect((await writer.call('POST', `/articles/${story.id}/lock/take-over`)).status).toBe(403);
      const over = await editor.call('POST', `/articles/${story.id}/lock/take-over`);
      expect(over.status).toBe(200);
      expect(((await over.json()) as EditLock).holder.name).toBe('Maya Okafor');
      expect((await writer.call('PATCH', `/articles/${story.id}`, { baseRevision: 1, summary: 'mine' })).status).toBe(423);
      expect((await editor.call('PATCH', `/articles/${story.id}`, { baseRevision: 1, summary: 'desk' })).status).toBe(200);

      // Letting go of someone else's lock does nothing; one's own frees the story.
      expect((await writer.call('DELETE', `/articles/${story.id}/lock`)).status).toBe(204);
      expect(((await (await writer.call('GET', `/articles/${story.id}/lock`)).json()) as { lock: EditLock | null }).lock?.holder.name).toBe('Maya Okafor');
      expect((await editor.call('DELETE', `/articles/${story.id}/lock`)).status).toBe(204);
      expect(((await (await writer.call('GET', `/articles/${story.id}/lock`)).json()) as { lock: EditLock | null }).lock).toBeNull();
    });

    it('previews a draft as its public page, for those who may open it', async () => {
      const story = await create(writer, { headline: 'Preview me', bodyHtml: '<p>Draft words.</p>' });
      const response = await writer.call('GET', `/articles/${story.id}/preview`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('x-robots-tag')).toBe('noindex, nofollow');
      const html = await response.text();
      expect(html).toContain('<h1>Preview me</h1>');
      expect(html).toContain('Draft words.');
      expect((await otherWriter.call('GET', `/articles/${story.id}/preview`)).status).toBe(404);
      expect((await fetch(`${site.url}${story.path}`)).status).toBe(404);
    });

    it('documents every story route in the OpenAPI document', async () => {
      const doc = (await (await fetch(`${site.url}/admin/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
      for (const path of ['/articles', '/articles/{id}', '/articles/{id}/publish', '/articles/{id}/schedule', '/articles/{id}/diff', '/articles/{id}/lock', '/wire-queue']) {
        expect(Object.keys(doc.paths), path).toContain(path);
      }
    });
  });
}
