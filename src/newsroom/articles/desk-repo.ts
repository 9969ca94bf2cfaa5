import { type ArticleRow, type Db, DeskStoryRepo, type Tx } from '../../store/index.js';
import type { AdminArticle, AdminArticleList, AdminLabel, AdminStatus } from '../admin-api-contract.js';
import type { ArticleSnapshot } from './article-snapshot.js';

export type { ArticleRow };

export interface DeskQuery {
  status?: AdminStatus | undefined;
  sectionId?: number | undefined;
  authorId?: number | undefined;
  label?: AdminLabel | undefined;
  /** Words of the headline, matched anywhere, case-insensitively. */
  q?: string | undefined;
  /** Only stories this user made (writers and contributors). */
  createdBy?: number | undefined;
  cursor?: string | undefined;
  limit: number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The newsroom's view of stories: every status, newest change first, with
 * who made them, their revision and schedule. The reader site's
 * ArticleReader sees published stories only; this sees everything.
 */
export class DeskRepo {
  /** The store's rows behind this view, for the checks a save makes (references, bylines) and the writes of a save or a note. */
  readonly stories: DeskStoryRepo;

  constructor(db: Db) {
    this.stories = new DeskStoryRepo(db);
  }

  /** The story's row, in the caller's transaction when given one (on SQLite the transaction holds the only connection). */
  async row(tx: Tx | undefined, id: number): Promise<ArticleRow | undefined> {
    return this.stories.row(id, tx);
  }

  /** The story's editable fields as a revision stores them. */
  async snapshot(tx: Tx | undefined, row: ArticleRow): Promise<ArticleSnapshot> {
    const { authorIds, tags } = await this.stories.members(row.id, tx);
    return {
      headline: row.headline,
      slug: row.slug,
      summary: row.summary,
      bodyHtml: row.body_html,
      dateline: row.dateline,
      label: row.label as AdminLabel,
      sponsorId: row.sponsor_id,
      sectionId: row.section_id,
      authorIds,
      tags,
      leadMediaId: row.lead_media_id,
      contributorNote: row.contributor_note,
      language: row.language ?? null,
    };
  }

  /** The whole story as the editor edits it. */
  async article(id: number, tx?: Tx): Promise<AdminArticle | undefined> {
    const row = await this.row(tx, id);
    if (!row) return undefined;
    const [snapshot, { corrections, correctionEdits, wire }] = await Promise.all([this.snapshot(tx, row), this.stories.notes(id, tx)]);
    return {
      id: row.id,
      ...snapshot,
      status: row.status as AdminStatus,
      publishedAt: iso(row.published_at),
      updatedAt: iso(row.updated_at),
      scheduledAt: iso(row.scheduled_at),
      path: row.path,
      revision: row.revision,
      createdBy: row.created_by,
      corrections: corrections.map((n) => ({
        id: n.id,
        kind: n.kind,
        text: n.text,
        at: new Date(n.at).toISOString(),
        editedAt: n.editedAt === null ? null : new Date(n.editedAt).toISOString(),
        history: correctionEdits
          .filter((e) => e.correctionId === n.id)
          .map((e) => ({ text: e.previousText, shownFrom: new Date(e.previousAt).toISOString(), replacedAt: new Date(e.editedAt).toISOString(), by: e.userName })),
      })),
      wire,
    };
  }

  /** One page of stories, most recently changed first (keyset on modified_at, id). */
  async list(query: DeskQuery): Promise<AdminArticleList> {
    const { rows, nextCursor } = await this.stories.list(query);
    return {
      items: rows.map((row) => ({
        id: row.id,
        headline: row.headline,
        status: row.status as AdminStatus,
        label: row.label as AdminLabel,
        sectionId: row.section_id,
        authorIds: row.authorIds,
        publishedAt: iso(row.published_at),
        scheduledAt: iso(row.scheduled_at),
        path: row.path,
        modifiedAt: new Date(row.modified_at).toISOString(),
      })),
      nextCursor,
    };
  }
}
