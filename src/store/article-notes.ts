import type { ArticleNote } from '../domain/article-note.js';
import type { Db } from './database.js';

/** The correction and update notes of some stories, oldest first, in one query. */
export async function notesFor(db: Db, articleIds: readonly number[]): Promise<Map<number, ArticleNote[]>> {
  const result = new Map<number, ArticleNote[]>();
  if (articleIds.length === 0) return result;
  const rows = await db.kysely
    .selectFrom('article_corrections')
    .select(['id', 'article_id', 'kind', 'text', 'at', 'edited_at'])
    .where('article_id', 'in', [...new Set(articleIds)])
    .orderBy('at')
    .orderBy('id')
    .execute();
  for (const row of rows) {
    const list = result.get(row.article_id) ?? [];
    list.push({ id: row.id, kind: row.kind, text: row.text, at: new Date(Number(row.at)), editedAt: row.edited_at === null ? null : new Date(Number(row.edited_at)) });
    result.set(row.article_id, list);
  }
  return result;
}
