import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminArticle, AdminUser, PreviewLinkCreated, PreviewLinkList, RevisionList, SessionResponse } from '../../src/newsroom/admin-api-contract.js';
import { type AdminSession, signedInAs } from '../support/admin-session.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';

type ErrorBody = { error: { code: string; message: string; hint: string } };

for (const dialect of DIALECTS) {
  describe(`the story editor as an editor expects it, on ${dialect}`, () => {
    let site: TestSite;
    let admin: AdminSession;
    let editor: AdminSession;
    let writer: AdminSession;
    let authors: Array<{ id: number; name: string }>;

    beforeAll(async () => {
      site = await startTestSite(dialect, { env: { PAGE_CACHE_SECONDS: '0' } });
      admin = await signedInAs(site.store, site.url, 'admin', { name: 'Ada Admin' });
      editor = await signedInAs(site.store, site.url, 'editor', { name: 'Maya Okafor' });
      writer = await signedInAs(site.store, site.url, 'writer', { name: 'June Halvorsen' });
      authors = ((await (await editor.call('GET', '/authors')).json()) as { items: Array<{ id: number; name: string }> }).items;
    });
    afterAll(() => site.close());

    const page = async (path: string) => {
      const response = await fetch(`${site.url}${path}`);
      return { status: response.status, html: await response.text(), headers: response.headers };
    };
    const json = async <T>(response: Response | Promise<Response>) => (await (await response).json()) as T;
    const lastChange = async () => Number((await site.store.db.kysely.selectFrom('changes').select((eb) => eb.fn.max('id').as('n')).executeTakeFirstOrThrow()).n ?? 0);
    /** Outbox entries since `after` that purge this story (other stories' background work writes there too). */
    const changesFor = async (articleId: number, after: number) =>
      (await site.store.db.kysely.selectFrom('changes').select('keys').where('id', '>', after).execute()).filter((row) => row.keys.split(' ').includes(`a${articleId}`)).length;

    it('opens the published story with the dateline typed in the editor, once, for staff and wire copy alike', async () => {
      const staff = await json<AdminArticle>(editor.call('POST', '/articles', { headline: 'Ferry dock repairs start', bodyHtml: '<p>Crews began work on Monday.</p>', dateline: 'PORT ALDER, Wash.' }));
      await editor.call('POST', `/articles/${staff.id}/publish`);
      const live = await page(staff.path);
      expect(live.status).toBe(200);
      expect(live.html).toContain('<p><span class="dateline">PORT ALDER, Wash.</span> — Crews began work on Monday.</p>');
      // The preview is the same page.
      const preview = await editor.call('GET', `/articles/${staff.id}/preview`);
      expect(await preview.text()).toContain('<span class="dateline">PORT ALDER, Wash.</span> — Crews began work on Monday.');

      // Copy whose body already opens with a dateline (as wire copy does) never says the place twice.
      const wire = await json<AdminArticle>(
        editor.call('POST', '/articles', { headline: 'Tide tables revised', bodyHtml: '<p>PORT ALDER, Wash. (PWS) — The harbor office revised its tables.</p>', dateline: 'PORT ALDER, Wash. (PWS)' }),
      );
      await editor.call('POST', `/articles/${wire.id}/publish`);
      const wireHtml = (await page(wire.path)).html;
      const wireBody = /<div class="story-body">([\s\S]*?)<\/div>/.exec(wireHtml)?.[1] ?? '';
      expect(wireBody).toBe('<p>PORT ALDER, Wash. (PWS) — The harbor office revised its tables.</p>');
      expect(wireHtml).not.toContain('class="dateline"');
    });

    it('links a user to an author, starts their stories with that byline, and keeps writers to their own', async () => {
      const [own, other, third] = authors as [{ id: number; name: string }, { id: number; name: string }, { id: number; name: string }];
      // Only admins link, to an author that exists, one user per author.
      expect((await editor.call('PATCH', `/admin/api/users/${writer.user.id}`, { authorId: own.id })).status).toBe(403);
      expect((await admin.call('PATCH', `/users/${writer.user.id}`, { authorId: 999_999 })).status).toBe(400);
      expect((await admin.call('PATCH', `/users/${writer.user.id}`, { authorId: 'three' })).status).toBe(400);
      const linked = await json<AdminUser>(admin.call('PATCH', `/users/${writer.user.id}`, { authorId: own.id }));
      expect(linked.authorId).toBe(own.id);
      const taken = await admin.call('PATCH', `/users/${editor.user.id}`, { authorId: own.id });
      expect(taken.status).toBe(409);
      expect((await json<ErrorBody>(taken)).error.message).toContain('already linked to June Halvorsen');
      expect((await json<SessionResponse>(writer.call('GET', '/session'))).authorId).toBe(own.id);

      // A new story starts with the writer's own byline.
      const story = await json<AdminArticle>(writer.call('POST', '/articles', { headline: 'Library extends its hours' }));
      expect(story.authorIds).toEqual([own.id]);

      // A writer cannot add a colleague…
      const refused = await writer.call('PATCH', `/articles/${story.id}`, { baseRevision: story.revision, authorIds: [own.id, other.id] });
      expect(refused.status).toBe(422);
      const body = await json<ErrorBody>(refused);
      expect(body.error.message).toContain(other.name);
      expect(body.error.hint).toContain('Ask an editor');
      expect((await json<AdminArticle>(editor.call('GET', `/articles/${story.id}`))).authorIds).toEqual([own.id]);
      // …nor start a story in someone else's name.
      expect((await writer.call('POST', '/articles', { headline: 'Not mine', authorIds: [third.id] })).status).toBe(422);

      // An editor adds the co-author; the writer may then keep them, reorder, or remove them.
      const withCo = await json<AdminArticle>(editor.call('PATCH', `/articles/${story.id}`, { baseRevision: story.revision, authorIds: [own.id, other.id] }));
      expect(withCo.authorIds).toEqual([own.id, other.id]);
      const reordered = await writer.call('PATCH', `/articles/${story.id}`, { baseRevision: withCo.revision, authorIds: [other.id, own.id] });
      expect(reordered.status).toBe(200);
      const current = await json<AdminArticle>(reordered);
      expect((await writer.call('PATCH', `/articles/${story.id}`, { baseRevision: current.revision, authorIds: [other.id, own.id, third.id] })).status).toBe(422);

      // An editor credits anyone.
      expect((await editor.call('PATCH', `/articles/${story.id}`, { baseRevision: current.revision, authorIds: [third.id] })).status).toBe(200);
    });

    it('tells a writer with no author link what to do', async () => {
      const unlinked = await signedInAs(site.store, site.url, 'writer', { name: 'Noor Lindqvist' });
      const story = await json<AdminArticle>(unlinked.call('POST', '/articles', { headline: 'Harbor seals return' }));
      expect(story.authorIds).toEqual([]);
      const refused = await unlinked.call('PATCH', `/articles/${story.id}`, { baseRevision: story.revision, authorIds: [authors[2]?.id] });
      expect(refused.status).toBe(422);
      expect((await json<ErrorBody>(refused)).error.hint).toContain('Users screen');
    });

    it('unschedules a story back to where it was, without touching anything public', async () => {
      const story = await json<AdminArticle>(writer.call('POST', '/articles', { headline: 'Budget hearing moved', bodyHtml: '<p>The hearing is now on Thursday.</p>' }));
      await writer.call('POST', `/articles/${story.id}/submit`);
      const at = new Date(Date.now() + 3_600_000).toISOString();
      expect((await json<AdminArticle>(editor.call('POST', `/articles/${story.id}/schedule`, { at }))).status).toBe('scheduled');
      const changesBefore = await lastChange();
      const events = async () => (await site.store.db.kysely.selectFrom('article_events').select('kind').where('article_id', '=', story.id).execute()).length;
      const eventsBefore = await events();

      expect((await writer.call('POST', `/articles/${story.id}/unschedule`)).status).toBe(403);
      const back = await json<AdminArticle>(editor.call('POST', `/articles/${story.id}/unschedule`));
      expect(back).toMatchObject({ status: 'submitted', scheduledAt: null });
      expect(await changesFor(story.id, changesBefore)).toBe(0);
      expect(await events()).toBe(eventsBefore);
      expect((await page(story.path)).status).toBe(404);

      const again = await editor.call('POST', `/articles/${story.id}/unschedule`);
      expect(again.status).toBe(409);
      expect((await json<ErrorBody>(again)).error.hint).toContain('Only a scheduled story');
    });

    it('rewords a correction, keeps the earlier wording, and tells readers it was updated', async () => {
      const story = await json<AdminArticle>(editor.call('POST', '/articles', { headline: 'Council names new clerk', bodyHtml: '<p>The council named a clerk.</p>' }));
      await editor.call('POST', `/articles/${story.id}/publish`);
      const noted = await json<AdminArticle>(editor.call('POST', `/articles/${story.id}/corrections`, { kind: 'correction', text: 'An earlier version misspelled the clerk’s name.' }));
      const note = noted.corrections[0] as AdminArticle['corrections'][number];
      expect(note.editedAt).toBeNull();
      const changesBefore = await lastChange();

      expect((await writer.call('PATCH', `/articles/${story.id}/corrections/${note.id}`, { text: 'x' })).status).toBe(403);
      expect((await editor.call('PATCH', `/articles/${story.id}/corrections/${note.id}`, { text: '   ' })).status).toBe(400);
      expect((await editor.call('PATCH', `/articles/${story.id}/corrections/${note.id}`, { text: 'x'.repeat(2001) })).status).toBe(400);
      const other = await json<AdminArticle>(editor.call('POST', '/articles', { headline: 'Another story' }));
      expect((await editor.call('PATCH', `/articles/${other.id}/corrections/${note.id}`, { text: 'Hijack.' })).status).toBe(404);

      const edited = await json<AdminArticle>(
        editor.call('PATCH', `/articles/${story.id}/corrections/${note.id}`, { text: 'An earlier version misspelled the clerk’s family name, Okonkwo.' }),
      );
      const after = edited.corrections[0] as AdminArticle['corrections'][number];
      expect(after.text).toBe('An earlier version misspelled the clerk’s family name, Okonkwo.');
      expect(after.editedAt).not.toBeNull();
      expect(after.history).toEqual([{ text: 'An earlier version misspelled the clerk’s name.', shownFrom: note.at, replacedAt: after.editedAt, by: 'Maya Okafor' }]);
      // The change goes out through the outbox, so the page is purged and readers see it.
      expect(await changesFor(story.id, changesBefore)).toBe(1);
      const html = (await page(story.path)).html;
      expect(html).toContain('family name, Okonkwo.');
      expect(html).toMatch(/Correction, updated <time datetime="[^"]+">\w{3} \d{1,2}, \d{4}<\/time>:/);
      expect(html).not.toContain('misspelled the clerk’s name.');
    });

    it('shares a preview through a link that needs no session, for one story, until it expires or is revoked', async () => {
      const story = await json<AdminArticle>(writer.call('POST', '/articles', { headline: 'Draft for a source to check', bodyHtml: '<p>The quote reads as follows.</p>' }));
      const other = await json<AdminArticle>(writer.call('POST', '/articles', { headline: 'Someone else’s secret draft', bodyHtml: '<p>Not for the source.</p>' }));
      expect((await writer.call('POST', `/articles/${story.id}/preview-links`, { expiresInHours: 0 })).status).toBe(400);
      expect((await writer.call('POST', `/articles/${story.id}/preview-links`, { expiresInHours: 10_000 })).status).toBe(400);
      const link = await json<PreviewLinkCreated>(writer.call('POST', `/articles/${story.id}/preview-links`, { expiresInHours: 24 }));
      expect(Date.parse(link.expiresAt) - Date.parse(link.createdAt)).toBe(24 * 3_600_000);

      // No cookie at all.
      const opened = await page(link.path);
      expect(opened.status).toBe(200);
      expect(opened.html).toContain('Draft for a source to check');
      expect(opened.headers.get('x-robots-tag')).toContain('noindex');
      expect(opened.headers.get('cache-control')).toContain('no-store');
      expect(opened.headers.get('content-security-policy')).toContain("script-src 'none'");

      const token = link.path.split('/').pop() as string;
      // Another story with this token, a tampered token, a made-up one: 404, and the other story's text never shows.
      const otherStory = await page(`/admin/api/shared-preview/${other.id}/${token}`);
      expect(otherStory.status).toBe(404);
      expect(otherStory.html).not.toContain('secret draft');
      const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
      expect((await page(`/admin/api/shared-preview/${story.id}/${tampered}`)).status).toBe(404);
      expect((await page(`/admin/api/shared-preview/${story.id}/%3Cscript%3E`)).html).not.toContain('<script>');
      expect((await page(`/admin/api/shared-preview/${story.id}/${'a'.repeat(500)}`)).status).toBe(404);

      // Listed while it works; revoked, it stops.
      const listed = await json<PreviewLinkList>(writer.call('GET', `/articles/${story.id}/preview-links`));
      expect(listed.items.map((l) => l.id)).toEqual([link.id]);
      expect((await writer.call('DELETE', `/articles/${story.id}/preview-links/${link.id}`)).status).toBe(204);
      const revoked = await page(link.path);
      expect(revoked.status).toBe(410);
      expect(revoked.html).toContain('expired');

      // Expired: the time passed.
      const short = await json<PreviewLinkCreated>(writer.call('POST', `/articles/${story.id}/preview-links`, { expiresInHours: 1 }));
      await site.store.db.kysely.updateTable('preview_links').set({ expires_at: Date.now() - 1000 }).where('id', '=', short.id).execute();
      expect((await page(short.path)).status).toBe(410);
      expect((await json<PreviewLinkList>(writer.call('GET', `/articles/${story.id}/preview-links`))).items).toEqual([]);

      // A writer cannot make links for a story they cannot open; contributors make none.
      const desk = await json<AdminArticle>(editor.call('POST', '/articles', { headline: 'Desk only' }));
      expect((await writer.call('POST', `/articles/${desk.id}/preview-links`, { expiresInHours: 24 })).status).toBe(404);
      const contributor = await signedInAs(site.store, site.url, 'contributor');
      expect((await contributor.call('POST', `/articles/${desk.id}/preview-links`, { expiresInHours: 24 })).status).toBe(403);
    });

    it('lets the newsroom frame its own preview, and no one else', async () => {
      const story = await json<AdminArticle>(editor.call('POST', '/articles', { headline: 'Framed preview' }));
      const preview = await editor.call('GET', `/articles/${story.id}/preview`);
      expect(preview.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
      expect(preview.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(preview.headers.get('x-robots-tag')).toContain('noindex');
    });

    it('tells the app the site’s time zone, and speaks of changes in the newsroom’s words', async () => {
      const session = await json<SessionResponse>(editor.call('GET', '/session'));
      expect(session.site.timeZone).toBe('America/Los_Angeles');
      // An admin moves the site to another zone on the Settings screen: the newsroom follows on its next load.
      expect((await admin.call('PATCH', '/settings', { timeZone: 'Europe/Berlin' })).status).toBe(200);
      expect((await json<SessionResponse>(editor.call('GET', '/session'))).site.timeZone).toBe('Europe/Berlin');
      const story = await json<AdminArticle>(editor.call('POST', '/articles', { headline: 'Words' }));
      const media = await site.store.db.kysely.selectFrom('media').select('id').limit(1).executeTakeFirstOrThrow();
      await editor.call('PATCH', `/articles/${story.id}`, { baseRevision: story.revision, leadMediaId: media.id });
      const revisions = await json<RevisionList>(editor.call('GET', `/articles/${story.id}/revisions`));
      expect(revisions.items[0]?.changes).toEqual(['Lead photo changed']);
      expect(revisions.items[1]?.changes).toEqual(['Story created']);
      const missing = await json<ErrorBody>(editor.call('GET', `/articles/${story.id}/diff?from=1&to=99`));
      expect(`${missing.error.message} ${missing.error.hint}`).not.toMatch(/\/admin\/api|GET /);
    });
  });
}
