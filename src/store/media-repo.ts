import type { Media, Rendition } from '../domain/media.js';
import type { Db } from './database.js';
import { toMedia } from './rows.js';

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
}

export class MediaRepo {
  constructor(private readonly db: Db) {}

  async create(input: NewMedia, now = Date.now()): Promise<number> {
    const row = await this.db.kysely
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
        renditions: '[]',
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async setRenditions(id: number, renditions: Rendition[]): Promise<void> {
    await this.db.kysely
      .updateTable('media')
      .set({ renditions: JSON.stringify(renditions) })
      .where('id', '=', id)
      .execute();
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
