import type { Author } from '../domain/author.js';
import type { Tag } from '../domain/tag.js';
import type { Db } from './database.js';
import type { MediaRepo } from './media-repo.js';
import { authorIsPublic, tagIsPublic } from './public-names.js';
import { toAuthor } from './rows.js';

export interface CatalogPage<T> {
  items: T[];
  /** The last slug of this page when there are more; pass it as `afterSlug` for the next. */
  nextAfter: string | null;
}

/**
 * Authors and tags page by page in slug order, for the content API. Keyset
 * on the unique slug, so a wire desk's thousands of tags cost the same at any depth.
 */
export class CatalogReader {
  constructor(
    private readonly db: Db,
    private readonly media: MediaRepo,
  ) {}

  /** Authors of at least one story readers can see at `now`. */
  async authors(now: Date, limit: number, afterSlug?: string): Promise<CatalogPage<Author>> {
    let q = this.db.kysely
      .selectFrom('authors')
      .selectAll()
      .where((eb) => authorIsPublic(eb, now))
      .orderBy('slug')
      .limit(limit + 1);
    if (afterSlug !== undefined) q = q.where('slug', '>', afterSlug);
    const rows = await q.execute();
    const page = rows.slice(0, limit);
    const pictures = await this.media.many(page.flatMap((r) => (r.picture_id === null ? [] : [r.picture_id])));
    return {
      items: page.map((row) => toAuthor(row, row.picture_id === null ? null : (pictures.get(row.picture_id) ?? null))),
      nextAfter: rows.length > limit ? (page[page.length - 1]?.slug ?? null) : null,
    };
  }

  /** Tags of at least one story readers can see at `now`. */
  async tags(now: Date, limit: number, afterSlug?: string): Promise<CatalogPage<Tag>> {
    let q = this.db.kysely
      .selectFrom('tags')
      .selectAll()
      .where((eb) => tagIsPublic(eb, now))
      .orderBy('slug')
      .limit(limit + 1);
    if (afterSlug !== undefined) q = q.where('slug', '>', afterSlug);
    const rows = await q.execute();
    const page = rows.slice(0, limit);
    return { items: page, nextAfter: rows.length > limit ? (page[page.length - 1]?.slug ?? null) : null };
  }
}
