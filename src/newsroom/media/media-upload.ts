import type { Rendition } from '../../domain/media.js';
import { loadSharp, makeRenditions } from '../../media/make-renditions.js';
import { mediaKey } from '../../media/media-store.js';
import type { Store } from '../../store/index.js';
import { queueAvifRenditions } from './avif-renditions.js';
import { checkedFields, type MediaFields } from './media-library.js';

export interface UploadDeps {
  /** Picture bytes go to `store.mediaStore` (files, database or S3); the AVIF job reads the original from there. */
  store: Store;
  clock: () => Date;
}

/** What sharp's decoder names map to, for the stored MIME type and the original's extension. */
const TYPES: Record<string, { mime: string; ext: string }> = {
  jpeg: { mime: 'image/jpeg', ext: 'jpg' },
  png: { mime: 'image/png', ext: 'png' },
  webp: { mime: 'image/webp', ext: 'webp' },
  gif: { mime: 'image/gif', ext: 'gif' },
  heif: { mime: 'image/avif', ext: 'avif' },
};

/**
 * Takes an uploaded picture into the library: the file is decoded for real
 * (a text file named .jpg is refused with BAD_INPUT before anything is kept),
 * WebP and JPEG renditions are made and stored before answering, so the
 * picture can be used at once. The media row is written only once its
 * renditions exist, in the same transaction as the durable job that makes
 * AVIF (as slow as the other two together) on whichever node is free; pages
 * offer AVIF as soon as it exists. The original is kept in the media store
 * under a key no URL serves (it may carry EXIF GPS and camera serials).
 *
 * @returns the new picture's id
 */
export async function acceptUpload(deps: UploadDeps, file: { name: string; data: Buffer }, fields: MediaFields): Promise<number> {
  const meta = checkedFields(fields);
  const { store } = deps;
  const made = await makeRenditions(file.data, { media: store.mediaStore, formats: ['webp', 'jpeg'] });
  const sharp = await loadSharp();
  const { format } = await sharp(file.data).metadata();
  const type = TYPES[format] ?? { mime: 'image/jpeg', ext: 'jpg' };
  const originalKey = mediaKey(file.data, type.ext, { original: true });
  await store.mediaStore.put(originalKey, file.data, type.mime);
  const renditions: Rendition[] = made.renditions;
  const created = await queueAvifRenditions(store, async (trx) =>
    store.media.create(
      { originalName: cleanFileName(file.name), mime: type.mime, bytes: file.data.length, width: made.width, height: made.height, renditions, originalKey, ...meta },
      deps.clock().getTime(),
      trx,
    ),
  );
  return created;
}

/** The name as the uploader's computer had it, without folders or control characters, for the library list. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean || 'picture';
}
