import type { Db } from './database.js';
import type { Executor } from './executor.js';

/** One saved state of a story; the snapshot is the newsroom's JSON (src/newsroom/articles/article-snapshot.ts reads it). */
export interface ArticleRevision {
  revision: number;
  snapshotJson: string;
  at: Date;
  by: string | null;
}

/** A line of a story's history: who saved which revision when, and the fields it changed. */
export interface ArticleRevisionEntry {
  revision: number;
  at: Date;
  by: string | null;
  changedFields: string[];
}

export interface NewArticleRevision {
  articleId: number;
  revision: number;
  snapshotJson: string;
  changedFields: string[];
  userId: number | null;
  userName: string | null;
  at: Date;
}

/**
 * Every saved state of every story, kept for good: the history, its diffs
 * and restores read from here. Methods that take an executor run in the
 * caller's transaction (a save writes its revision with the story).
 */
export class ArticleRevisionRepo {
  constructor(private readonly db: Db) {}

  async add(exec: Executor, revision: NewArticleRevision): Promise<void> {
    await exec
      .insertInto('article_revisions')
      .values({
        article_id: revision.articleId,
        revision: revision.revision,
        snapshot: revision.snapshotJson,
        changed_fields: JSON.stringify(revision.changedFields),
        user_id: revision.userId,
        user_name: revision.userName,
        at: revision.at.getTime(),
      })
      .execute();
  }

  async get(articleId: number, revision: number, exec: Executor = this.db.kysely): Promise<ArticleRevision | undefined> {
    const row = await exec
      .selectFrom('article_revisions')
      .select(['revision', 'snapshot', 'at', 'user_name'])
      .where('article_id', '=', articleId)
      .where('revision', '=', revision)
      .executeTakeFirst();
    return row && { revision: row.revision, snapshotJson: row.snapshot, at: new Date(row.at), by: row.user_name };
  }

  /** Whether the story has any revision kept (stories made before the newsroom have none until first saved). */
  async exists(exec: Executor, articleId: number): Promise<boolean> {
    const row = await exec.selectFrom('article_revisions').select('id').where('article_id', '=', articleId).limit(1).executeTakeFirst();
    return row !== undefined;
  }

  /** Who saved the revisions after `revision`, each name once, in order. */
  async savedSince(exec: Executor, articleId: number, revision: number): Promise<string[]> {
    const rows = await exec
      .selectFrom('article_revisions')
      .select('user_name')
      .where('article_id', '=', articleId)
      .where('revision', '>', revision)
      .orderBy('revision')
      .execute();
    return [...new Set(rows.map((r) => r.user_name).filter((n): n is string => n !== null))];
  }

  /** The history, newest first. */
  async list(articleId: number): Promise<ArticleRevisionEntry[]> {
    const rows = await this.db.kysely
      .selectFrom('article_revisions')
      .select(['revision', 'at', 'user_name', 'changed_fields'])
      .where('article_id', '=', articleId)
      .orderBy('revision', 'desc')
      .execute();
    return rows.map((r) => ({ revision: r.revision, at: new Date(r.at), by: r.user_name, changedFields: JSON.parse(r.changed_fields) as string[] }));
  }
}
