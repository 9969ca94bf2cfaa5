import type { Kysely, Selectable } from 'kysely';
import type { Media, Rendition } from '../domain/media.js';
import type { Db } from './database.js';
import type { Executor, Tx } from './executor.js';
import type { MediaEditTable } from './media-edit-tables.js';
import { writeMediaKeys } from './media-uses.js';
import { toMedia } from './rows.js';
import type { Database, MediaTable } from './schema.js';

/** A picture's row as the newsroom's library edits it. */
export type MediaRow = Selectable<MediaTable>;

/** One changed field of a picture, as the library records it. */
export type MediaEdit = Omit<Selectable<MediaEditTable>, 'id'>;

/** A story that shows a picture, with what decides who may see or change its words. */
export interface StoryShowing {
  mediaId: number;
  articleId: number;
  status: string;
  publishedAt: number | null;
  createdBy: number | null;
}

/** Columns the library's search looks in. */
const SEARCHED = ['caption', 'credit', 'source', 'alt', 'original_name'] as const;

export interface NewMedia {
  originalName: string;
  mime: string;
  bytes: number;
  width: number;
  height: number;
  caption?: string;
  credit?: string;
  source?: string;
  alt?: string;
  /** The rights line the agency or the file gave. */
  copyright?: string;
  /** Renditions already in the media store; without them the picture is not ready (the library hides it). */
  renditions?: Rendition[];
  /** The uploaded original's key in the media store. */
  originalKey?: string;
}

export class MediaRepo {
  constructor(private readonly db: Db) {}

  /** @param executor a transaction the caller holds, so jobs for the picture commit with it */
  async create(input: NewMedia, now = Date.now(), executor: Kysely<Database> = this.db.kysely): Promise<number> {
    const row = await executor
      .insertInto('media')
      .values({
        original_name: input.originalName,
        mime: input.mime,
        bytes: input.bytes,
        width: input.width,
        height: input.height,
        caption: input.caption ?? '',
        credit: input.credit ?? '',
        source: input.source ?? '',
        alt: input.alt ?? '',
        copyright: input.copyright ?? '',
        renditions: JSON.stringify(input.renditions ?? []),
        original_key: input.originalKey ?? null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeMediaKeys(executor, row.id, (input.renditions ?? []).map((r) => r.url));
    return row.id;
  }

  /**
   * An agency's update gives a picture's rights line anew; the desk's own
   * edits to caption and credit stay. Returns whether the line changed.
   */
  async setCopyright(id: number, copyright: string, executor: Kysely<Database> = this.db.kysely): Promise<boolean> {
    const result = await executor.updateTable('media').set({ copyright }).where('id', '=', id).where('copyright', '!=', copyright).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async setRenditions(id: number, renditions: Rendition[], executor: Kysely<Database> = this.db.kysely): Promise<void> {
    await executor
      .updateTable('media')
      .set({ renditions: JSON.stringify(renditions) })
      .where('id', '=', id)
      .execute();
    const crops = await executor.selectFrom('media').select('crops').where('id', '=', id).executeTakeFirst();
    await writeMediaKeys(executor, id, [...renditions, ...(crops ? (JSON.parse(crops.crops) as Rendition[]) : [])].map((r) => r.url));
  }

  /**
   * Sets the renditions cut around the focal point (the social image) and
   * files their keys with the others, so readers may fetch them exactly when
   * they may fetch the picture.
   */
  async setCrops(id: number, crops: Rendition[], executor: Kysely<Database> = this.db.kysely): Promise<void> {
    const row = await executor.selectFrom('media').select('renditions').where('id', '=', id).executeTakeFirst();
    if (!row) return;
    await executor.updateTable('media').set({ crops: JSON.stringify(crops) }).where('id', '=', id).execute();
    await writeMediaKeys(executor, id, [...(JSON.parse(row.renditions) as Rendition[]), ...crops].map((r) => r.url));
  }

  /** Every picture's renditions and original key, a page at a time by id: what the media store must hold. */
  async storedObjects(afterId: number, limit: number): Promise<Array<{ id: number; renditions: Rendition[]; originalKey: string | null }>> {
    const rows = await this.db.kysely
      .selectFrom('media')
      .select(['id', 'renditions', 'original_key'])
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ id: row.id, renditions: JSON.parse(row.renditions) as Rendition[], originalKey: row.original_key }));
  }

  async get(id: number): Promise<Media | undefined> {
    const row = await this.db.kysely.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toMedia(row) : undefined;
  }

