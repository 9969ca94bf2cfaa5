import type { Selectable } from 'kysely';
import { decodeCursor, encodeCursor } from '../domain/article.js';
import { DatelineError } from '../domain/errors.js';
import type { Db } from './database.js';
import type { Executor, Tx } from './executor.js';
import type { ArticleTable } from './schema.js';

/** A story's row as the newsroom reads it: every status. */
export type ArticleRow = Selectable<ArticleTable>;

export interface DeskFilter {
  status?: string | undefined;
  sectionId?: number | undefined;
  authorId?: number | undefined;
  label?: string | undefined;
  /** Words of the headline, each matched anywhere, ignoring case in every script. */
  q?: string | undefined;
  /** Only stories this user made. */
  createdBy?: number | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** One page of the desk's stories with their byline ids in order. */
export interface DeskPage {
  rows: Array<ArticleRow & { authorIds: number[] }>;
  nextCursor: string | null;
}

/** The notes of a story: corrections with their earlier wordings, and the wire item it came from. */
export interface StoryNotes {
  corrections: Array<{ id: number; kind: 'correction' | 'update'; text: string; at: number; editedAt: number | null }>;
  correctionEdits: Array<{ correctionId: number; previousText: string; previousAt: number; editedAt: number; userName: string | null }>;
  wire: { uri: string; version: string; source: string } | null;
}

/** Headline words a desk search matches at most (more would make a slow query from a long paste). */
const MAX_WORDS = 8;

/**
 * The newsroom's reads of stories: every status, newest change first. The
 * reader site's ArticleReader sees published stories only; this sees
 * everything. Methods that take an executor run in the caller's transaction.
 */
export class DeskStoryRepo {
  constructor(private readonly db: Db) {}

