import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { cleanFileName } from '../domain/file-name.js';
import { mediaKey } from '../domain/media-store.js';
import { queueAvifRenditions } from '../media/avif-renditions.js';
import { loadSharp, makeRenditions } from '../media/make-renditions.js';
import { guardedFetch, OutboundError, type OutboundOptions } from '../net/index.js';
import type { Store } from '../store/index.js';

/** What sharp's decoder names map to; anything else is not a picture Dateline keeps. */
const TYPES: Record<string, { mime: string; ext: string }> = {
  jpeg: { mime: 'image/jpeg', ext: 'jpg' },
  png: { mime: 'image/png', ext: 'png' },
  webp: { mime: 'image/webp', ext: 'webp' },
  gif: { mime: 'image/gif', ext: 'gif' },
  heif: { mime: 'image/avif', ext: 'avif' },
};

/** Why a picture of an import could not be had; the summary shows the message. */
export class PictureUnavailable extends Error {}

export interface PictureSource {
  /** A copy of the old site's uploads folder (wp-content/uploads), read before the network. */
  uploadsDir?: string;
  /** What the guarded client may reach (`--allow-private-network` allows every address). */
  outbound: OutboundOptions;
}

/**
 * The bytes of a picture named by URL: from `uploadsDir` when the URL's
 * path (after `/wp-content/uploads/`, or `/content/images/` for Ghost) is
 * a file there, else fetched through the guarded outbound client.
 */
export async function pictureBytes(url: string, source: PictureSource): Promise<Buffer> {
  if (source.uploadsDir) {
    const local = await fromUploads(url, source.uploadsDir);
    if (local) return local;
  }
  if (!/^https?:\/\//i.test(url)) throw new PictureUnavailable(`${url} is not an http(s) URL and is not in the uploads folder`);
  try {
    const response = await guardedFetch(url, { headers: { accept: 'image/*', 'user-agent': 'Dateline import' } }, { maxBytes: 40 * 1024 * 1024, ...source.outbound });
    if (response.status !== 200) throw new PictureUnavailable(`${url} answered ${response.status}`);
    return response.body;
  } catch (error) {
    if (error instanceof OutboundError) {
      const hint = error.reason === 'BLOCKED_ADDRESS' ? ' (run with --allow-private-network if that is intended)' : '';
      throw new PictureUnavailable(`${url} could not be fetched: ${error.message}${hint}`);
    }
    throw error;
  }
}

async function fromUploads(url: string, uploadsDir: string): Promise<Buffer | undefined> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://x').pathname);
  } catch {
    return undefined;
  }
  // wordpress.com serves uploads from the root of files.wordpress.com (`/2013/03/x.jpg`).
  const relative = /\/(?:wp-content\/uploads|content\/images|files)\/(.+)$/.exec(pathname)?.[1] ?? pathname.replace(/^\/+/, '');
  if (!relative) return undefined;
  const root = await realpath(uploadsDir);
  const target = path.resolve(root, relative);
  // The export names the path: it must not lead out of the uploads folder.
  if (!target.startsWith(`${root}${path.sep}`)) return undefined;
  try {
    const real = await realpath(target);
    if (!real.startsWith(`${root}${path.sep}`)) return undefined;
    return await readFile(real);
  } catch {
    return undefined;
  }
}

export interface PictureFields {
  name: string;
  caption: string;
  alt: string;
  credit: string;
  source?: string;
}

/**
 * Puts a picture into the media library as an upload would (renditions
 * made, original kept, AVIF queued), with `record` run in the transaction
 * that writes the row (the import's source key). The same bytes already
 * in the library from an earlier, interrupted run are used again.
 * @returns the picture's id
 */
export async function importPicture(
  store: Store,
  bytes: Buffer,
  fields: PictureFields,
  now: Date,
  record: (trx: Parameters<Parameters<typeof queueAvifRenditions>[1]>[0], id: number) => Promise<void>,
): Promise<number> {
  const sharp = await loadSharp();
  let format: string | undefined;
  try {
    format = (await sharp(bytes).metadata()).format;
  } catch {
    format = undefined;
  }
  const type = format ? TYPES[format] : undefined;
  if (!type) throw new PictureUnavailable(`${fields.name} is not a picture Dateline can show (JPEG, PNG, WebP, AVIF or GIF)`);
  const originalKey = mediaKey(bytes, type.ext, { original: true });
  const existing = await store.media.renderedWithOriginal(originalKey);
  if (existing !== undefined) {
    await store.transaction((trx) => record(trx, existing));
    return existing;
  }
  const made = await makeRenditions(bytes, { media: store.mediaStore, formats: ['webp', 'jpeg'] });
  await store.mediaStore.put(originalKey, bytes, type.mime);
  return queueAvifRenditions(store, async (trx) => {
    const id = await store.media.create(
      {
        originalName: cleanFileName(fields.name),
        mime: type.mime,
        bytes: bytes.length,
        width: made.width,
        height: made.height,
        renditions: made.renditions,
        originalKey,
        caption: fields.caption.slice(0, 2000),
        credit: fields.credit.slice(0, 200),
        source: (fields.source ?? '').slice(0, 300),
        alt: fields.alt.slice(0, 500),
      },
      now.getTime(),
      trx,
    );
    await record(trx, id);
    return id;
  });
}
