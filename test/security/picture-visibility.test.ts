import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminArticle, AdminMedia } from '../../src/newsroom/admin-api-contract.js';
import { type AdminSession, signedInAs } from '../support/admin-session.js';
import { photo } from '../support/media-helpers.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';

/**
 * Issue 9 item 3, as an attacker tries it: a picture's URL is fetched by
 * someone with no session while the story that uses it is a draft, is
 * scheduled, is published, and is withdrawn. The picture answers what the
 * story answers, and nothing a cache could keep until it is public.
 */
async function upload(site: TestSite, session: AdminSession, fields: Record<string, string>, size: [number, number]): Promise<AdminMedia> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append('file', new Blob([new Uint8Array(await photo(...size))], { type: 'image/jpeg' }), 'picture.jpg');
  const response = await fetch(`${site.url}/admin/api/media`, { method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken }, body: form });
  expect(response.status).toBe(201);
  return (await response.json()) as AdminMedia;
}

const urlsOf = (media: AdminMedia) => media.renditions.map((r) => r.url);

async function anonymous(site: TestSite, url: string): Promise<Response> {
  return fetch(`${site.url}${url}`, { redirect: 'manual' });
}

async function expectHidden(site: TestSite, urls: string[], status: 404 | 410) {
  for (const url of urls) {
    const response = await anonymous(site, url);
    expect(response.status, url).toBe(status);
    expect(response.headers.get('cache-control'), url).toBe('no-store');
    expect(response.headers.get('xkey'), url).toBeNull();
    expect(response.headers.get('content-type'), url).toMatch(/^text\/plain/);
  }
}

