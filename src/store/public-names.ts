import type { ExpressionBuilder } from 'kysely';
import type { Database } from './schema.js';

/**
 * Whether a story readers can see now (published, its time come) carries
 * the tag or names the author: the one test for showing a tag or author
 * anywhere public, so a draft, an embargoed or a withheld story's names do
 * not leak through tag and author pages, feeds or the content API.
 */
export function tagIsPublic(eb: ExpressionBuilder<Database, 'tags'>, now: Date) {
  return eb.exists(
    eb
      .selectFrom('article_tags as pt')
      .innerJoin('articles as pa', 'pa.id', 'pt.article_id')
      .select('pt.article_id')
      .whereRef('pt.tag_id', '=', 'tags.id')
      .where('pa.status', '=', 'published')
      .where('pa.published_at', '<=', now.getTime()),
  );
}

export function authorIsPublic(eb: ExpressionBuilder<Database, 'authors'>, now: Date) {
  return eb.exists(
    eb
      .selectFrom('article_authors as pw')
      .innerJoin('articles as pa', 'pa.id', 'pw.article_id')
      .select('pw.article_id')
      .whereRef('pw.author_id', '=', 'authors.id')
      .where('pa.status', '=', 'published')
      .where('pa.published_at', '<=', now.getTime()),
  );
}
