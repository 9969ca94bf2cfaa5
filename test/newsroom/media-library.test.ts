import { existsSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBody } from '../../src/domain/media-store.js';
import type { AdminMedia } from '../../src/newsroom/admin-api-contract.js';
import { type AdminSession, signedInAs } from '../support/admin-session.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';

/** A photo-like JPEG (noise compresses badly, like a real photo does). */
async function photo(width: number, height: number, format: 'jpeg' | 'png' = 'jpeg'): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 120, sigma: 30 } } });
  return format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 80 }).toBuffer();
}

function upload(site: TestSite, session: AdminSession, file: { name: string; data: Buffer; type?: string }, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append('file', new Blob([new Uint8Array(file.data)], { type: file.type ?? 'image/jpeg' }), file.name);
  return fetch(`${site.url}/admin/api/media`, { method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken }, body: form });
}

async function mediaCount(site: TestSite): Promise<number> {
  const row = await site.store.db.kysely.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

for (const dialect of DIALECTS) {
  describe(`media library on ${dialect}`, () => {
    let site: TestSite;
    let writer: AdminSession;
    let contributor: AdminSession;

    beforeAll(async () => {
      site = await startTestSite(dialect, { env: { MEDIA_MAX_UPLOAD_MB: '2' } });
      writer = await signedInAs(site.store, site.url, 'writer');
      contributor = await signedInAs(site.store, site.url, 'contributor');
    }, 120_000);

    afterAll(async () => {
      await site?.close();
    });

    it('takes a real photo, makes renditions that are served at once, keeps the original, then adds AVIF', { timeout: 120_000 }, async () => {
      const data = await photo(1600, 1000);
      const response = await upload(site, contributor, { name: 'harbor at dawn.jpg', data }, {
        caption: 'Fishing boats leave the Port Alder harbor at dawn.',
        credit: 'Cedar Coast Dispatch',
        source: 'Photo by Ana Ruiz',
        alt: 'Three fishing boats on calm water under a pink sky',
      });
      expect(response.status).toBe(201);
      const media = (await response.json()) as AdminMedia;
      expect(media).toMatchObject({
        originalName: 'harbor at dawn.jpg',
        mime: 'image/jpeg',
        width: 1600,
        height: 1000,
        bytes: data.length,
        caption: 'Fishing boats leave the Port Alder harbor at dawn.',
        credit: 'Cedar Coast Dispatch',
        source: 'Photo by Ana Ruiz',
        alt: 'Three fishing boats on calm water under a pink sky',
      });
      const widths = (format: string) => media.renditions.filter((r) => r.format === format).map((r) => r.width).sort((a, b) => a - b);
      expect(widths('webp')).toEqual([320, 640, 960, 1280]);
      expect(widths('jpeg')).toEqual([320, 640, 960, 1280]);
      // Content-addressed: the SHA-256 of the rendition's bytes, not the picture's id, names it.
      expect(media.thumbnailUrl).toMatch(/^\/media\/[0-9a-f]{32}\.jpg$/);
      expect(media.thumbnailUrl).toBe(media.renditions.find((r) => r.format === 'jpeg' && r.width === 320)?.url);

      for (const rendition of media.renditions) {
        // Used by no story yet, so not public (issue 9): readers get 404, the newsroom the picture.
        const anonymous = await fetch(`${site.url}${rendition.url}`);
        expect(anonymous.status, rendition.url).toBe(404);
        expect(anonymous.headers.get('cache-control')).toBe('no-store');
        const file = await fetch(`${site.url}${rendition.url}`, { headers: { cookie: contributor.cookie } });
        expect(file.status, rendition.url).toBe(200);
        expect(file.headers.get('cache-control')).toBe('private, no-store');
        expect(file.headers.get('content-type')).toBe(rendition.format === 'webp' ? 'image/webp' : 'image/jpeg');
        const decoded = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
        expect(decoded.width).toBe(rendition.width);
        expect(decoded.height).toBe(Math.round((rendition.width * 1000) / 1600));
      }

      // The original is kept byte for byte in the media store, under a key no URL serves.
      const row = await site.store.db.kysely.selectFrom('media').select('original_key').where('id', '=', media.id).executeTakeFirstOrThrow();
      expect(row.original_key).toMatch(/^originals\/[0-9a-f]{32}\.jpg$/);
      const original = await site.store.mediaStore.get(row.original_key ?? '');
      expect(original && (await readBody(original)).equals(data)).toBe(true);
      expect((await fetch(`${site.url}/media/${media.id}.jpg`)).status).toBe(404);
      expect((await fetch(`${site.url}/media/${row.original_key}`)).status).toBe(404);
      expect((await fetch(`${site.url}/media/${(row.original_key ?? '').replace('originals/', '')}`)).status).toBe(404);

      // AVIF follows as a durable job (media.avif): seconds, many more on a busy two-core machine.
      let avif: AdminMedia['renditions'] = [];
      for (const until = Date.now() + 60_000; avif.length === 0 && Date.now() < until; ) {
        const current = (await (await contributor.call('GET', `/media/${media.id}`)).json()) as AdminMedia;
        avif = current.renditions.filter((r) => r.format === 'avif');
        if (avif.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(avif.map((r) => r.width).sort((a, b) => a - b)).toEqual([320, 640, 960, 1280]);
      const first = avif[0] as AdminMedia['renditions'][number];
      const file = await fetch(`${site.url}${first.url}`, { headers: { cookie: contributor.cookie } });
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/avif');
    });

    it('takes a PNG and reports what it really is', async () => {
      const response = await upload(site, writer, { name: 'chart.png', data: await photo(400, 300, 'png'), type: 'image/png' });
      expect(response.status).toBe(201);
      const media = (await response.json()) as AdminMedia;
      expect(media.mime).toBe('image/png');
      // Smaller than every width: one rendition per format at its own width, never upscaled.
      expect(media.renditions.map((r) => `${r.format}:${r.width}`).sort()).toEqual(['jpeg:320', 'webp:320']);
    });

    it('refuses a text file renamed .jpg with a clear 400, and keeps nothing of it', async () => {
      const before = await mediaCount(site);
      const response = await upload(site, writer, { name: 'notes.jpg', data: Buffer.from('Council meeting notes\nTuesday 7 pm\n'.repeat(40)) });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string; hint: string } };
      expect(body.error.code).toBe('BAD_INPUT');
      expect(body.error.message).toMatch(/not an image Dateline can read/);
      expect(body.error.hint).toMatch(/JPEG, PNG, WebP, AVIF or GIF/);
      expect(await mediaCount(site)).toBe(before);
    });

    it('refuses a file over the limit with 413 and says the limit', async () => {
      const before = await mediaCount(site);
      const big = Buffer.alloc(3 * 1024 * 1024, 7);
      const response = await upload(site, writer, { name: 'huge.jpg', data: big });
      expect(response.status).toBe(413);
      const body = (await response.json()) as { error: { code: string; message: string; hint: string } };
      expect(body.error.code).toBe('TOO_LARGE');
      expect(body.error.message).toBe('The file “huge.jpg” is larger than the 2 MB upload limit.');
      expect(body.error.hint).toMatch(/MEDIA_MAX_UPLOAD_MB/);
      expect(await mediaCount(site)).toBe(before);
    });

    it('says what to send when the upload has no file or is not a form', async () => {
      const form = new FormData();
      form.append('caption', 'No picture here');
      const noFile = await fetch(`${site.url}/admin/api/media`, { method: 'POST', headers: { cookie: writer.cookie, 'x-csrf-token': writer.csrfToken }, body: form });
      expect(noFile.status).toBe(400);
      expect(((await noFile.json()) as { error: { message: string } }).error.message).toBe('The upload has no file.');

      const json = await writer.call('POST', '/media', { url: 'https://example.com/a.jpg' });
      expect(json.status).toBe(400);
      expect(((await json.json()) as { error: { message: string } }).error.message).toBe('The upload is not multipart/form-data.');

      const unknown = await upload(site, writer, { name: 'a.jpg', data: await photo(50, 50) }, { title: 'x' });
      expect(unknown.status).toBe(400);
      expect(((await unknown.json()) as { error: { message: string } }).error.message).toBe('The upload has an unknown part “title”.');
    });

    it('lists newest first, searches caption, credit and file name, and pages by cursor', async () => {
      const a = (await (await upload(site, writer, { name: 'ferry.jpg', data: await photo(80, 60) }, { caption: 'The ferry Cedar Queen docks', credit: 'Port Authority' })).json()) as AdminMedia;
      const b = (await (await upload(site, writer, { name: 'gulls-game.jpg', data: await photo(80, 60) }, { caption: 'Gulls fans cheer', credit: 'Jo Park' })).json()) as AdminMedia;

      const all = (await (await writer.call('GET', '/media?limit=2')).json()) as { items: AdminMedia[]; nextCursor: string };
      expect(all.items.map((m) => m.id)).toEqual([b.id, a.id]);
      const next = (await (await writer.call('GET', `/media?limit=2&cursor=${all.nextCursor}`)).json()) as { items: AdminMedia[] };
      expect(next.items.every((m) => m.id < a.id)).toBe(true);

      const search = async (q: string) =>
        ((await (await writer.call('GET', `/media?q=${encodeURIComponent(q)}`)).json()) as { items: AdminMedia[] }).items.map((m) => m.id);
      expect(await search('cedar QUEEN')).toEqual([a.id]);
      expect(await search('port authority')).toEqual([a.id]);
      expect(await search('gulls-game')).toEqual([b.id]);
      expect(await search('100%')).toEqual([]);
      // Case folds beyond ASCII on both databases: a photographer's name typed in capitals still finds the picture.
      const c = (await (await upload(site, writer, { name: 'mayor.jpg', data: await photo(80, 60) }, { caption: 'The mayor of Łódź at the harbour', credit: 'Émile Ødegård' })).json()) as AdminMedia;
      expect(await search('ŁÓDŹ')).toEqual([c.id]);
      expect(await search('ÉMILE ødegård')).toEqual([c.id]);

      const bad = await writer.call('GET', '/media?cursor=abc');
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('BAD_CURSOR');
    });

    it('edits caption, credit, source and alt text (writer and up), and says what is too long', async () => {
      const media = (await (await upload(site, contributor, { name: 'x.jpg', data: await photo(80, 60) })).json()) as AdminMedia;
      expect((await contributor.call('PATCH', `/media/${media.id}`, { caption: 'Mine' })).status).toBe(403);

      const response = await writer.call('PATCH', `/media/${media.id}`, { caption: '  Low tide at Cedar Point. ', alt: 'Wet sand and tide pools', credit: 'Ana Ruiz', source: 'Staff' });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ id: media.id, caption: 'Low tide at Cedar Point.', alt: 'Wet sand and tide pools', credit: 'Ana Ruiz', source: 'Staff' });

      const long = await writer.call('PATCH', `/media/${media.id}`, { alt: 'a'.repeat(501) });
      expect(long.status).toBe(400);
      expect(((await long.json()) as { error: { message: string } }).error.message).toMatch(/alt/);

      expect((await writer.call('PATCH', '/media/999999', { caption: 'x' })).status).toBe(404);
    });

    it('documents the upload form and every media route in the OpenAPI document', async () => {
      const doc = (await (await fetch(`${site.url}/admin/api/openapi.json`)).json()) as { paths: Record<string, Record<string, any>> };
      const upload = doc.paths['/media']?.post;
      expect(Object.keys(upload?.requestBody?.content ?? {})).toEqual(['multipart/form-data']);
      expect(upload?.requestBody?.content['multipart/form-data'].schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
      expect(Object.keys(upload?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '413']));
      expect(doc.paths['/media/{id}']?.patch).toBeDefined();
      expect(doc.paths['/sections/{id}']?.patch?.description).toMatch(/Roles: admin\./);
    });

    it('shows a picture’s new caption on a published story at once (the page cache is purged)', async () => {
      const row = await site.store.db.kysely
        .selectFrom('articles')
        .select(['path', 'lead_media_id'])
        .where('status', '=', 'published')
        .where('lead_media_id', 'is not', null)
        .orderBy('published_at', 'desc')
        .executeTakeFirstOrThrow();
      expect((await fetch(`${site.url}${row.path}`)).status).toBe(200);
      const caption = 'A caption the desk just fixed';
      // A writer may not change what a published story shows (test/security/media-edits.test.ts); the desk may.
      const editor = await signedInAs(site.store, site.url, 'editor');
      expect((await editor.call('PATCH', `/media/${row.lead_media_id}`, { caption })).status).toBe(200);
      expect(await (await fetch(`${site.url}${row.path}`)).text()).toContain(caption);
      expect(existsSync(path.join(site.config.dataDir, 'media'))).toBe(true);
    });
  });
}
