import type { Selectable } from 'kysely';
import type { Author } from '../domain/author.js';
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
    const result = new Map<number, Author[]>();
    if (articleIds.length === 0) return result;
    const rows = await this.db.kysely
      .selectFrom('article_authors as aa')
      .innerJoin('authors as a', 'a.id', 'aa.author_id')
      .selectAll('a')
      .select(['aa.article_id', 'aa.position'])
      .where('aa.article_id', 'in', [...new Set(articleIds)])
      .orderBy('aa.article_id')
      .orderBy('aa.position')
      .execute();
    const pictures = await this.media.many(rows.flatMap((r) => (r.picture_id === null ? [] : [r.picture_id])));
    for (const row of rows) {
      const list = result.get(row.article_id) ?? [];
      list.push(toAuthor(row, row.picture_id === null ? null : (pictures.get(row.picture_id) ?? null)));
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