  /** Several pictures in one query, for lists of teasers. */
  async many(ids: readonly number[]): Promise<Map<number, Media>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db.kysely.selectFrom('media').selectAll().where('id', 'in', unique).execute();
    return new Map(rows.map((row) => [row.id, toMedia(row)]));
  }

  /**
   * The library's pictures newest first, below `beforeId` when given: every
   * word must appear in the caption, credit, source, alt text or file name.
   * A picture whose renditions are still being made is not ready to pick.
   */
  async libraryPage(options: { words: readonly string[]; beforeId?: number | undefined; limit: number }): Promise<MediaRow[]> {
    let query = this.db.kysely.selectFrom('media').selectAll().where('renditions', '<>', '[]').orderBy('id', 'desc').limit(options.limit);
    if (options.beforeId !== undefined) query = query.where('id', '<', options.beforeId);
    // Folded as the newsroom's story filter folds: "Łódź" finds "łódź" and "ÉLECTION" finds "élection" on both databases.
    for (const word of options.words) query = query.where((eb) => eb.or(SEARCHED.map((column) => this.db.sql.containsIgnoringCase(column, word))));
    return query.execute();
  }

  async row(id: number): Promise<MediaRow | undefined> {
    return this.db.kysely.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The rows of these pictures (in no order), in the caller's transaction when given. */
  async rows(ids: readonly number[], exec: Executor = this.db.kysely): Promise<MediaRow[]> {
    if (ids.length === 0) return [];
    return exec.selectFrom('media').selectAll().where('id', 'in', [...ids]).execute();
  }

  /** Every story showing any of these pictures, as its lead picture or in a figure of its body (a story may come twice). */
  async storiesShowing(ids: readonly number[]): Promise<StoryShowing[]> {
    if (ids.length === 0) return [];
    const [leads, bodies] = await Promise.all([
      this.db.kysely.selectFrom('articles').select(['lead_media_id as media_id', 'id', 'status', 'published_at', 'created_by']).where('lead_media_id', 'in', [...ids]).execute(),
      this.db.kysely
        .selectFrom('article_media')
        .innerJoin('articles', 'articles.id', 'article_media.article_id')
        .select(['article_media.media_id as media_id', 'articles.id as id', 'articles.status as status', 'articles.published_at as published_at', 'articles.created_by as created_by'])
        .where('article_media.media_id', 'in', [...ids])
        .execute(),
    ]);
    return [...leads, ...bodies].map((r) => ({
      mediaId: Number(r.media_id),
      articleId: r.id,
      status: r.status,
      publishedAt: r.published_at === null ? null : Number(r.published_at),
      createdBy: r.created_by,
    }));
  }

  /** The stories that show a picture, each once. */
  async storiesUsing(id: number): Promise<Array<{ id: number; status: string; createdBy: number | null }>> {
    const rows = await this.db.kysely
      .selectFrom('articles')
      .select(['id', 'status', 'created_by'])
      .where((eb) => eb.or([eb('lead_media_id', '=', id), eb('id', 'in', eb.selectFrom('article_media').select('article_id').where('media_id', '=', id))]))
      .execute();
    return rows.map((r) => ({ id: r.id, status: r.status, createdBy: r.created_by }));
  }

  /** Changes a picture's words or focal point and records each change, in the caller's transaction. */
  async edit(tx: Tx, id: number, set: Partial<Pick<MediaRow, 'caption' | 'credit' | 'source' | 'alt' | 'focal_x' | 'focal_y'>>, edits: readonly MediaEdit[]): Promise<void> {
    await tx.updateTable('media').set(set).where('id', '=', id).execute();
    if (edits.length > 0) await tx.insertInto('media_edits').values([...edits]).execute();
  }

  /**
   * Takes an agency's newer words for a picture it sent (a corrected caption,
   * a new credit), in the update's transaction, except the words someone in
   * the newsroom changed: an editor's caption outranks the agency's next
   * version. The agency's rights line is never the newsroom's to edit and is
   * always refreshed. Whether anything changed.
   */
  async refreshFromAgency(tx: Tx, id: number, words: Pick<MediaRow, 'caption' | 'credit' | 'source' | 'alt' | 'copyright'>): Promise<boolean> {
    const current = await tx.selectFrom('media').select(['caption', 'credit', 'source', 'alt', 'copyright']).where('id', '=', id).executeTakeFirst();
    if (!current) return false;
    const edited = new Set((await tx.selectFrom('media_edits').select('field').distinct().where('media_id', '=', id).execute()).map((r) => r.field as string));
    const set: Partial<typeof words> = {};
    for (const field of ['caption', 'credit', 'source', 'alt', 'copyright'] as const) {
      if (!edited.has(field) && current[field] !== words[field]) set[field] = words[field];
    }
    if (Object.keys(set).length === 0) return false;
    await tx.updateTable('media').set(set).where('id', '=', id).execute();
    return true;
  }

  /** A picture made from this original that already has its renditions: an import meeting the same file again uses it. */
  async renderedWithOriginal(originalKey: string): Promise<number | undefined> {
    return (await this.db.kysely.selectFrom('media').select('id').where('original_key', '=', originalKey).where('renditions', '<>', '[]').executeTakeFirst())?.id;
  }

  /** The pictures made from this original in the media store (the same file installed twice is two pictures). */
  async idsWithOriginal(originalKey: string, exec: Executor = this.db.kysely): Promise<number[]> {
    return (await exec.selectFrom('media').select('id').where('original_key', '=', originalKey).execute()).map((r) => r.id);
  }

  /** What the crop job reads: the original's key and the focal point. */
  async cropSource(id: number): Promise<{ id: number; originalKey: string | null; focalX: number; focalY: number } | undefined> {
    const row = await this.db.kysely.selectFrom('media').select(['id', 'original_key', 'focal_x', 'focal_y']).where('id', '=', id).executeTakeFirst();
    return row && { id: row.id, originalKey: row.original_key, focalX: Number(row.focal_x), focalY: Number(row.focal_y) };
  }

  /** Pictures made before the media store (their renditions carry no byte size), a page at a time by id. */
  async legacyRenditions(afterId: number, limit: number): Promise<Array<{ id: number; renditions: Rendition[] }>> {
    const rows = await this.db.kysely
      .selectFrom('media')
      .select(['id', 'renditions'])
      .where('id', '>', afterId)
      .where('renditions', '<>', '[]')
      .where('renditions', 'not like', '%"bytes":%')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ id: row.id, renditions: JSON.parse(row.renditions) as Rendition[] }));
  }

  /** Ids of pictures without an original in the media store, a page at a time. */
  async withoutOriginal(afterId: number, limit: number): Promise<number[]> {
    const rows = await this.db.kysely.selectFrom('media').select('id').where('id', '>', afterId).where('original_key', 'is', null).orderBy('id').limit(limit).execute();
    return rows.map((r) => r.id);
  }

  async setOriginalKey(id: number, key: string): Promise<void> {
    await this.db.kysely.updateTable('media').set({ original_key: key }).where('id', '=', id).execute();
  }
}
