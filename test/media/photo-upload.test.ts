import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminArticle, AdminMedia } from '../../src/newsroom/admin-api-contract.js';
import { IPTC, XMP } from '../fixtures/media/make-iptc-photo.js';
import { type AdminSession, signedInAs } from '../support/admin-session.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';

const FIXTURE = new URL('../fixtures/media/iptc-xmp-photo.jpg', import.meta.url);

function ogImage(html: string): string | undefined {
  return /<meta property="og:image" content="[^"]*?(\/media\/[0-9a-f]{32}\.jpg)"/.exec(html)?.[1];
}

for (const dialect of DIALECTS) {
  describe(`a photo's own metadata and its focal point (${dialect})`, () => {
    let site: TestSite;
    let editor: AdminSession;
    let writer: AdminSession;
    let media: AdminMedia;

    beforeAll(async () => {
      site = await startTestSite(dialect, { env: { PAGE_CACHE_SECONDS: '120' } });
      editor = await signedInAs(site.store, site.url, 'editor');
      writer = await signedInAs(site.store, site.url, 'writer');
    }, 120_000);
    afterAll(async () => {
      await site?.close();
    });

    it("fills the fields the uploader left empty from the file's IPTC/XMP, keeps what was typed, and reports what the file said", async () => {
      const form = new FormData();
      form.append('caption', 'Typed by the desk: the buoy is back.');
      form.append('file', new Blob([new Uint8Array(await readFile(FIXTURE))], { type: 'image/jpeg' }), 'buoy.jpg');
      const response = await fetch(`${site.url}/admin/api/media`, { method: 'POST', headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrfToken }, body: form });
      expect(response.status).toBe(201);
      media = (await response.json()) as AdminMedia;
      expect(media).toMatchObject({ caption: 'Typed by the desk: the buoy is back.', credit: IPTC.credit, source: IPTC.source, alt: XMP.alt, focalX: 0.5, focalY: 0.5 });
      expect(media.embedded).toEqual({ caption: XMP.description, headline: IPTC.headline, creator: IPTC.byline, credit: IPTC.credit, copyright: IPTC.copyright, source: IPTC.source, alt: XMP.alt });
      // Nothing of the file's metadata (GPS, IPTC, XMP) is in what readers will download.
      for (const rendition of media.renditions) {
        const bytes = Buffer.from(await (await fetch(`${site.url}${rendition.url}`, { headers: { cookie: editor.cookie } })).arrayBuffer());
        const meta = await sharp(bytes).metadata();
        expect(meta.exif, rendition.url).toBeUndefined();
        expect(meta.iptc, rendition.url).toBeUndefined();
        expect(meta.xmp, rendition.url).toBeUndefined();
        expect(bytes.includes(Buffer.from(IPTC.byline))).toBe(false);
      }
    });

    it('refuses a focal point that is half given or off the picture, saying what it needs', async () => {
      const half = await editor.call('PATCH', `/media/${media.id}`, { focalX: 0.3 });
      expect(half.status).toBe(400);
      expect(((await half.json()) as { error: { message: string } }).error.message).toMatch(/focalX and focalY, each between 0 and 1/);
      for (const body of [{ focalX: 1.5, focalY: 0.5 }, { focalX: -0.1, focalY: 0.5 }, { focalX: '0.5', focalY: 0.5 }, { focalX: null, focalY: 0.5 }]) {
        expect((await editor.call('PATCH', `/media/${media.id}`, body)).status, JSON.stringify(body)).toBe(400);
      }
    });

    it('moving the focal point re-cuts the social image through a job and the published page offers the new one', { timeout: 90_000 }, async () => {
      const section = await site.store.db.kysely.selectFrom('sections').select('id').orderBy('id').executeTakeFirstOrThrow();
      const created = (await (await editor.call('POST', '/articles', { headline: 'The buoy is back', sectionId: section.id, bodyHtml: '<p>Text.</p>', leadMediaId: media.id })).json()) as AdminArticle;
      const published = (await (await editor.call('POST', `/articles/${created.id}/publish`)).json()) as AdminArticle;
      const before = ogImage(await (await fetch(`${site.url}${published.path}`)).text());
      expect(before).toBeDefined();
      const first = await fetch(`${site.url}${before}`);
      expect(first.status).toBe(200);
      expect(await sharp(Buffer.from(await first.arrayBuffer())).metadata()).toMatchObject({ width: 1200, height: 630 });

      // A writer may not move the point of a picture on a published story.
      expect((await writer.call('PATCH', `/media/${media.id}`, { focalX: 0.9, focalY: 0.5 })).status).toBe(403);

      // The picture is wider than the social shape only a little: the crop moves up or down, so move the point up.
      const moved = await editor.call('PATCH', `/media/${media.id}`, { focalX: 0.9, focalY: 0.1 });
      expect(moved.status).toBe(200);
      expect((await moved.json()) as AdminMedia).toMatchObject({ focalX: 0.9, focalY: 0.1 });
      const edits = await site.store.db.kysely.selectFrom('media_edits').select(['field', 'before', 'after', 'user_id']).where('media_id', '=', media.id).execute();
      expect(edits).toContainEqual({ field: 'focal point', before: '50% from the left, 50% from the top', after: '90% from the left, 10% from the top', user_id: editor.user.id });

      let after: string | undefined = before;
      for (const until = Date.now() + 60_000; after === before && Date.now() < until; ) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        after = ogImage(await (await fetch(`${site.url}${published.path}`)).text());
      }
      expect(after).not.toBe(before);
      const recut = await fetch(`${site.url}${after}`);
      expect(recut.status).toBe(200);
      expect(await sharp(Buffer.from(await recut.arrayBuffer())).metadata()).toMatchObject({ width: 1200, height: 630 });
      // Teaser crops follow the same point in the browser: pages that list the story say where it is.
      const home = await (await fetch(`${site.url}/`)).text();
      if (home.includes(published.path)) expect(home).toContain('object-position: 90% 10%');
    });
  });
}
