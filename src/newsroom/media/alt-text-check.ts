import { DatelineError } from '../../domain/errors.js';
import { type Rendition, renditionNear } from '../../domain/media.js';
import { mediaReferencesIn } from '../../domain/media-references.js';
import type { Executor, Store } from '../../store/index.js';

/** A photo of a story that has no alt text yet, as the publish dialog lists it. */
export interface PhotoWithoutAlt {
  mediaId: number;
  /** Where the story shows it. */
  place: 'lead' | 'body';
  /** The caption, or the file name when there is none: how the editor recognises it. */
  name: string;
  caption: string;
  thumbnailUrl: string;
}

/** The 422 a publish without alt text answers; `details.photos` lists them for the dialog. */
export const MISSING_ALT_STATUS = 422;

/**
 * Refuses to publish or schedule a story whose photos (the lead photo and
 * every figure in the body) lack alt text: readers who cannot see a picture
 * would get nothing, and once published the words are on every page that
 * shows it. The error names each photo and carries them in `details.photos`
 * so the newsroom app can ask for the text and publish again.
 */
export async function checkAltText(store: Store, trx: Executor, story: { lead_media_id: number | null; body_html: string }): Promise<void> {
  const missing = await photosWithoutAlt(store, trx, story);
  if (missing.length === 0) return;
  const names = missing.map((p) => `${p.place === 'lead' ? 'the lead photo' : 'the photo'} “${clip(p.name)}”`);
  const listed = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  throw Object.assign(
    new DatelineError('BAD_INPUT', `This story cannot be published yet: ${listed} ${missing.length === 1 ? 'has' : 'have'} no alt text.`, {
      hint: 'Describe each photo for readers who cannot see it (what it shows, in a sentence), then publish again.',
    }),
    { statusCode: MISSING_ALT_STATUS, details: { photos: missing } },
  );
}

export async function photosWithoutAlt(store: Store, trx: Executor, story: { lead_media_id: number | null; body_html: string }): Promise<PhotoWithoutAlt[]> {
  const bodyIds = mediaReferencesIn(story.body_html).ids;
  const ids = [...new Set([...(story.lead_media_id !== null ? [story.lead_media_id] : []), ...bodyIds])];
  if (ids.length === 0) return [];
  const rows = await store.media.rows(ids, trx);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: PhotoWithoutAlt[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (row?.alt.trim() !== '') continue;
    const thumbnail = renditionNear({ renditions: JSON.parse(row.renditions) as Rendition[] } as Parameters<typeof renditionNear>[0], 320, 'jpeg');
    out.push({ mediaId: id, place: id === story.lead_media_id ? 'lead' : 'body', name: row.caption || row.original_name, caption: row.caption, thumbnailUrl: thumbnail?.url ?? '' });
  }
  return out;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
