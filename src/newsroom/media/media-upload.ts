import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Rendition } from '../../domain/media.js';
import { loadSharp, makeRenditions } from '../../media/make-renditions.js';
import type { Store } from '../../store/index.js';
import { announceChange } from '../settings/announce-change.js';
import type { BackgroundQueue } from './background-queue.js';
import { checkedFields, type MediaFields } from './media-library.js';

export interface UploadDeps {
  store: Store;
  /** Public renditions, served at /media/<id>/… */
  mediaDir: string;
  /** Uploaded files as they came, never served (they may carry EXIF GPS and camera serials). */
  originalsDir: string;
  clock: () => Date;
  background: BackgroundQueue;
}

/** What sharp's decoder names map to, for the stored MIME type and the original's file name. */
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
 * WebP and JPEG renditions are made before answering, so the picture can be
 * used at once, and AVIF (as slow as the other two together) follows in the
 * background; pages offer it as soon as it exists.
 *
 * @returns the new picture's id
 */
export async function acceptUpload(deps: UploadDeps, file: { name: string; data: Buffer }, fields: MediaFields): Promise<number> {
  const meta = checkedFields(fields);
  const { store } = deps;
  const id = await store.media.create(
    { originalName: cleanFileName(file.name), mime: 'application/octet-stream', bytes: file.data.length, width: 0, height: 0, ...meta },
    deps.clock().getTime(),
  );
  const dir = path.join(deps.mediaDir, String(id));
  try {
    const made = await makeRenditions(file.data, { dir, urlPrefix: `/media/${id}`, formats: ['webp', 'jpeg'] });
    const sharp = await loadSharp();
    const { format } = await sharp(file.data).metadata();
    const type = TYPES[format] ?? { mime: `image/${format}`, ext: format };
    await mkdir(deps.originalsDir, { recursive: true });
    const original = path.join(deps.originalsDir, `${id}.${type.ext}`);
    await writeFile(original, file.data);
    await store.db.kysely
      .updateTable('media')
      .set({ mime: type.mime, width: made.width, height: made.height, renditions: JSON.stringify(made.renditions) })
      .where('id', '=', id)
      .execute();
    deps.background.add(() => addAvif(deps, id, original));
    return id;
  } catch (error) {
    // Nothing of a refused upload stays: no row, no files.
    await store.db.kysely.deleteFrom('media').where('id', '=', id).execute();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function addAvif(deps: UploadDeps, id: number, original: string): Promise<void> {
  const made = await makeRenditions(await readFile(original), {
    dir: path.join(deps.mediaDir, String(id)),
    urlPrefix: `/media/${id}`,
    formats: ['avif'],
  });
  const row = await deps.store.db.kysely.selectFrom('media').select('renditions').where('id', '=', id).executeTakeFirst();
  if (!row) return;
  const kept = (JSON.parse(row.renditions) as Rendition[]).filter((r) => r.format !== 'avif');
  await deps.store.media.setRenditions(id, [...made.renditions, ...kept]);
  await announceChange(deps.store, { kind: 'catalog' });
}

/** The name as the uploader's computer had it, without folders or control characters, for the library list. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean || 'picture';
}
