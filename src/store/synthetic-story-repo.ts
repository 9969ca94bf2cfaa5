import type { Insertable } from 'kysely';
import type { Db } from './database.js';
import type { ArticleTable } from './schema.js';

/** A published story's row as a bulk insert writes it, with its one author and its tags in order. */
export interface SyntheticStoryRow {
  row: Insertable<ArticleTable>;
  authorId: number;
  tagIds: readonly number[];
}

/**
 * Synthetic stories for benchmarks and load tests (`dateline seed-demo
 * --articles N`): multi-row inserts straight into the tables, a batch per
 * transaction, which the article writer's one-story path would make far
 * slower. The search index follows plain inserts (triggers), so they are
 * found like any other story; no outbox row is written (nothing is cached yet).
 */
export class SyntheticStoryRepo {
  constructor(private readonly db: Db) {}

  /** Every author's id, oldest first. */
  async authorIds(): Promise<number[]> {
    return (await this.db.kysely.selectFrom('authors').select('id').orderBy('id').execute()).map((r) => r.id);
  }

  /** The pictures stories already lead with, each once. */
  async leadMediaIds(): Promise<number[]> {
    const rows = await this.db.kysely.selectFrom('articles').select('lead_media_id').distinct().where('lead_media_id', 'is not', null).execute();
    return rows.map((r) => r.lead_media_id as number);
  }

  /** How many stories there are, of any status. */
  async storyCount(): Promise<number> {
    return Number((await this.db.kysely.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  }

  /** Inserts the stories, their bylines and their tags in one transaction. */
  async add(stories: readonly SyntheticStoryRow[]): Promise<void> {
    if (stories.length === 0) return;
    await this.db.kysely.transaction().execute(async (trx) => {
      const ids = await trx
        .insertInto('articles')
        .values(stories.map((s) => s.row))
        .returning('id')
        .execute();
      await trx
        .insertInto('article_authors')
        .values(stories.map((s, k) => ({ article_id: (ids[k] as { id: number }).id, author_id: s.authorId, position: 0 })))
        .execute();
      const tagRows = stories.flatMap((s, k) => s.tagIds.map((tag_id, position) => ({ article_id: (ids[k] as { id: number }).id, tag_id, position })));
      if (tagRows.length > 0) await trx.insertInto('article_tags').values(tagRows).execute();
    });
  }
}
