import type { Store, Tx } from '../../store/index.js';
import type { RevisionSummary } from '../admin-api-contract.js';
import { type ArticleSnapshot, parseSnapshot } from './article-snapshot.js';
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

/** Every saved state of every story as the editor reads it; store.revisions keeps the rows. */
export class RevisionRepo {
  constructor(private readonly store: Store) {}

  async insert(tx: Tx, revision: NewRevision): Promise<void> {
    const { snapshot, ...rest } = revision;
    await this.store.revisions.add(tx, { ...rest, snapshotJson: JSON.stringify(snapshot) });
  }

  async get(articleId: number, revision: number, tx?: Tx): Promise<StoredRevision | undefined> {
    const row = await this.store.revisions.get(articleId, revision, tx);
    return row && { revision: row.revision, snapshot: parseSnapshot(row.snapshotJson), at: row.at, by: row.by };
  }

  exists(tx: Tx, articleId: number): Promise<boolean> {
    return this.store.revisions.exists(tx, articleId);
  }

  /** Who saved the revisions after `revision`, each name once, in order. */
  savedSince(tx: Tx, articleId: number, revision: number): Promise<string[]> {
    return this.store.revisions.savedSince(tx, articleId, revision);
  }

  /** The history, newest first. */
  async list(articleId: number): Promise<RevisionSummary[]> {
    const rows = await this.store.revisions.list(articleId);
    return rows.map((r) => ({ revision: r.revision, at: r.at.toISOString(), by: r.by, changedFields: r.changedFields, changes: changeLines(r.changedFields) }));
  }
}
