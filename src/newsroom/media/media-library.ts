import { DatelineError } from '../../domain/errors.js';
import { type Rendition, renditionNear } from '../../domain/media.js';
import type { MediaEdit, MediaRow, Store } from '../../store/index.js';
import type { AdminMedia, SessionUser } from '../admin-api-contract.js';
import { canSee, editableStatuses, type StoryFacts, seesEveryStory } from '../articles/story-access.js';
import { recordCatalogChange } from '../settings/announce-change.js';
import { queueFocalCrops } from './focal-crops-job.js';

export type MediaFields = Partial<Pick<AdminMedia, 'caption' | 'credit' | 'source' | 'alt'>>;

/** A library edit: the words, and the focal point (moving it cuts the crops again). */
export type MediaPatch = MediaFields & { focalX?: number; focalY?: number };

/** Longest value each text field takes; the same limits apply to uploads and edits. */
export const MEDIA_FIELD_LIMITS = { caption: 2000, credit: 200, source: 300, alt: 500 } as const;

export interface MediaPage {
  items: AdminMedia[];
  nextCursor: string | null;
}

/** The media library as the newsroom browses and edits it: newest first, searchable. */
export class MediaLibrary {
  constructor(private readonly store: Store) {}

  /** Newest first; every word of `q` must appear in the caption, credit, source, alt text or file name. */
  async list(user: SessionUser, options: { q?: string; cursor?: string; limit: number }): Promise<MediaPage> {
    const words = (options.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
    const beforeId = options.cursor === undefined ? undefined : parseCursor(options.cursor);
    const rows = await this.store.media.libraryPage({ words, beforeId, limit: options.limit + 1 });
    const items = await this.forUser(user, rows.slice(0, options.limit).map(toAdminMedia));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > options.limit && last ? String(last.id) : null };
  }

  async get(id: number, user?: SessionUser): Promise<AdminMedia> {
    const row = await this.store.media.row(id);
    if (!row) throw new DatelineError('NOT_FOUND', `There is no picture with id ${id} in the media library.`);
    const media = toAdminMedia(row);
    return user ? ((await this.forUser(user, [media]))[0] as AdminMedia) : media;
  }

  /**
   * A picture's words travel with the stories that use it: a writer or
   * contributor sees the caption, credit, source and alt text of a picture
   * only when it is unused, on a story readers can see, or on a story of
   * their own. Otherwise (another writer's draft, an embargoed scoop) the
   * picture is listed without its words, marked `restricted`.
   */
  private async forUser(user: SessionUser, items: AdminMedia[]): Promise<AdminMedia[]> {
    if (seesEveryStory(user.role) || items.length === 0) return items;
    const stories = await this.store.media.storiesShowing(items.map((m) => m.id));
    const now = Date.now();
    const used = new Set<number>();
    const open = new Set<number>();
    for (const story of stories) {
      used.add(story.mediaId);
      const readable = story.status === 'published' && story.publishedAt !== null && story.publishedAt <= now;
      if (readable || story.createdBy === user.id) open.add(story.mediaId);
    }
    return items.map((m) => (used.has(m.id) && !open.has(m.id) ? { ...m, caption: '', credit: '', source: '', alt: '', restricted: true } : m));
  }

  /**
   * Changes caption, credit, source or alt text. Those words appear on every
   * story that uses the picture, so the change follows those stories' rules:
   * refused (403) when it would change a story the user may not edit (a
   * writer and a published story, or someone else's). Each changed field is
   * recorded (who, when, before, after) and the pages showing the picture
   * are purged, all in one transaction.
   */
  async update(user: SessionUser, id: number, patch: MediaPatch, now: Date): Promise<AdminMedia> {
    const before = await this.get(id);
    const { focalX, focalY, ...fields } = patch;
    const set = checkedFields(fields);
    const changed = (Object.keys(set) as Array<keyof MediaFields>).filter((key) => set[key] !== before[key]);
    const focal = checkedFocal(focalX, focalY, before);
    if (changed.length === 0 && !focal) return this.get(id, user);
    const locked = (await this.storiesUsing(id)).filter((story) => story.status !== 'withdrawn' && !mayEdit(user, story));
    if (locked.length > 0) {
      const what = [...changed, ...(focal ? ['focal point'] : [])].join(', ');
      throw new DatelineError(
        'FORBIDDEN',
        `This picture appears on ${locked.length === 1 ? 'a story' : `${locked.length} stories`} you may not change, so its ${what} cannot be changed by you.`,
        { hint: 'Ask an editor to change it, or upload your own copy of the picture for your story.' },
      );
    }
    const entry = await this.store.transaction(async (trx) => {
      const values: Record<string, string | number> = Object.fromEntries(changed.map((key) => [key, set[key] as string]));
      if (focal) Object.assign(values, { focal_x: focal.x, focal_y: focal.y });
      const edits: MediaEdit[] = changed.map((field) => ({ media_id: id, user_id: user.id, at: now.getTime(), field, before: before[field], after: set[field] as string }));
      if (focal) edits.push({ media_id: id, user_id: user.id, at: now.getTime(), field: 'focal point', before: pointText(before.focalX, before.focalY), after: pointText(focal.x, focal.y) });
      await this.store.media.edit(trx, id, values, edits);
      // New crops around the new point are cut in the background; that job records its own change when they exist.
      if (focal) await queueFocalCrops(this.store, trx, id);
      // Teasers crop in the browser around the point the page names: those pages change now.
      return recordCatalogChange(this.store, trx, { kind: 'media', id });
    });
    this.store.changes.announceRecorded([entry]);
    return this.get(id, user);
  }

  /** Stories that show the picture: as their lead picture, or in a figure of their body. */
  private async storiesUsing(id: number): Promise<StoryFacts[]> {
    const rows = await this.store.media.storiesUsing(id);
    return rows.map((r) => ({ id: r.id, status: r.status as StoryFacts['status'], createdBy: r.createdBy }));
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

/** A focal point given as two fractions (both or neither), or undefined when it does not move. */
function checkedFocal(x: number | undefined, y: number | undefined, before: AdminMedia): { x: number; y: number } | undefined {
  if (x === undefined && y === undefined) return undefined;
  if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y) || x < 0 || x > 1 || y < 0 || y > 1) {
    throw new DatelineError('BAD_INPUT', 'The focal point needs focalX and focalY, each between 0 and 1 (0 is the left or top edge, 1 the right or bottom).', {
      hint: 'Click on the picture where its subject is; send both numbers.',
    });
  }
  const point = { x: Math.round(x * 1000) / 1000, y: Math.round(y * 1000) / 1000 };
  return point.x === before.focalX && point.y === before.focalY ? undefined : point;
}

function pointText(x: number, y: number): string {
  return `${Math.round(x * 100)}% from the left, ${Math.round(y * 100)}% from the top`;
}

function parseCursor(cursor: string): number {
  if (!/^[1-9]\d{0,15}$/.test(cursor)) {
    throw new DatelineError('BAD_CURSOR', `The cursor “${cursor}” is not one this list gave out.`, {
      hint: 'Pass the nextCursor of the previous page as it is.',
    });
  }
  return Number(cursor);
}

export function toAdminMedia(row: MediaRow): AdminMedia {
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
    focalX: Number(row.focal_x),
    focalY: Number(row.focal_y),
    thumbnailUrl: thumbnail?.url ?? '',
    renditions: renditions.map((r) => ({ format: r.format, width: r.width, height: r.height, url: r.url })),
    createdAt: new Date(row.created_at).toISOString(),
  };
}
