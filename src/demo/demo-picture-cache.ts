import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Rendition } from '../domain/media.js';
import type { MediaStore } from '../domain/media-store.js';
import { EXTENSION, encodeRenditions, storeRenditions } from '../media/make-renditions.js';

interface Manifest {
  width: number;
  height: number;
  renditions: Array<Omit<Rendition, 'url'> & { file: string }>;
}

/** Bump when the rendition settings change, so old caches are not reused. */
const CACHE_VERSION = 2;

/**
 * Encoding a picture's AVIF, WebP and JPEG renditions takes a second or two;
 * test suites seed the demo many times, so each committed picture's
 * renditions are made once into `cacheDir` (keyed by the file's bytes) and
 * copied from there.
 */
export class DemoPictureCache {
  private readonly made = new Map<string, Promise<{ dir: string; manifest: Manifest }>>();

  constructor(private readonly cacheDir: string) {}

  /** Puts the picture's renditions into the media store and describes them with their public URLs. */
  async install(key: string, original: Buffer, media: MediaStore) {
    const { dir, manifest } = await this.ensure(key, original);
    const encoded = await Promise.all(manifest.renditions.map(async ({ file, ...r }) => ({ ...r, data: await readFile(path.join(dir, file)) })));
    return { width: manifest.width, height: manifest.height, renditions: await storeRenditions(media, encoded) };
  }

  private ensure(key: string, original: Buffer) {
    const hash = createHash('sha1').update(String(CACHE_VERSION)).update(original).digest('hex').slice(0, 12);
    const id = `${key}-${hash}`;
    let pending = this.made.get(id);
    if (!pending) {
      pending = this.load(path.join(this.cacheDir, id), original);
      this.made.set(id, pending);
    }
    return pending;
  }

  private async load(dir: string, original: Buffer) {
    try {
      const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
      return { dir, manifest };
    } catch {
      // Not made yet (or half made by a crashed run): make it below.
    }
    // Another process may be making the same picture: work in a private folder, then rename.
    const work = `${dir}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    const made = await encodeRenditions(original);
    await mkdir(work, { recursive: true });
    const manifest: Manifest = { width: made.width, height: made.height, renditions: [] };
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
