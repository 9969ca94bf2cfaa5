import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatelineError } from '../domain/errors.js';
import { makeRenditions } from './make-renditions.js';

function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 30, g: 110, b: 160 } } })
    .png()
    .toBuffer();
}

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dateline-renditions-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('makeRenditions', () => {
  it('makes every width in every format with the real heights', { timeout: 60_000 }, async () => {
    const out = path.join(dir, 'media', '12');
    const result = await makeRenditions(await png(1600, 900), { dir: out, urlPrefix: '/media/12' });

    expect(result.width).toBe(1600);
    expect(result.height).toBe(900);
    expect(result.renditions).toHaveLength(12);

    const expected = { 320: 180, 640: 360, 960: 540, 1280: 720 } as const;
    const ext = { avif: 'avif', webp: 'webp', jpeg: 'jpg' } as const;
    for (const [w, h] of Object.entries(expected)) {
      for (const format of ['avif', 'webp', 'jpeg'] as const) {
        const url = `/media/12/${w}.${ext[format]}`;
        expect(result.renditions).toContainEqual({ format, width: Number(w), height: h, url });

        const file = path.join(out, `${w}.${ext[format]}`);
        expect((await stat(file)).size).toBeGreaterThan(0);
        const meta = await sharp(file).metadata();
        expect(meta.format).toBe(format === 'avif' ? 'heif' : format);
        expect(meta.width).toBe(Number(w));
        expect(meta.height).toBe(h);
      }
    }
    // No temporary files are left behind.
    expect((await readdir(out)).sort()).toHaveLength(12);
  });

  it('makes a single rendition at the original width for a small picture', async () => {
    const result = await makeRenditions(await png(200, 100), { dir, urlPrefix: '/media/3/' });

    expect(result).toMatchObject({ width: 200, height: 100 });
    expect(result.renditions).toEqual([
      { format: 'avif', width: 200, height: 100, url: '/media/3/200.avif' },
      { format: 'webp', width: 200, height: 100, url: '/media/3/200.webp' },
      { format: 'jpeg', width: 200, height: 100, url: '/media/3/200.jpg' },
    ]);
    expect((await readdir(dir)).sort()).toEqual(['200.avif', '200.jpg', '200.webp']);
  });

  it('honours custom widths and formats and never upscales', async () => {
    const result = await makeRenditions(await png(700, 350), {
      dir,
      urlPrefix: '/m',
      widths: [100, 640, 2000],
      formats: ['jpeg'],
    });
    expect(result.renditions).toEqual([
      { format: 'jpeg', width: 100, height: 50, url: '/m/100.jpg' },
      { format: 'jpeg', width: 640, height: 320, url: '/m/640.jpg' },
    ]);
  });

  it('applies EXIF orientation and strips metadata', async () => {
    // 300x200 stored pixels, orientation 6 = displayed rotated 90°: 200x300.
    const input = await sharp(await png(300, 200))
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const result = await makeRenditions(input, { dir, urlPrefix: '/m', formats: ['jpeg'] });
    expect(result).toMatchObject({ width: 200, height: 300 });
    expect(result.renditions).toEqual([{ format: 'jpeg', width: 200, height: 300, url: '/m/200.jpg' }]);
    const meta = await sharp(path.join(dir, '200.jpg')).metadata();
    expect(meta.orientation).toBeUndefined();
    expect(meta.exif).toBeUndefined();
  });

  it('rejects a file that is not an image with BAD_INPUT', async () => {
    const text = Buffer.from('Council votes 5-2 to reopen the ferry landing.\n'.repeat(20));
    const error = await makeRenditions(text, { dir, urlPrefix: '/m' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatelineError);
    expect((error as DatelineError).code).toBe('BAD_INPUT');
    expect((error as DatelineError).hint).toMatch(/JPEG, PNG, WebP, AVIF or GIF/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('rejects a truncated image with BAD_INPUT', async () => {
    const whole = await sharp(await png(800, 600)).jpeg().toBuffer();
    const error = await makeRenditions(whole.subarray(0, 400), { dir, urlPrefix: '/m' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatelineError);
    expect((error as DatelineError).code).toBe('BAD_INPUT');
  });
});