  async row(id: number, exec: Executor = this.db.kysely): Promise<ArticleRow | undefined> {
    return exec.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** A story's byline ids and tag names, each in their order. */
  async members(id: number, exec: Executor = this.db.kysely): Promise<{ authorIds: number[]; tags: string[] }> {
    const [authors, tags] = await Promise.all([
      exec.selectFrom('article_authors').select('author_id').where('article_id', '=', id).orderBy('position').execute(),
      exec
        .selectFrom('article_tags as at')
        .innerJoin('tags as t', 't.id', 'at.tag_id')
        .select('t.name')
        .where('at.article_id', '=', id)
        .orderBy('at.position')
        .execute(),
    ]);
    return { authorIds: authors.map((a) => a.author_id), tags: tags.map((t) => t.name) };
  }

  async notes(id: number, exec: Executor = this.db.kysely): Promise<StoryNotes> {
    const [corrections, edits, wire] = await Promise.all([
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
      corrections: corrections.map((n) => ({ id: n.id, kind: n.kind, text: n.text, at: Number(n.at), editedAt: n.edited_at === null ? null : Number(n.edited_at) })),
      correctionEdits: edits.map((e) => ({ correctionId: e.correction_id, previousText: e.previous_text, previousAt: Number(e.previous_at), editedAt: Number(e.edited_at), userName: e.user_name })),
      wire: wire ?? null,
    };
  }

  /** Which of `ids` name no row of `table`: a save's references checked before it writes. */
  async missing(table: 'sections' | 'authors' | 'sponsors' | 'media', ids: readonly number[], exec: Executor = this.db.kysely): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await exec.selectFrom(table).select('id').where('id', 'in', [...ids]).execute();
    const found = new Set(rows.map((r) => r.id));
    return ids.filter((id) => !found.has(id));
  }

  /** The author a newsroom user writes as, or null when none is linked. */
  async authorOfUser(userId: number, exec: Executor = this.db.kysely): Promise<number | null> {
    const row = await exec.selectFrom('users').select('author_id').where('id', '=', userId).executeTakeFirst();
    return row?.author_id ?? null;
  }

  /** The names of some authors (those that exist), for a message that names them. */
  authorNames(ids: readonly number[], exec: Executor = this.db.kysely): Promise<Array<{ id: number; name: string }>> {
    if (ids.length === 0) return Promise.resolve([]);
    return exec.selectFrom('authors').select(['id', 'name']).where('id', 'in', [...ids]).execute();
  }

  /** A story the newsroom just made: who made it, and its first revision. */
  async markCreated(tx: Tx, id: number, userId: number): Promise<void> {
    await tx.updateTable('articles').set({ created_by: userId, revision: 1 }).where('id', '=', id).execute();
  }

  /**
   * Moves the story from revision `from` to the next; false when it is no
   * longer at `from` (someone saved first). The conditional update takes the
   * row's lock, so of two saves on one revision only one proceeds.
   */
  async bumpRevision(tx: Tx, id: number, from: number): Promise<boolean> {
    const bumped = await tx.updateTable('articles').set({ revision: from + 1 }).where('id', '=', id).where('revision', '=', from).executeTakeFirst();
    return Number(bumped.numUpdatedRows) > 0;
  }

  /** Appends a dated correction or update note to a story. */
  async addNote(tx: Tx, note: { articleId: number; kind: 'correction' | 'update'; text: string; at: Date; userId: number }): Promise<void> {
    await tx.insertInto('article_corrections').values({ article_id: note.articleId, kind: note.kind, text: note.text, at: note.at.getTime(), user_id: note.userId }).execute();
  }

  /** One note of one story, if the story has it. */
  async note(tx: Tx, articleId: number, noteId: number): Promise<{ kind: 'correction' | 'update'; text: string; at: number; editedAt: number | null } | undefined> {
    const row = await tx.selectFrom('article_corrections').select(['kind', 'text', 'at', 'edited_at']).where('id', '=', noteId).where('article_id', '=', articleId).executeTakeFirst();
    return row && { kind: row.kind, text: row.text, at: Number(row.at), editedAt: row.edited_at === null ? null : Number(row.edited_at) };
  }

  /** Rewords a note, keeping the wording it replaces with when that was shown (from `shownFrom`) and who replaced it. */
  async rewordNote(tx: Tx, noteId: number, change: { previousText: string; shownFrom: number; text: string; at: Date; userId: number; userName: string }): Promise<void> {
    await tx
      .insertInto('article_correction_edits')
      .values({ correction_id: noteId, previous_text: change.previousText, previous_at: change.shownFrom, edited_at: change.at.getTime(), user_id: change.userId, user_name: change.userName })
      .execute();
    await tx.updateTable('article_corrections').set({ text: change.text, edited_at: change.at.getTime() }).where('id', '=', noteId).execute();
  }

  /** One page of stories, most recently changed first (keyset on modified_at, id). */
  async list(filter: DeskFilter): Promise<DeskPage> {
    let q = this.db.kysely.selectFrom('articles as a').selectAll('a');
    if (filter.status) q = q.where('a.status', '=', filter.status);
    if (filter.label) q = q.where('a.label', '=', filter.label);
    if (filter.createdBy !== undefined) q = q.where('a.created_by', '=', filter.createdBy);
    if (filter.sectionId !== undefined) {
      const sectionId = filter.sectionId;
      // A top-level section takes in its sub-sections, as its front does.
      q = q.where((eb) => eb.or([eb('a.section_id', '=', sectionId), eb('a.root_section_id', '=', sectionId)]));
    }
    if (filter.authorId !== undefined) {
      const authorId = filter.authorId;
      q = q.where('a.id', 'in', (eb) => eb.selectFrom('article_authors').select('article_id').where('author_id', '=', authorId));
    }
    const words = (filter.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, MAX_WORDS);
    for (const word of words) q = q.where(this.db.sql.containsIgnoringCase('a.headline', word));
    if (filter.cursor) {
      const cursor = decodeCursor(filter.cursor);
      if (!cursor) {
        throw new DatelineError('BAD_CURSOR', `The cursor "${filter.cursor.slice(0, 40)}" is malformed.`, {
          hint: 'Pass the nextCursor of the previous page as it is.',
        });
      }
      q = q.where((eb) => eb(eb.refTuple('a.modified_at', 'a.id'), '<', eb.tuple(cursor.publishedAt, cursor.id)));
    }
    const rows = await q.orderBy('a.modified_at', 'desc').orderBy('a.id', 'desc').limit(filter.limit + 1).execute();
    const page = rows.slice(0, filter.limit);
    const authors = await this.authorsOf(page.map((r) => r.id));
    const last = page[page.length - 1];
    return {
      rows: page.map((row) => ({ ...row, authorIds: authors.get(row.id) ?? [] })),
      nextCursor: rows.length > filter.limit && last ? encodeCursor({ publishedAt: last.modified_at, id: last.id }) : null,
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