for (const dialect of DIALECTS) {
  describe(`pictures follow their stories (${dialect})`, () => {
    let site: TestSite;
    let editor: AdminSession;
    let writer: AdminSession;
    let lead: AdminMedia;
    let figure: AdminMedia;
    let embedded: AdminMedia;
    let story: AdminArticle;

    beforeAll(async () => {
      // A long page cache: a public verdict kept there must still be dropped by a kill.
      site = await startTestSite(dialect, { env: { PAGE_CACHE_SECONDS: '300' } });
      editor = await signedInAs(site.store, site.url, 'editor');
      writer = await signedInAs(site.store, site.url, 'writer');
      lead = await upload(site, editor, { caption: 'Scoop: the mayor signs the harbour deal.', credit: 'Jane Doe', source: 'Jane Doe / Coast Wire', alt: 'The mayor signs a document at a desk' }, [900, 600]);
      figure = await upload(site, editor, { caption: 'The signed page.', alt: 'A signed contract page' }, [700, 500]);
      embedded = await upload(site, editor, { caption: 'Embedded by address only.', alt: 'Boats at a quay' }, [640, 400]);
      const section = await site.store.db.kysely.selectFrom('sections').select('id').orderBy('id').executeTakeFirstOrThrow();
      const body = [
        '<p>The council met late into the night.</p>',
        `<figure data-media-id="${figure.id}"><img src="${figure.renditions[0]?.url}" alt="A signed contract page"><figcaption>The signed page.</figcaption></figure>`,
        `<p>An agency picture: <img src="${embedded.renditions.find((r) => r.format === 'jpeg')?.url}" alt="Boats at a quay"></p>`,
      ].join('');
      const created = await editor.call('POST', '/articles', { headline: 'Harbour deal signed after midnight', sectionId: section.id, bodyHtml: body, leadMediaId: lead.id });
      expect(created.status).toBe(201);
      story = (await created.json()) as AdminArticle;
    }, 120_000);

    afterAll(async () => {
      await site?.close();
    });

    it("a draft's pictures (lead, body figure, embedded by URL) answer 404 to readers, old numbered URLs too; the newsroom sees them", async () => {
      await expectHidden(site, [...urlsOf(lead), ...urlsOf(figure), ...urlsOf(embedded)], 404);
      await expectHidden(site, [`/media/${lead.id}/640.jpg`, `/media/${figure.id}/640.jpg`], 404);
      // The session cookie scoped to /media opens them for the newsroom, never to a shared cache.
      const staff = await fetch(`${site.url}${lead.thumbnailUrl}`, { headers: { cookie: writer.cookie } });
      expect(staff.status).toBe(200);
      expect(staff.headers.get('cache-control')).toBe('private, no-store');
      // A forged or expired cookie is no one.
      const forged = await fetch(`${site.url}${lead.thumbnailUrl}`, { headers: { cookie: `dateline_session=${'A'.repeat(43)}` } });
      expect(forged.status).toBe(404);
      // Conditional requests and HEAD learn nothing either.
      const etag = `"${lead.thumbnailUrl.slice('/media/'.length, lead.thumbnailUrl.lastIndexOf('.'))}"`;
      expect((await fetch(`${site.url}${lead.thumbnailUrl}`, { headers: { 'if-none-match': etag } })).status).toBe(404);
      expect((await fetch(`${site.url}${lead.thumbnailUrl}`, { method: 'HEAD' })).status).toBe(404);
    });

    it('a library upload no story uses is not public', async () => {
      const loose = await upload(site, writer, { caption: 'Not used anywhere', alt: 'Nothing' }, [400, 300]);
      await expectHidden(site, urlsOf(loose), 404);
    });

    it('scheduled (embargoed) stories keep their pictures hidden', async () => {
      const at = new Date(Date.now() + 3_600_000).toISOString();
      const scheduled = await editor.call('POST', `/articles/${story.id}/schedule`, { at });
      expect(scheduled.status).toBe(200);
      await expectHidden(site, [...urlsOf(lead), ...urlsOf(figure), ...urlsOf(embedded)], 404);
      expect((await editor.call('POST', `/articles/${story.id}/unschedule`)).status).toBe(200);
    });

    it("a writer sees the picture in the library without the words of another's unpublished story; the editor sees them", async () => {
      const forWriter = (await (await writer.call('GET', `/media/${lead.id}`)).json()) as AdminMedia;
      expect(forWriter).toMatchObject({ caption: '', credit: '', source: '', alt: '', restricted: true });
      const listed = (await (await writer.call('GET', '/media?q=')).json()) as { items: AdminMedia[] };
      expect(JSON.stringify(listed)).not.toContain('Scoop: the mayor signs');
      const search = (await (await writer.call('GET', `/media?q=${encodeURIComponent('harbour deal')}`)).json()) as { items: AdminMedia[] };
      expect(JSON.stringify(search)).not.toContain('Scoop: the mayor signs');
      const forEditor = (await (await editor.call('GET', `/media/${lead.id}`)).json()) as AdminMedia;
      expect(forEditor.caption).toBe('Scoop: the mayor signs the harbour deal.');
      expect(forEditor.restricted).toBeUndefined();
    });

    it('publishing serves them (immutable, filed under the story for the cache tier), and the credit names Jane Doe once', async () => {
      const published = await editor.call('POST', `/articles/${story.id}/publish`);
      expect(published.status).toBe(200);
      for (const url of [...urlsOf(lead), ...urlsOf(figure), ...urlsOf(embedded)]) {
        const response = await anonymous(site, url);
        expect(response.status, url).toBe(200);
        expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
        expect(response.headers.get('xkey')?.split(' ')).toContain(`a${story.id}`);
      }
      const old = await anonymous(site, `/media/${lead.id}/640.jpg`);
      expect(old.status).toBe(301);
      const page = await (await fetch(`${site.url}${(published.ok && ((await published.json()) as AdminArticle).path) || ''}`)).text();
      expect(page).toContain('Credit: Jane Doe');
      expect(page).toContain('(Coast Wire)');
      expect(page).not.toMatch(/Jane Doe[^<]*Jane Doe/);
      // Caption restored for the writer: readers can see it now.
      expect(((await (await writer.call('GET', `/media/${lead.id}`)).json()) as AdminMedia).caption).toBe('Scoop: the mayor signs the harbour deal.');
    });

    it('withdrawing the story answers 410 for its pictures at once, although a public answer was cached', async () => {
      expect((await anonymous(site, lead.thumbnailUrl)).status).toBe(200);
      const withdrawn = await editor.call('POST', `/articles/${story.id}/withdraw`);
      expect(withdrawn.status).toBe(200);
      await expectHidden(site, [...urlsOf(lead), ...urlsOf(figure), ...urlsOf(embedded)], 410);
    });

    it('a picture another visible story still shows stays public when one story is withdrawn', async () => {
      const shared = await upload(site, editor, { caption: 'Shared', alt: 'A quay at dusk' }, [500, 300]);
      const section = await site.store.db.kysely.selectFrom('sections').select('id').orderBy('id').executeTakeFirstOrThrow();
      const ids: number[] = [];
      for (const headline of ['First story sharing a picture', 'Second story sharing a picture']) {
        const created = (await (await editor.call('POST', '/articles', { headline, sectionId: section.id, bodyHtml: '<p>Text.</p>', leadMediaId: shared.id })).json()) as AdminArticle;
        expect((await editor.call('POST', `/articles/${created.id}/publish`)).status).toBe(200);
        ids.push(created.id);
      }
      expect((await anonymous(site, shared.thumbnailUrl)).status).toBe(200);
      expect((await editor.call('POST', `/articles/${ids[0]}/withdraw`)).status).toBe(200);
      expect((await anonymous(site, shared.thumbnailUrl)).status).toBe(200);
      expect((await editor.call('POST', `/articles/${ids[1]}/withdraw`)).status).toBe(200);
      expect((await anonymous(site, shared.thumbnailUrl)).status).toBe(410);
    });

    it('publishing a story whose photos lack alt text answers 422 naming each photo, and publishes once they have it', async () => {
      const bare = await upload(site, editor, { caption: 'Crowd at the pier' }, [500, 300]);
      const section = await site.store.db.kysely.selectFrom('sections').select('id').orderBy('id').executeTakeFirstOrThrow();
      const body = `<p>Text.</p><figure data-media-id="${figure.id}"><img src="${figure.thumbnailUrl}" alt=""><figcaption>x</figcaption></figure>`;
      const created = (await (await editor.call('POST', '/articles', { headline: 'Pier crowd', sectionId: section.id, bodyHtml: body, leadMediaId: bare.id })).json()) as AdminArticle;
      const refused = await editor.call('POST', `/articles/${created.id}/publish`);
      expect(refused.status).toBe(422);
      const error = ((await refused.json()) as { error: { code: string; message: string; hint: string; details: { photos: Array<{ mediaId: number; place: string }> } } }).error;
      expect(error.message).toMatch(/the lead photo “Crowd at the pier” has no alt text/);
      expect(error.hint).toMatch(/Describe each photo/);
      expect(error.details.photos).toEqual([expect.objectContaining({ mediaId: bare.id, place: 'lead' })]);
      expect(((await (await editor.call('GET', `/articles/${created.id}`)).json()) as AdminArticle).status).toBe('draft');
      await expectHidden(site, urlsOf(bare), 404);
      expect((await editor.call('PATCH', `/media/${bare.id}`, { alt: 'People crowd a wooden pier' })).status).toBe(200);
      expect((await editor.call('POST', `/articles/${created.id}/publish`)).status).toBe(200);
    });
  });
}
