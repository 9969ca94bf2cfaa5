import { type Selectable, sql } from 'kysely';
import { DatelineError } from '../../domain/errors.js';
import { type Rendition, renditionNear } from '../../domain/media.js';
import type { Store } from '../../store/index.js';
import type { MediaTable } from '../../store/schema.js';
import type { AdminMedia, SessionUser } from '../admin-api-contract.js';
import { canSee, editableStatuses, type StoryFacts } from '../articles/story-access.js';
import { recordCatalogChange } from '../settings/announce-change.js';

export type MediaFields = Partial<Pick<AdminMedia, 'caption' | 'credit' | 'source' | 'alt'>>;

/** Longest value each text field takes; the same limits apply to uploads and edits. */
export const MEDIA_FIELD_LIMITS = { caption: 2000, credit: 200, source: 300, alt: 500 } as const;

export interface MediaPage {
  items: AdminMedia[];
  nextCursor: string | null;
}

const SEARCHED = ['caption', 'credit', 'source', 'alt', 'original_name'] as const;

/** The media library as the newsroom browses and edits it: newest first, searchable. */
export class MediaLibrary {
  constructor(private readonly store: Store) {}

  /** Newest first; every word of `q` must appear in the caption, credit, source, alt text or file name. */
  async list(options: { q?: string; cursor?: string; limit: number }): Promise<MediaPage> {
    let query = this.store.db.kysely
      .selectFrom('media')
      .selectAll()
      // A picture whose renditions are still being made is not ready to pick.
      .where('renditions', '<>', '[]')
      .orderBy('id', 'desc')
      .limit(options.limit + 1);
    if (options.cursor !== undefined) query = query.where('id', '<', parseCursor(options.cursor));
    for (const word of (options.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8)) {
      const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) => eb.or(SEARCHED.map((column) => sql<boolean>`lower(${eb.ref(column)}) like ${pattern} escape '\\'`)));
    }
    const rows = await query.execute();
    const items = rows.slice(0, options.limit).map(toAdminMedia);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > options.limit && last ? String(last.id) : null };
  }

  async get(id: number): Promise<AdminMedia> {
    const row = await this.store.db.kysely.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new DatelineError('NOT_FOUND', `There is no picture with id ${id} in the media library.`);
    return toAdminMedia(row);
  }

  /**
   * Changes caption, credit, source or alt text. Those words appear on every
   * story that uses the picture, so the change follows those stories' rules:
   * refused (403) when it would change a story the user may not edit (a
   * writer and a published story, or someone else's). Each changed field is
   * recorded (who, when, before, after) and the pages showing the picture
   * are purged, all in one transaction.
   */
  async update(user: SessionUser, id: number, fields: MediaFields, now: Date): Promise<AdminMedia> {
    const before = await this.get(id);
    const set = checkedFields(fields);
    const changed = (Object.keys(set) as Array<keyof MediaFields>).filter((key) => set[key] !== before[key]);
    if (changed.length === 0) return before;
    const locked = (await this.storiesUsing(id)).filter((story) => story.status !== 'withdrawn' && !mayEdit(user, story));
    if (locked.length > 0) {
      throw new DatelineError(
        'FORBIDDEN',
        `This picture appears on ${locked.length === 1 ? 'a story' : `${locked.length} stories`} you may not change, so its ${changed.join(', ')} cannot be changed by you.`,
        { hint: 'Ask an editor to change it, or upload your own copy of the picture for your story.' },
      );
    }
    const entry = await this.store.db.kysely.transaction().execute(async (trx) => {
      await trx
        .updateTable('media')
        .set(Object.fromEntries(changed.map((key) => [key, set[key]])))
        .where('id', '=', id)
        .execute();
      await trx
        .insertInto('media_edits')
        .values(changed.map((field) => ({ media_id: id, user_id: user.id, at: now.getTime(), field, before: before[field], after: set[field] as string })))
        .execute();
      return recordCatalogChange(this.store, trx, { kind: 'media', id });
    });
    this.store.changes.announceRecorded([entry]);
    return this.get(id);
  }

  /** Stories that show the picture: as their lead picture, or in a figure of their body. */
  private async storiesUsing(id: number): Promise<StoryFacts[]> {
    const rows = await this.store.db.kysely
      .selectFrom('articles')
      .select(['id', 'status', 'created_by'])
      .where((eb) => eb.or([eb('lead_media_id', '=', id), eb('body_html', 'like', `%data-media-id="${id}"%`)]))
      .execute();
    return rows.map((r) => ({ id: r.id, status: r.status as StoryFacts['status'], createdBy: r.created_by }));
  }
}

function mayEdit(user: SessionUser, story: StoryFacts): boolean {
  return canSee(user, story) && editableStatuses(user.role).includes(story.status);
}

/** Trims each field and refuses one past its limit, naming it. */
export function checkedFields(fields: MediaFields): MediaFields {
  const out: MediaFields = {};
  for (const key of Object.keys(MEDIA_FIELD_LIMITS) as Array<keyof typeof MEDIA_FIELD_LIMITS>) {
    const value = fields[key];
    if (value === undefined) continue;
    const trimmed = value.trim();
    if (trimmed.length > MEDIA_FIELD_LIMITS[key]) {
      throw new DatelineError('BAD_INPUT', `The ${key} is ${trimmed.length} characters long; at most ${MEDIA_FIELD_LIMITS[key]} are allowed.`, {
        hint: `Shorten the ${key}.`,
      });
    }
    out[key] = trimmed;
  }
  return out;
}

function parseCursor(cursor: string): number {
  if (!/^[1-9]\d{0,15}$/.test(cursor)) {
    throw new DatelineError('BAD_CURSOR', `The cursor “${cursor}” is not one this list gave out.`, {
      hint: 'Pass the nextCursor of the previous page as it is.',
    });
  }
  return Number(cursor);
}

export function toAdminMedia(row: Selectable<MediaTable>): AdminMedia {
  const renditions = JSON.parse(row.renditions) as Rendition[];
  const thumbnail = renditionNear({ renditions } as Parameters<typeof renditionNear>[0], 320, 'jpeg');
  return {
    id: row.id,
    originalName: row.original_name,
    mime: row.mime,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    caption: row.caption,
    credit: row.credit,
    source: row.source,
    alt: row.alt,
    thumbnailUrl: thumbnail?.url ?? '',
    renditions: renditions.map((r) => ({ format: r.format, width: r.width, height: r.height, url: r.url })),
    createdAt: new Date(row.created_at).toISOString(),
  };
}
