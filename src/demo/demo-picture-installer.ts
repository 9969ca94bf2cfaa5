import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { mediaKey, mediaUrl } from '../domain/media-store.js';
import { EXTENSION } from '../media/make-renditions.js';
import type { Store } from '../store/index.js';
import { DEMO_PICTURE_DIR } from './demo-content.js';
import { DemoPictureCache } from './demo-picture-cache.js';
import { DEMO_RENDITIONS_JOB, type DemoRenditionsPayload } from './demo-renditions-job.js';
import { jpegSize } from './jpeg-size.js';

/** How long after seeding the background renditions start, unless the caller says. */
const RENDITIONS_DELAY_MS = 20_000;

export interface PictureMeta {
  caption?: string;
  credit?: string;
  source?: string;
  alt?: string;
}

/**
 * Returns the function the seeder calls for each picture a story or author
 * names: it reads the committed file content/pictures/<key>.jpg, keeps it as
 * the picture's original, and creates one media row per key and caption
 * (stories that share a picture with the same caption share the row).
 *
 * - `now`: every rendition is encoded (once per file, cached in `cacheDir`) before the row is written.
 * - `background`: the file itself is the only rendition at first; a `demo.renditions` job, queued
 *   in the same transaction as the row, makes the others.
 */
export function demoPictureInstaller(store: Store, mode: 'now' | 'background', cacheDir: string, delayMs = RENDITIONS_DELAY_MS) {
  const cache = new DemoPictureCache(cacheDir);
  const ids = new Map<string, number>();
  const files = new Map<string, Promise<Buffer>>();

  const read = (key: string): Promise<Buffer> => {
    let pending = files.get(key);
    if (!pending) {
      pending = readFile(path.join(DEMO_PICTURE_DIR, `${key}.jpg`)).catch((error: NodeJS.ErrnoException) => {
        throw new Error(
          error.code === 'ENOENT'
            ? `Demo content names picture "${key}", but there is no src/demo/content/pictures/${key}.jpg (npm run demo:pictures draws the pictures in demo-pictures.ts).`
            : `Could not read the demo picture ${key}.jpg: ${error.message}`,
        );
      });
      files.set(key, pending);
    }
    return pending;
  };

  return async (key: string, meta: PictureMeta): Promise<number> => {
    const rowKey = `${key}|${meta.caption ?? ''}`;
    const known = ids.get(rowKey);
    if (known) return known;
    const bytes = await read(key);
    const size = jpegSize(bytes);
    if (!size) throw new Error(`src/demo/content/pictures/${key}.jpg is not a JPEG.`);
    const originalKey = mediaKey(bytes, 'jpg', { original: true });
    await store.mediaStore.put(originalKey, bytes, 'image/jpeg');
    const row = { originalName: `${key}.jpg`, mime: 'image/jpeg', bytes: bytes.length, width: size.width, height: size.height, originalKey, ...meta };
    let id: number;
    if (mode === 'now') {
      const made = await cache.install(key, bytes, store.mediaStore);
      id = await store.media.create({ ...row, width: made.width, height: made.height, renditions: made.renditions });
    } else {
      // The committed file is served as it is until the job has made the other sizes and formats.
      const first = mediaKey(bytes, EXTENSION.jpeg);
      await store.mediaStore.put(first, bytes, 'image/jpeg');
      const renditions = [{ format: 'jpeg' as const, width: size.width, height: size.height, url: mediaUrl(first), bytes: bytes.length }];
      id = await store.transaction(async (trx) => {
        const created = await store.media.create({ ...row, renditions }, Date.now(), trx);
        await store.jobs.enqueue(trx, {
          kind: DEMO_RENDITIONS_JOB,
          payload: { originalKey } satisfies DemoRenditionsPayload,
          key: originalKey,
          // Encoding saturates the cores: let the first pages of a first start be served before it begins.
          runAt: new Date(Date.now() + delayMs),
        });
        return created;
      });
    }
    ids.set(rowKey, id);
    return id;
  };
}
