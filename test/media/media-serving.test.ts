import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../src/domain/media-store.js';
import { adoptLegacyMedia, adoptLegacyOriginals } from '../../src/media/adopt-legacy-media.js';
import type { AdminArticle, AdminMedia } from '../../src/newsroom/admin-api-contract.js';
import { type AdminSession, signedInAs } from '../support/admin-session.js';
import { type LocalS3, startLocalS3 } from '../support/local-s3.js';
import { expectServedPicture, IMMUTABLE, photo, pictureUrls, uploadPicture } from '../support/media-helpers.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';

async function publishedStoryPath(site: TestSite): Promise<{ id: number; path: string }> {
  return site.store.db.kysely
    .selectFrom('articles')
    .select(['id', 'path'])
    .where('status', '=', 'published')
    .where('lead_media_id', 'is not', null)
    .orderBy('published_at', 'desc')
    .executeTakeFirstOrThrow();
}

const variants: Array<{ name: string; dialect: 'sqlite' | 'postgres'; s3?: boolean }> = [
  ...DIALECTS.map((dialect) => ({ name: `${dialect} (MEDIA_STORE default: ${dialect === 'sqlite' ? 'files' : 'database'})`, dialect })),
  { name: 'sqlite with MEDIA_STORE=s3 (s3rver)', dialect: 'sqlite', s3: true },
];

