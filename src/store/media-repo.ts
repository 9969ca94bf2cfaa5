import type { Kysely } from 'kysely';
import type { Media, Rendition } from '../domain/media.js';
import type { Db } from './database.js';
import { writeMediaKeys } from './media-uses.js';
import { toMedia } from './rows.js';
import type { Database } from './schema.js';

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
}
