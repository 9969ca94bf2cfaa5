import { cleanFileName } from '../../domain/file-name.js';
import type { Rendition } from '../../domain/media.js';
import { mediaKey } from '../../domain/media-store.js';
import { queueAvifRenditions } from '../../media/avif-renditions.js';
import { makeFocalCrops } from '../../media/focal-crops.js';
import { loadSharp, makeRenditions } from '../../media/make-renditions.js';
import { type EmbeddedPhotoFacts, fieldsFromFacts, readPhotoMetadata } from '../../media/photo-metadata.js';
import type { Store } from '../../store/index.js';
import { checkedFields, MEDIA_FIELD_LIMITS, type MediaFields } from './media-library.js';

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
 * WebP and JPEG renditions and the social crop are made and stored before
 * answering, so the picture can be used at once. The media row is written
 * only once its renditions exist, in the same transaction as the durable
 * job that makes AVIF (as slow as the other two together) on whichever node
 * is free; pages offer AVIF as soon as it exists. The original is kept in
 * the media store under a key no URL serves (it may carry EXIF GPS and
 * camera serials); no rendition keeps any of the file's metadata.
 *
 * The caption, credit line, photographer, agency and alt text the file
 * itself carries (IPTC, XMP) fill the fields the uploader left empty, and
 * are returned so the upload dialog can show where each came from.
 *
 * @returns the new picture's id and what the file said about itself
 */
export async function acceptUpload(
  deps: UploadDeps,
  file: { name: string; data: Buffer },
  fields: MediaFields,
): Promise<{ id: number; embedded: EmbeddedPhotoFacts }> {
  const typed = checkedFields(fields);
  const embedded = readPhotoMetadata(file.data);
  const fromFile = checkedFields(clipped(fieldsFromFacts(embedded)));
  // What the uploader typed wins; an empty field is filled from the file.
  const meta: MediaFields = {};
  for (const key of ['caption', 'credit', 'source', 'alt'] as const) meta[key] = typed[key] || fromFile[key] || '';
  const { store } = deps;
  const made = await makeRenditions(file.data, { media: store.mediaStore, formats: ['webp', 'jpeg'] });
  const crops = await makeFocalCrops(file.data, { x: 0.5, y: 0.5 }, store.mediaStore);
  const sharp = await loadSharp();
  const { format } = await sharp(file.data).metadata();
  const type = TYPES[format] ?? { mime: 'image/jpeg', ext: 'jpg' };
  const originalKey = mediaKey(file.data, type.ext, { original: true });
  await store.mediaStore.put(originalKey, file.data, type.mime);
  const renditions: Rendition[] = made.renditions;
  const id = await queueAvifRenditions(store, async (trx) => {
    const created = await store.media.create(
      {
        originalName: cleanFileName(file.name),
        mime: type.mime,
        bytes: file.data.length,
        width: made.width,
        height: made.height,
        renditions,
        originalKey,
        ...meta,
        // The file's own rights line (IPTC 2:116, XMP dc:rights) is kept with it, as a wire picture's is.
        copyright: embedded.copyright.slice(0, 500),
      },
      deps.clock().getTime(),
      trx,
    );
    await store.media.setCrops(created, crops, trx);
    return created;
  });
  return { id, embedded };
}

/** File metadata longer than a field allows is cut to fit (the editor sees and can fix it), not refused. */
function clipped(fields: Required<MediaFields>): MediaFields {
  const out: MediaFields = {};
  for (const key of Object.keys(MEDIA_FIELD_LIMITS) as Array<keyof typeof MEDIA_FIELD_LIMITS>) out[key] = fields[key].slice(0, MEDIA_FIELD_LIMITS[key]);
  return out;
}
