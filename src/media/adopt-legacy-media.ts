import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MIME_BY_FORMAT, type Rendition } from '../domain/media.js';
import { keyOfMediaUrl, mediaKey, mediaUrl } from '../domain/media-store.js';
import type { Executor, Store } from '../store/index.js';
import { EXTENSION } from './make-renditions.js';

export interface AdoptOutcome {
  /** Pictures whose renditions moved to content-addressed URLs. */
  adopted: number;
  /** Rendition files named by a row but not on disk (their old URL keeps answering 404). */
  missing: number;
}

/**
 * Records, in the transaction that changed a picture's URLs, that the pages
 * showing it are stale. The newsroom's change recorder is passed in: media/
 * sits below the edges and does not import them.
 */
export type RecordMediaChange = (executor: Executor, mediaId: number) => Promise<unknown>;

const PAGE = 100;

/**
 * Pictures made before the media store (migration 0013) have renditions at
 * DATA_DIR/media/<id>/<width>.<ext> and URLs to match. This puts each such
 * file into the media store under the hash of its bytes and rewrites the
 * row's URLs, so pages, feeds and APIs emit content-addressed URLs and the
 * old ones redirect. Idempotent: rows already adopted are skipped (they carry
 * `bytes`), and running it on several nodes at once only repeats equal writes.
 */
export async function adoptLegacyMedia(
  store: Store,
  legacyDir: string,
  options: { recordChange?: RecordMediaChange; onPicture?: (mediaId: number) => void } = {},
): Promise<AdoptOutcome> {
  const outcome: AdoptOutcome = { adopted: 0, missing: 0 };
  let after = 0;
  for (;;) {
    // Renditions made since 0013 always carry their byte size: rows without one are the old kind.
    const rows = await store.media.legacyRenditions(after, PAGE);
    for (const row of rows) {
      after = row.id;
      const renditions = row.renditions;
      let changed = false;
      const next: Rendition[] = [];
      for (const rendition of renditions) {
        if (keyOfMediaUrl(rendition.url)) {
          next.push(rendition);
          continue;
        }
        const bytes = await readLegacy(legacyDir, row.id, rendition);
        if (!bytes) {
          outcome.missing++;
          next.push(rendition);
          continue;
        }
        const key = mediaKey(bytes, EXTENSION[rendition.format]);
        await store.mediaStore.put(key, bytes, MIME_BY_FORMAT[rendition.format]);
        next.push({ ...rendition, url: mediaUrl(key), bytes: bytes.length });
        changed = true;
      }
      if (!changed) continue;
      await store.transaction(async (trx) => {
        await store.media.setRenditions(row.id, next, trx);
        await options.recordChange?.(trx, row.id);
      });
      outcome.adopted++;
      options.onPicture?.(row.id);
    }
    if (rows.length < PAGE) return outcome;
  }
}

async function readLegacy(legacyDir: string, id: number, rendition: Rendition): Promise<Buffer | undefined> {
  // Only the exact old shape /media/<this id>/<width>.<ext>: a URL that names anything else is not ours to read.
  const match = /^\/media\/(\d+)\/(\d+\.(?:avif|webp|jpg))$/.exec(rendition.url);
  if (!match || Number(match[1]) !== id) return undefined;
  try {
    return await readFile(path.join(legacyDir, String(id), match[2] as string));
  } catch {
    return undefined;
  }
}

/** What uploads before 0013 kept as DATA_DIR/originals/<id>.<ext>, by extension. */
const ORIGINAL_TYPES: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', avif: 'image/avif' };

/**
 * Uploaded originals from before the media store lie in DATA_DIR/originals,
 * readable only on the node that took the upload. This puts each into the
 * media store (under `originals/<sha256>.<ext>`) and records its key on the
 * row, so renditions can be made again on any node. Run by
 * `dateline media migrate` only: it looks at every picture without an
 * original, which wire and demo pictures never have.
 */
export async function adoptLegacyOriginals(store: Store, originalsDir: string): Promise<number> {
  let adopted = 0;
  let after = 0;
  for (;;) {
    const ids = await store.media.withoutOriginal(after, PAGE);
    for (const id of ids) {
      after = id;
      for (const [ext, mime] of Object.entries(ORIGINAL_TYPES)) {
        const bytes = await readFile(path.join(originalsDir, `${id}.${ext}`)).catch(() => undefined);
        if (!bytes) continue;
        const key = mediaKey(bytes, ext, { original: true });
        await store.mediaStore.put(key, bytes, mime);
        await store.media.setOriginalKey(id, key);
        adopted++;
        break;
      }
    }
    if (ids.length < PAGE) return adopted;
  }
}
