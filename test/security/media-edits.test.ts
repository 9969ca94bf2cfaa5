import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../support/admin-session.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';

for (const dialect of DIALECTS) {
  describe(`a picture's words follow the rules of the stories that show it (${dialect})`, () => {
    let site: TestSite;

    beforeAll(async () => {
      site = await startTestSite(dialect, { env: { PAGE_CACHE_SECONDS: '60' } });
    }, 60_000);
    afterAll(async () => {
      await site?.close();
    });

    const publishedWithPicture = () =>
      site.store.db.kysely
        .selectFrom('articles')
        .select(['id', 'path', 'lead_media_id'])
        .where('status', '=', 'published')
        .where('lead_media_id', 'is not', null)
        .orderBy('published_at', 'desc')
        .executeTakeFirstOrThrow();

    it("refuses a writer's change to the caption, credit or alt text of a picture on a published story", async () => {
      const story = await publishedWithPicture();
      const before = await site.store.db.kysely.selectFrom('media').select(['caption', 'credit', 'alt']).where('id', '=', story.lead_media_id as number).executeTakeFirstOrThrow();
      const writer = await signedInAs(site.store, site.url, 'writer');
      for (const change of [{ caption: 'Defaced caption' }, { credit: 'Someone else' }, { alt: 'Misleading alt text' }]) {
        const response = await writer.call('PATCH', `/media/${story.lead_media_id}`, change);
        expect(response.status).toBe(403);
        const error = ((await response.json()) as { error: { code: string; message: string; hint: string } }).error;
        expect(error.code).toBe('FORBIDDEN');
        expect(error.message).toMatch(/appears on a story you may not change/);
      }
      const after = await site.store.db.kysely.selectFrom('media').select(['caption', 'credit', 'alt']).where('id', '=', story.lead_media_id as number).executeTakeFirstOrThrow();
      expect(after).toEqual(before);
      expect(await (await fetch(`${site.url}${story.path}`)).text()).not.toContain('Defaced caption');
    });

    it('lets an editor change it, records who, when, before and after, and the published page shows it at once', async () => {
      const story = await publishedWithPicture();
      const page = await (await fetch(`${site.url}${story.path}`)).text(); // now in the page cache
      expect(page).not.toContain('Caption fixed by the desk');
      const old = await site.store.db.kysely.selectFrom('media').select('caption').where('id', '=', story.lead_media_id as number).executeTakeFirstOrThrow();
      const editor = await signedInAs(site.store, site.url, 'editor');
      const started = Date.now();
      const response = await editor.call('PATCH', `/media/${story.lead_media_id}`, { caption: 'Caption fixed by the desk', credit: old.caption === '' ? 'Desk' : undefined });
      expect(response.status).toBe(200);
      const edits = await site.store.db.kysely.selectFrom('media_edits').selectAll().where('media_id', '=', story.lead_media_id as number).execute();
      const caption = edits.find((e) => e.field === 'caption');
      expect(caption).toMatchObject({ user_id: editor.user.id, before: old.caption, after: 'Caption fixed by the desk' });
      expect(Number(caption?.at)).toBeGreaterThanOrEqual(started - 1000);
      expect(await (await fetch(`${site.url}${story.path}`)).text()).toContain('Caption fixed by the desk');
    });

    it("lets a writer caption a picture used only on the writer's own draft, and records it", async () => {
      const writer = await signedInAs(site.store, site.url, 'writer');
      const media = await site.store.db.kysely
        .selectFrom('media')
        .select('id')
        .where('id', 'not in', (eb) => eb.selectFrom('articles').select('lead_media_id').where('lead_media_id', 'is not', null))
        .where('renditions', '<>', '[]')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      const created = await writer.call('POST', '/articles', { headline: 'A draft with its own picture' });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: number };
      await site.store.db.kysely.updateTable('articles').set({ lead_media_id: media.id }).where('id', '=', id).execute();
      const response = await writer.call('PATCH', `/media/${media.id}`, { caption: 'My own caption' });
      expect(response.status).toBe(200);
      expect(await site.store.db.kysely.selectFrom('media_edits').select(['user_id', 'after']).where('media_id', '=', media.id).execute()).toContainEqual({ user_id: writer.user.id, after: 'My own caption' });
    });
  });
}
