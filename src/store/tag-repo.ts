import { type Tag, tagSlug } from '../domain/tag.js';
import type { Db } from './database.js';
import { tagIsPublic } from './public-names.js';

export class TagRepo {
  constructor(private readonly db: Db) {}

  /** The tag with this name, made if it is new. */
  async ensure(name: string): Promise<Tag> {
    const slug = tagSlug(name);
    const existing = await this.db.kysely.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
    if (existing) return existing;
    return this.db.kysely
      .insertInto('tags')
      .values({ slug, name: name.trim() })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async bySlug(slug: string): Promise<Tag | undefined> {
    return this.db.kysely.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
  }

  /** The tag, only when a story readers can see now carries it (else a draft's tags would leak). */
  async publicBySlug(slug: string, now: Date): Promise<Tag | undefined> {
    return this.db.kysely
      .selectFrom('tags')
      .selectAll()
      .where('slug', '=', slug)
      .where((eb) => tagIsPublic(eb, now))
      .executeTakeFirst();
  }

  async forArticle(articleId: number): Promise<Tag[]> {
    return this.db.kysely
      .selectFrom('article_tags as at')
      .innerJoin('tags as t', 't.id', 'at.tag_id')
      .selectAll('t')
      .where('at.article_id', '=', articleId)
      .orderBy('at.position')
      .execute();
  }
}
