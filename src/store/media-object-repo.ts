import type { Db } from './database.js';

export interface StoredMediaObject {
  contentType: string;
  size: number;
  bytes: Buffer;
}

/** Keys read per query when listing; a page of keys is small, a page of bytes is not read here. */
const KEY_PAGE = 500;

/**
 * Picture bytes kept in the database (MEDIA_STORE=database), one row per
 * content-addressed key. A row is written once and never updated: the key is
 * the hash of the bytes, so a second put of the same key is a no-op.
 */
export class MediaObjectRepo {
  constructor(private readonly db: Db) {}

  async put(key: string, bytes: Buffer, contentType: string, now = Date.now()): Promise<void> {
    await this.db.kysely
      .insertInto('media_objects')
      .values({ key, content_type: contentType, size: bytes.length, bytes, created_at: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }

  async get(key: string): Promise<StoredMediaObject | undefined> {
    const row = await this.db.kysely
      .selectFrom('media_objects')
      .select(['content_type', 'size', 'bytes'])
      .where('key', '=', key)
      .executeTakeFirst();
    return row && { contentType: row.content_type, size: row.size, bytes: Buffer.from(row.bytes) };
  }

  async stat(key: string): Promise<{ contentType: string; size: number } | undefined> {
    const row = await this.db.kysely.selectFrom('media_objects').select(['content_type', 'size']).where('key', '=', key).executeTakeFirst();
    return row && { contentType: row.content_type, size: row.size };
  }

  async delete(key: string): Promise<void> {
    await this.db.kysely.deleteFrom('media_objects').where('key', '=', key).execute();
  }

  /** Keys in order after `after`, a page at a time. */
  async *keys(after = ''): AsyncIterable<string> {
    let cursor = after;
    for (;;) {
      const rows = await this.db.kysely
        .selectFrom('media_objects')
        .select('key')
        .where('key', '>', cursor)
        .orderBy('key')
        .limit(KEY_PAGE)
        .execute();
      for (const row of rows) yield row.key;
      const last = rows[rows.length - 1];
      if (!last || rows.length < KEY_PAGE) return;
      cursor = last.key;
    }
  }
}
