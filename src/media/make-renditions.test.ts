import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatelineError } from '../domain/errors.js';
import { contentHash, keyOfMediaUrl, readBody, sha256Hex } from '../domain/media-store.js';
import { FilesMediaStore } from './files-media-store.js';
import { makeRenditions } from './make-renditions.js';

function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 30, g: 110, b: 160 } } })
    .png()
    .toBuffer();
}

let dir: string;
let media: FilesMediaStore;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dateline-renditions-'));
  media = new FilesMediaStore(dir);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function stored(url: string): Promise<Buffer> {
  const key = keyOfMediaUrl(url);
  if (!key) throw new Error(`${url} is not a content-addressed media URL`);
  const object = await media.get(key);
  if (!object) throw new Error(`${key} is not in the store`);
  return readBody(object);
}

async function allKeys(): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of media.keys()) keys.push(key);
  return keys;
}

describe('makeRenditions', () => {
  it('makes every width in every format with the real heights, stored under the hash of the bytes', { timeout: 60_000 }, async () => {
    const result = await makeRenditions(await png(1600, 900), { media });

    expect(result.width).toBe(1600);
    expect(result.height).toBe(900);
    expect(result.renditions).toHaveLength(12);

    const expected = { 320: 180, 640: 360, 960: 540, 1280: 720 } as const;
    const ext = { avif: 'avif', webp: 'webp', jpeg: 'jpg' } as const;
    for (const [w, h] of Object.entries(expected)) {
      for (const format of ['avif', 'webp', 'jpeg'] as const) {
        const rendition = result.renditions.find((r) => r.format === format && r.width === Number(w));
        expect(rendition).toMatchObject({ height: h, url: expect.stringMatching(new RegExp(`^/media/[0-9a-f]{32}\\.${ext[format]}$`)) });
        const bytes = await stored(rendition?.url ?? '');
        expect(rendition?.bytes).toBe(bytes.length);
        // The name is the start of what `sha256sum` prints for the file.
        expect(rendition?.url).toContain(contentHash(bytes));
        expect(sha256Hex(bytes).startsWith(contentHash(bytes))).toBe(true);
        const meta = await sharp(bytes).metadata();
        expect(meta.format).toBe(format === 'avif' ? 'heif' : format);
        expect(meta.width).toBe(Number(w));
        expect(meta.height).toBe(h);
      }
    }
    expect(await allKeys()).toHaveLength(12);
  });

  it('makes a single rendition at the original width for a small picture', async () => {
    const result = await makeRenditions(await png(200, 100), { media });
    expect(result).toMatchObject({ width: 200, height: 100 });
    expect(result.renditions.map((r) => [r.format, r.width, r.height])).toEqual([
      ['avif', 200, 100],
      ['webp', 200, 100],
      ['jpeg', 200, 100],
    ]);
  });

  it('gives the same picture the same URLs (a second upload stores nothing new)', async () => {
    const input = await png(700, 350);
    const first = await makeRenditions(input, { media, formats: ['jpeg'] });
    const second = await makeRenditions(input, { media, formats: ['jpeg'] });
    expect(second.renditions).toEqual(first.renditions);
    expect(await allKeys()).toHaveLength(first.renditions.length);
  });

  it('honours custom widths and formats and never upscales', async () => {
    const result = await makeRenditions(await png(700, 350), { media, widths: [100, 640, 2000], formats: ['jpeg'] });
    expect(result.renditions.map((r) => [r.format, r.width, r.height])).toEqual([
      ['jpeg', 100, 50],
      ['jpeg', 640, 320],
    ]);
  });

  it('applies EXIF orientation and strips metadata', async () => {
    // 300x200 stored pixels, orientation 6 = displayed rotated 90°: 200x300.
    const input = await sharp(await png(300, 200))
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const result = await makeRenditions(input, { media, formats: ['jpeg'] });
    expect(result).toMatchObject({ width: 200, height: 300 });
    const meta = await sharp(await stored(result.renditions[0]?.url ?? '')).metadata();
    expect(meta.orientation).toBeUndefined();
    expect(meta.exif).toBeUndefined();
  });

  it('rejects a file that is not an image with BAD_INPUT and stores nothing', async () => {
    const text = Buffer.from('Council votes 5-2 to reopen the ferry landing.\n'.repeat(20));
    const error = await makeRenditions(text, { media }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatelineError);
    expect((error as DatelineError).code).toBe('BAD_INPUT');
    expect((error as DatelineError).hint).toMatch(/JPEG, PNG, WebP, AVIF or GIF/);
    expect(await allKeys()).toEqual([]);
  });

  it('rejects a truncated image with BAD_INPUT', async () => {
    const whole = await sharp(await png(800, 600)).jpeg().toBuffer();
    const error = await makeRenditions(whole.subarray(0, 400), { media }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatelineError);
    expect((error as DatelineError).code).toBe('BAD_INPUT');
  });
});
