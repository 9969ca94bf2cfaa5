import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Rendition } from '../domain/media.js';
import { EXTENSION, encodeRenditions, storeRenditions } from '../media/make-renditions.js';
import type { MediaStore } from '../media/media-store.js';
import type { DemoPicture } from './demo-story.js';
import { drawPicture } from './draw-picture.js';

interface Manifest {
  width: number;
  height: number;
  bytes: number;
  renditions: Array<Omit<Rendition, 'url'> & { file: string }>;
}

/** Bump when draw-picture.ts or the rendition settings change, so old caches are not reused. */
const DRAWING_VERSION = 1;

/**
 * Drawing a picture and encoding its AVIF, WebP and JPEG renditions takes
 * most of a second; the demo reuses pictures across stories and test suites
 * seed the demo many times, so each picture is made once into `cacheDir` and
 * copied from there.
 */
export class DemoPictureCache {
  private readonly made = new Map<string, Promise<{ dir: string; manifest: Manifest }>>();

  constructor(private readonly cacheDir: string) {}

  /** Puts the picture's renditions into the media store and describes them with their public URLs. */
  async install(picture: DemoPicture, media: MediaStore) {
    const { dir, manifest } = await this.ensure(picture);
    const encoded = await Promise.all(manifest.renditions.map(async ({ file, ...r }) => ({ ...r, data: await readFile(path.join(dir, file)) })));
    return {
      width: manifest.width,
      height: manifest.height,
      bytes: manifest.bytes,
      renditions: await storeRenditions(media, encoded),
    };
  }

  private ensure(picture: DemoPicture) {
    let pending = this.made.get(picture.key);
    if (!pending) {
      pending = this.load(picture);
      this.made.set(picture.key, pending);
    }
    return pending;
  }

  private async load(picture: DemoPicture) {
    const hash = createHash('sha1').update(JSON.stringify([DRAWING_VERSION, picture])).digest('hex').slice(0, 12);
    const dir = path.join(this.cacheDir, `${picture.key}-${hash}`);
    try {
      const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
      return { dir, manifest };
    } catch {
      // Not made yet (or half made by a crashed run): make it below.
    }
    const jpeg = await drawPicture(picture);
    // Another process may be making the same picture: work in a private folder, then rename.
    const work = `${dir}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    const made = await encodeRenditions(jpeg);
    await mkdir(work, { recursive: true });
    const manifest: Manifest = { width: made.width, height: made.height, bytes: jpeg.length, renditions: [] };
    for (const { data, ...r } of made.renditions) {
      const file = `${r.width}.${EXTENSION[r.format]}`;
      await writeFile(path.join(work, file), data);
      manifest.renditions.push({ ...r, file });
    }
    await writeFile(path.join(work, 'manifest.json'), JSON.stringify(manifest));
    try {
      await rename(work, dir);
    } catch {
      await rm(work, { recursive: true, force: true });
    }
    return { dir, manifest };
  }
}
