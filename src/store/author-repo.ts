import type { Selectable } from 'kysely';
import type { Author } from '../domain/author.js';
import type { Media } from '../domain/media.js';
import type { Db } from './database.js';
import type { Tx } from './executor.js';
import type { MediaRepo } from './media-repo.js';
import { authorIsPublic } from './public-names.js';
import { toAuthor } from './rows.js';
import type { AuthorTable } from './schema.js';

/** An author's row as the newsroom edits it. */
export type AuthorRow = Selectable<AuthorTable>;

export interface NewAuthor {
  slug: string;
  name: string;
  kind: 'person' | 'organization';
  bio?: string;
  pictureId?: number | null;
}

export class AuthorRepo {
  constructor(
    private readonly db: Db,
    private readonly media: MediaRepo,
  ) {}

  async create(input: NewAuthor): Promise<number> {
    const row = await this.db.kysely
      .insertInto('authors')
      .values({
        slug: input.slug,
        name: input.name,
        kind: input.kind,
        bio: input.bio ?? '',
        picture_id: input.pictureId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async bySlug(slug: string, publicAt?: Date): Promise<Author | undefined> {
    let q = this.db.kysely.selectFrom('authors').selectAll().where('slug', '=', slug);
    // For readers: only an author of a story they can see now (a draft's byline must not leak).
    if (publicAt) q = q.where((eb) => authorIsPublic(eb, publicAt));
    const row = await q.executeTakeFirst();
    if (!row) return undefined;
    const picture = row.picture_id === null ? null : ((await this.media.get(row.picture_id)) ?? null);
    return toAuthor(row, picture);
  }

  /** Each story's authors in byline order, with pictures, for a set of stories. */
  async forArticles(articleIds: readonly number[]): Promise<Map<number, Author[]>> {
    return (await this.forArticlesWithMedia(articleIds, [])).authors;
  }

  /**
   * As forArticles, and the pictures `mediaIds` read in the same query as the
   * authors' own (a story page's lead picture): one read of media, not two.
   */
  async forArticlesWithMedia(
    articleIds: readonly number[],
    mediaIds: readonly number[],
  ): Promise<{ authors: Map<number, Author[]>; media: Map<number, Media> }> {
    const authors = new Map<number, Author[]>();
    const rows =
      articleIds.length === 0
        ? []
        : await this.db.kysely
            .selectFrom('article_authors as aa')
            .innerJoin('authors as a', 'a.id', 'aa.author_id')
            .selectAll('a')
            .select(['aa.article_id', 'aa.position'])
            .where('aa.article_id', 'in', [...new Set(articleIds)])
            .orderBy('aa.article_id')
            .orderBy('aa.position')
            .execute();
    const media = await this.media.many([...mediaIds, ...rows.flatMap((r) => (r.picture_id === null ? [] : [r.picture_id]))]);
    for (const row of rows) {
      const list = authors.get(row.article_id) ?? [];
      list.push(toAuthor(row, row.picture_id === null ? null : (media.get(row.picture_id) ?? null)));
      authors.set(row.article_id, list);
    }
    return { authors, media };
  }

  /**
   * Each story's byline names in order, for teasers: a teaser shows no
   * author's picture, so none is read (a list would pay a query for them).
   */
  async bylinesForArticles(articleIds: readonly number[]): Promise<Map<number, Array<Pick<Author, 'name' | 'slug' | 'kind'>>>> {
    const result = new Map<number, Array<Pick<Author, 'name' | 'slug' | 'kind'>>>();
    if (articleIds.length === 0) return result;
    const rows = await this.db.kysely
      .selectFrom('article_authors as aa')
      .innerJoin('authors as a', 'a.id', 'aa.author_id')
      .select(['a.name', 'a.slug', 'a.kind', 'aa.article_id'])
      .where('aa.article_id', 'in', [...new Set(articleIds)])
      .orderBy('aa.article_id')
      .orderBy('aa.position')
      .execute();
    for (const row of rows) {
      const list = result.get(row.article_id) ?? [];
      list.push({ name: row.name, slug: row.slug, kind: row.kind });
      result.set(row.article_id, list);
    }
    return result;
  }

  /** Adds an author under `base` as slug, or `base-2`, `base-3` … when taken, in the caller's transaction. */
  async createWithFreeSlug(tx: Tx, base: string, input: Omit<NewAuthor, 'slug'>): Promise<number> {
    let slug = base;
    for (let n = 2; await tx.selectFrom('authors').select('id').where('slug', '=', slug).executeTakeFirst(); n++) slug = `${base}-${n}`;
    const row = await tx
      .insertInto('authors')
      .values({ slug, name: input.name, kind: input.kind, bio: input.bio ?? '', picture_id: input.pictureId ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async slugOf(id: number): Promise<string | undefined> {
    return (await this.db.kysely.selectFrom('authors').select('slug').where('id', '=', id).executeTakeFirst())?.slug;
  }

  /** Every author by name, for the newsroom. */
  async rows(): Promise<AuthorRow[]> {
    return this.db.kysely.selectFrom('authors').selectAll().orderBy('name').orderBy('id').execute();
  }

  async row(id: number): Promise<AuthorRow | undefined> {
    return this.db.kysely.selectFrom('authors').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Every slug in use, to make a new one unique. */
  async slugs(): Promise<Set<string>> {
    return new Set((await this.db.kysely.selectFrom('authors').select('slug').execute()).map((r) => r.slug));
  }

  /** Changes a byline in the caller's transaction (the one that records the purge). */
  async update(tx: Tx, id: number, set: Partial<Pick<AuthorRow, 'name' | 'kind' | 'bio' | 'picture_id'>>): Promise<void> {
    await tx.updateTable('authors').set(set).where('id', '=', id).execute();
  }
}
