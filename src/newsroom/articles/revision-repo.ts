import type { Db } from '../../store/index.js';
import type { RevisionSummary } from '../admin-api-contract.js';
import { type ArticleSnapshot, parseSnapshot } from './article-snapshot.js';
import type { Exec } from './desk-repo.js';
import { changeLines } from './revision-diff.js';

export interface StoredRevision {
  revision: number;
  snapshot: ArticleSnapshot;
  at: Date;
  by: string | null;
}

export interface NewRevision {
  articleId: number;
  revision: number;
  snapshot: ArticleSnapshot;
  changedFields: string[];
  userId: number | null;
  userName: string | null;
  at: Date;
}

/** Every saved state of every story, kept for good: the history, its diffs and restores read from here. */
export class RevisionRepo {
  constructor(private readonly db: Db) {}

  async insert(exec: Exec, revision: NewRevision): Promise<void> {
    await exec
      .insertInto('article_revisions')
      .values({
        article_id: revision.articleId,
        revision: revision.revision,
        snapshot: JSON.stringify(revision.snapshot),
        changed_fields: JSON.stringify(revision.changedFields),
        user_id: revision.userId,
        user_name: revision.userName,
        at: revision.at.getTime(),
      })
      .execute();
  }

  async get(articleId: number, revision: number, exec: Exec = this.db.kysely): Promise<StoredRevision | undefined> {
    const row = await exec
      .selectFrom('article_revisions')
      .select(['revision', 'snapshot', 'at', 'user_name'])
      .where('article_id', '=', articleId)
      .where('revision', '=', revision)
      .executeTakeFirst();
    return row && { revision: row.revision, snapshot: parseSnapshot(row.snapshot), at: new Date(row.at), by: row.user_name };
  }

  async exists(exec: Exec, articleId: number): Promise<boolean> {
    const row = await exec.selectFrom('article_revisions').select('id').where('article_id', '=', articleId).limit(1).executeTakeFirst();
    return row !== undefined;
  }

  /** Who saved the revisions after `revision`, each name once, in order. */
  async savedSince(exec: Exec, articleId: number, revision: number): Promise<string[]> {
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
  async list(articleId: number): Promise<RevisionSummary[]> {
    const rows = await this.db.kysely
      .selectFrom('article_revisions')
      .select(['revision', 'at', 'user_name', 'changed_fields'])
      .where('article_id', '=', articleId)
      .orderBy('revision', 'desc')
      .execute();
    return rows.map((r) => ({
      revision: r.revision,
      at: new Date(r.at).toISOString(),
      by: r.user_name,
      changedFields: JSON.parse(r.changed_fields) as string[],
      changes: changeLines(JSON.parse(r.changed_fields) as string[]),
    }));
  }
}
