import path from 'node:path';
import { DatelineError } from '../domain/errors.js';
import type { WirePicture } from '../domain/wire-item.js';
import { JOB_KINDS } from '../jobs/index.js';
import { makeRenditions } from '../media/make-renditions.js';
import type { Store, WirePictureFetchRow } from '../store/index.js';
import { fetchPicture, PictureFetchError } from './fetch-picture.js';
import { pictureWords } from './picture-words.js';

export interface PictureDeskOptions {
  now?: () => Date;
  /** Where failures are told; the queue keeps them either way. */
  log?: (line: string) => void;
  /** Reads a rendition; tests and other sources may pass their own. */
  fetch?: (href: string, baseDir: string | null) => Promise<Buffer>;
  /** Tries before a picture is given up on (default 8, about a day of backoff). */
  maxAttempts?: number;
  /** Set by the `wire.picture` job itself: a failed try then does not move the (running) job to the next time. */
  inJob?: boolean;
}

export interface PictureRunResult {
  fetched: number;
  failed: number;
  gaveUp: number;
}

const FIRST_RETRY_MS = 60_000;
/** How long a node holds a fetch it took; long enough for a slow download and its renditions. */
const CLAIM_MS = 5 * 60_000;
const LAST_RETRY_MS = 6 * 3600_000;

/** Delay before try number `attempts + 1`: a minute, doubling, at most six hours. */
export function pictureBackoff(attempts: number): number {
  return Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

/**
 * Fetches queued pictures and makes them a story's lead picture (or, for a
 * stand-alone picture item, a picture in the media library). A failure is
 * logged and left in the queue for a later try; it never touches the story.
 */
export async function runPictureFetches(store: Store, rows: readonly WirePictureFetchRow[], options: PictureDeskOptions): Promise<PictureRunResult> {
  const result: PictureRunResult = { fetched: 0, failed: 0, gaveUp: 0 };
  const now = options.now ?? (() => new Date());
  const maxAttempts = options.maxAttempts ?? 8;
  for (const row of rows) {
    if (!(await store.wire.claimPicture(row, now(), CLAIM_MS))) continue;
    const picture = JSON.parse(row.picture_json) as WirePicture;
    try {
      const mediaId = await storePicture(store, picture, row, options);
      if (row.article_id !== null) await store.articleWriter.update(row.article_id, { leadMediaId: mediaId }, now());
      else await store.wire.setItemMedia(row.wire_item_id, mediaId);
      await store.wire.pictureTried(row.id, { done: true, error: null, mediaId }, now());
      result.fetched++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const attempts = row.attempts + 1;
      const giveUp = (error instanceof PictureFetchError && error.permanent) || attempts >= maxAttempts;
      const next = new Date(now().getTime() + pictureBackoff(attempts));
      await store.wire.pictureTried(row.id, { done: giveUp, error: message, nextAttemptAt: next }, now());
      if (!giveUp && !options.inJob) {
        // The fetch's job waits for the next try's time (src/wire/picture-jobs.ts).
        await store.jobs.add({ kind: JOB_KINDS.wirePicture, payload: { fetchId: row.id }, runAt: next, key: String(row.id), replace: true }, now());
      }
      options.log?.(
        `picture ${row.url || '(no rendition)'} for ${row.article_id !== null ? `story ${row.article_id}` : 'the media library'}: ${message}; ` +
          (giveUp ? 'given up' : `next try ${next.toISOString()}`),
      );
      if (giveUp) result.gaveUp++;
      else result.failed++;
    }
  }
  return result;
}

/** Runs every queued fetch that is due, now: `dateline wire retry-pictures`. The server's `wire.picture` jobs do it on time. */
export async function retryDuePictures(store: Store, options: PictureDeskOptions, limit = 50): Promise<PictureRunResult> {
  const now = options.now ?? (() => new Date());
  return runPictureFetches(store, await store.wire.duePictures(now(), limit), options);
}

async function storePicture(store: Store, picture: WirePicture, row: WirePictureFetchRow, options: PictureDeskOptions): Promise<number> {
  if (picture.renditions.length === 0) throw new PictureFetchError('the picture has no renditions to fetch', true);
  const read = options.fetch ?? fetchPicture;
  // The queued rendition first (the largest), then the others.
  const order = [...picture.renditions].sort((a, b) => (a.href === row.url ? -1 : b.href === row.url ? 1 : 0));
  let bytes: Buffer | undefined;
  const errors: unknown[] = [];
  for (const rendition of order) {
    try {
      bytes = await read(rendition.href, row.base_dir);
      break;
    } catch (error) {
      errors.push(error);
    }
  }
  if (!bytes) {
    // Give up only when no rendition could ever be read; one that may come back is worth another try.
    const permanent = errors.every((e) => e instanceof PictureFetchError && e.permanent);
    throw new PictureFetchError(errors.map((e) => (e instanceof Error ? e.message : String(e))).join('; '), permanent);
  }
  const first = order[0];
  let made: Awaited<ReturnType<typeof makeRenditions>>;
  try {
    // Renditions go to the media store (files, database or S3) under the hash of their bytes; the row comes
    // after, so a crash here leaves no picture without renditions (only unreferenced objects).
    made = await makeRenditions(bytes, { media: store.mediaStore });
  } catch (error) {
    if (!(error instanceof DatelineError) || error.code !== 'BAD_INPUT') throw error;
    // An image sharp cannot read will not read better tomorrow.
    throw new PictureFetchError(`the picture could not be processed: ${(error as Error).message}`, true);
  }
  return store.media.create({
    originalName: path.basename(first?.href.split('?')[0] ?? 'picture') || 'picture',
    mime: first?.contentType ?? 'image/jpeg',
    bytes: bytes.length,
    width: made.width,
    height: made.height,
    ...pictureWords(picture),
    renditions: made.renditions,
  });
}