for (const variant of variants) {
  describe(`pictures over HTTP on ${variant.name}`, () => {
    let site: TestSite;
    let s3: LocalS3 | undefined;
    let editor: AdminSession;

    beforeAll(async () => {
      s3 = variant.s3 ? await startLocalS3() : undefined;
      site = await startTestSite(variant.dialect, { env: { ...s3?.env } });
      editor = await signedInAs(site.store, site.url, 'editor');
    });

    afterAll(async () => {
      await site?.close();
      await s3?.close();
    });

    it('uses the configured store', () => {
      expect(site.store.mediaStore.kind).toBe(variant.s3 ? 's3' : variant.dialect === 'sqlite' ? 'files' : 'database');
    });

    it('serves every picture a seeded story page offers, immutable, typed, with an ETag; 304 when the browser has it', async () => {
      const story = await publishedStoryPath(site);
      const html = await (await fetch(`${site.url}${story.path}`)).text();
      const urls = pictureUrls(html);
      expect(urls.length).toBeGreaterThanOrEqual(12);
      for (const url of urls) await expectServedPicture(site.url, url);
      const first = urls[0] as string;
      const etag = `"${first.slice('/media/'.length, first.lastIndexOf('.'))}"`;
      const again = await fetch(`${site.url}${first}`, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      expect(again.headers.get('cache-control')).toBe(IMMUTABLE);
      const head = await fetch(`${site.url}${first}`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('etag')).toBe(etag);
      expect(Number(head.headers.get('content-length'))).toBe((await expectServedPicture(site.url, first)).length);
      expect(head.headers.get('content-type')).toMatch(/^image\//);
    });

    // AVIF encodes take seconds, many more on a busy two-core machine: the job gets 60 s.
    it('puts an uploaded picture on the page at once, every srcset URL answering 200, and AVIF after its job', { timeout: 120_000 }, async () => {
      const story = await publishedStoryPath(site);
      const data = await photo(1400, 900);
      const response = await uploadPicture(site.url, editor, data, 'The new ferry Cedar Belle on her first crossing.');
      expect(response.status).toBe(201);
      const media = (await response.json()) as AdminMedia;
      const article = (await (await editor.call('GET', `/articles/${story.id}`)).json()) as AdminArticle;
      const saved = await editor.call('PATCH', `/articles/${story.id}`, { baseRevision: article.revision, leadMediaId: media.id });
      expect(saved.status).toBe(200);

      const html = await (await fetch(`${site.url}${story.path}`)).text();
      expect(html).toContain('The new ferry Cedar Belle on her first crossing.');
      const urls = pictureUrls(html);
      for (const rendition of media.renditions) expect(urls).toContain(rendition.url);
      for (const url of urls) await expectServedPicture(site.url, url);

      // AVIF is a durable job queued with the picture; once it ran, the page offers AVIF that is served too.
      let avif: string[] = [];
      for (const until = Date.now() + 60_000; avif.length === 0 && Date.now() < until; ) {
        const current = (await (await editor.call('GET', `/media/${media.id}`)).json()) as AdminMedia;
        avif = current.renditions.filter((r) => r.format === 'avif').map((r) => r.url);
        if (avif.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(avif).toHaveLength(4);
      // The job recorded the change, so the cached page now offers them.
      const after = pictureUrls(await (await fetch(`${site.url}${story.path}`)).text());
      for (const url of avif) {
        expect(after).toContain(url);
        await expectServedPicture(site.url, url);
      }
    });

    it('answers 404 for a hash it does not hold, an original, and anything that is not a picture name', async () => {
      const original = await site.store.db.kysely.selectFrom('media').select('original_key').where('original_key', 'is not', null).executeTakeFirstOrThrow();
      const paths = [
        `/media/${'0'.repeat(32)}.jpg`,
        `/media/${'0'.repeat(64)}.jpg`,
        `/media/${original.original_key}`,
        `/media/${(original.original_key ?? '').replace('originals/', '')}`,
        '/media/..%2Fdateline.sqlite',
        '/media/objects/00',
        `/media/${'a'.repeat(32)}.svg`,
        '/media/1/320.svg',
        '/media/999999/320.jpg',
      ];
      for (const p of paths) {
        const response = await fetch(`${site.url}${p}`);
        expect(response.status, p).toBe(404);
        expect(response.headers.get('cache-control'), p).toBe('no-store');
      }
    });

    it('redirects the old /media/<id>/<width>.<ext> addresses to the new ones', async () => {
      const { lead_media_id } = await site.store.db.kysely.selectFrom('articles').select('lead_media_id').where('lead_media_id', 'is not', null).executeTakeFirstOrThrow();
      const media = await site.store.media.get(lead_media_id as number);
      expect(media?.renditions.length).toBeGreaterThan(0);
      for (const rendition of media!.renditions) {
        const ext = rendition.format === 'jpeg' ? 'jpg' : rendition.format;
        const response = await fetch(`${site.url}/media/${media!.id}/${rendition.width}.${ext}`, { redirect: 'manual' });
        expect(response.status).toBe(301);
        expect(response.headers.get('location')).toBe(rendition.url);
      }
    });
  });
}

describe('pictures made before the media store (DATA_DIR/media/<id>/<width>.<ext>)', () => {
  let site: TestSite;

  beforeAll(async () => {
    site = await startTestSite('sqlite', { demo: false });
  });

  afterAll(async () => {
    await site?.close();
  });

  it('are served at their old URL until adopted, then moved into the store and redirected', async () => {
    const jpeg = await photo(640, 400);
    const id = await site.store.media.create({ originalName: 'old.jpg', mime: 'image/jpeg', bytes: jpeg.length, width: 640, height: 400 });
    // As the code before 0013 left it: a file per rendition and URLs by id.
    await mkdir(path.join(site.config.dataDir, 'media', String(id)), { recursive: true });
    await writeFile(path.join(site.config.dataDir, 'media', String(id), '640.jpg'), jpeg);
    await site.store.media.setRenditions(id, [{ format: 'jpeg', width: 640, height: 400, url: `/media/${id}/640.jpg` }]);
    // Pictures follow their stories (issue 9): an author's picture is one readers may fetch.
    await site.store.db.kysely.insertInto('authors').values({ slug: 'old-picture', name: 'Old Picture', kind: 'person', bio: '', picture_id: id }).execute();

    const old = await fetch(`${site.url}/media/${id}/640.jpg`, { redirect: 'manual' });
    expect(old.status).toBe(200);
    expect(old.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await old.arrayBuffer()).equals(jpeg)).toBe(true);

    // What the server does in the background at start, and `dateline media migrate` first.
    expect(await adoptLegacyMedia(site.store, path.join(site.config.dataDir, 'media'))).toEqual({ adopted: 1, missing: 0 });
    const [rendition] = (await site.store.media.get(id))?.renditions ?? [];
    expect(rendition?.url).toBe(`/media/${contentHash(jpeg)}.jpg`);
    expect(rendition?.bytes).toBe(jpeg.length);
    const moved = await fetch(`${site.url}/media/${id}/640.jpg`, { redirect: 'manual' });
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe(rendition?.url);
    expect((await expectServedPicture(site.url, rendition?.url ?? '')).equals(jpeg)).toBe(true);
    // Running it again finds nothing left to do.
    expect(await adoptLegacyMedia(site.store, path.join(site.config.dataDir, 'media'))).toEqual({ adopted: 0, missing: 0 });

    // The uploaded original, kept on this node's disk before, moves into the store too (`dateline media migrate` does this).
    const original = await photo(900, 600);
    await mkdir(path.join(site.config.dataDir, 'originals'), { recursive: true });
    await writeFile(path.join(site.config.dataDir, 'originals', `${id}.jpg`), original);
    expect(await adoptLegacyOriginals(site.store, path.join(site.config.dataDir, 'originals'))).toBe(1);
    const row = await site.store.db.kysely.selectFrom('media').select('original_key').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.original_key).toBe(`originals/${contentHash(original)}.jpg`);
    expect(await site.store.mediaStore.has(row.original_key ?? '')).toBe(true);
    expect(await adoptLegacyOriginals(site.store, path.join(site.config.dataDir, 'originals'))).toBe(0);
  });
});
