import { type Kysely, type Selectable, sql } from 'kysely';
import { decodeCursor, encodeCursor } from '../../domain/article.js';
import { DatelineError } from '../../domain/errors.js';
import { type Db, UNICODE_LOWER } from '../../store/index.js';
import type { ArticleTable, Database } from '../../store/schema.js';
import type { AdminArticle, AdminArticleList, AdminLabel, AdminStatus } from '../admin-api-contract.js';
import type { ArticleSnapshot } from './article-snapshot.js';

export type ArticleRow = Selectable<ArticleTable>;
/** The database, or a transaction the caller holds (on SQLite the transaction holds the only connection). */
export type Exec = Kysely<Database>;

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
  constructor(private readonly db: Db) {}

  get kysely(): Exec {
    return this.db.kysely;
  }

  async row(exec: Exec, id: number): Promise<ArticleRow | undefined> {
    return exec.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The story's editable fields as a revision stores them. */
  async snapshot(exec: Exec, row: ArticleRow): Promise<ArticleSnapshot> {
    const [authors, tags] = await Promise.all([
      exec.selectFrom('article_authors').select('author_id').where('article_id', '=', row.id).orderBy('position').execute(),
      exec
        .selectFrom('article_tags as at')
        .innerJoin('tags as t', 't.id', 'at.tag_id')
        .select('t.name')
        .where('at.article_id', '=', row.id)
        .orderBy('at.position')
        .execute(),
    ]);
    return {
      headline: row.headline,
      slug: row.slug,
      summary: row.summary,
      bodyHtml: row.body_html,
      dateline: row.dateline,
      label: row.label as AdminLabel,
      sponsorId: row.sponsor_id,
      sectionId: row.section_id,
      authorIds: authors.map((a) => a.author_id),
      tags: tags.map((t) => t.name),
      leadMediaId: row.lead_media_id,
      contributorNote: row.contributor_note,
      language: row.language ?? null,
    };
  }

  /** The whole story as the editor edits it. */
  async article(id: number, exec: Exec = this.db.kysely): Promise<AdminArticle | undefined> {
    const row = await this.row(exec, id);
    if (!row) return undefined;
    const [snapshot, notes, edits, wire] = await Promise.all([
      this.snapshot(exec, row),
      exec.selectFrom('article_corrections').select(['id', 'kind', 'text', 'at', 'edited_at']).where('article_id', '=', id).orderBy('at').orderBy('id').execute(),
      exec
        .selectFrom('article_correction_edits as e')
        .innerJoin('article_corrections as c', 'c.id', 'e.correction_id')
        .select(['e.correction_id', 'e.previous_text', 'e.previous_at', 'e.edited_at', 'e.user_name'])
        .where('c.article_id', '=', id)
        .orderBy('e.edited_at')
        .orderBy('e.id')
        .execute(),
      exec.selectFrom('wire_items').select(['uri', 'version', 'source']).where('article_id', '=', id).orderBy('id', 'desc').executeTakeFirst(),
    ]);
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
      corrections: notes.map((n) => ({
        id: n.id,
        kind: n.kind,
        text: n.text,
        at: new Date(Number(n.at)).toISOString(),
        editedAt: n.edited_at === null ? null : new Date(Number(n.edited_at)).toISOString(),
        history: edits
          .filter((e) => e.correction_id === n.id)
          .map((e) => ({ text: e.previous_text, shownFrom: new Date(Number(e.previous_at)).toISOString(), replacedAt: new Date(Number(e.edited_at)).toISOString(), by: e.user_name })),
      })),
      wire: wire ?? null,
    };
  }

  /** One page of stories, most recently changed first (keyset on modified_at, id). */
  async list(query: DeskQuery): Promise<AdminArticleList> {
    let q = this.db.kysely.selectFrom('articles as a').selectAll('a');
    if (query.status) q = q.where('a.status', '=', query.status);
    if (query.label) q = q.where('a.label', '=', query.label);
    if (query.createdBy !== undefined) q = q.where('a.created_by', '=', query.createdBy);
    if (query.sectionId !== undefined) {
      const sectionId = query.sectionId;
      // A top-level section takes in its sub-sections, as its front does.
      q = q.where((eb) => eb.or([eb('a.section_id', '=', sectionId), eb('a.root_section_id', '=', sectionId)]));
    }
    if (query.authorId !== undefined) {
      const authorId = query.authorId;
      q = q.where('a.id', 'in', (eb) => eb.selectFrom('article_authors').select('article_id').where('author_id', '=', authorId));
    }
    const words = (query.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
    for (const word of words) {
      const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      // SQLite's LIKE folds only ASCII, so both sides go through the Unicode lower-casing function, and
      // it needs its escape named; PostgreSQL's ILIKE folds every letter and escapes with a backslash by default.
      q =
        this.db.dialect === 'postgres'
          ? q.where('a.headline', 'ilike', pattern)
          : q.where(sql<boolean>`${sql.raw(UNICODE_LOWER)}(a.headline) like ${pattern.toLowerCase()} escape '\\'`);
    }
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      if (!cursor) {
        throw new DatelineError('BAD_CURSOR', `The cursor "${query.cursor.slice(0, 40)}" is malformed.`, {
          hint: 'Pass the nextCursor of the previous page as it is.',
        });
      }
      q = q.where((eb) => eb(eb.refTuple('a.modified_at', 'a.id'), '<', eb.tuple(cursor.publishedAt, cursor.id)));
    }
    const rows = await q.orderBy('a.modified_at', 'desc').orderBy('a.id', 'desc').limit(query.limit + 1).execute();
    const page = rows.slice(0, query.limit);
    const authors = await this.authorsOf(page.map((r) => r.id));
    const last = page[page.length - 1];
    return {
      items: page.map((row) => ({
        id: row.id,
        headline: row.headline,
        status: row.status as AdminStatus,
        label: row.label as AdminLabel,
        sectionId: row.section_id,
        authorIds: authors.get(row.id) ?? [],
        publishedAt: iso(row.published_at),
        scheduledAt: iso(row.scheduled_at),
        path: row.path,
        modifiedAt: new Date(row.modified_at).toISOString(),
      })),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ publishedAt: last.modified_at, id: last.id }) : null,
    };
  }

  private async authorsOf(ids: number[]): Promise<Map<number, number[]>> {
    const result = new Map<number, number[]>();
    if (ids.length === 0) return result;
    const rows = await this.db.kysely
      .selectFrom('article_authors')
      .select(['article_id', 'author_id'])
      .where('article_id', 'in', ids)
      .orderBy('article_id')
      .orderBy('position')
      .execute();
    for (const row of rows) result.set(row.article_id, [...(result.get(row.article_id) ?? []), row.author_id]);
    return result;
  }
}
