import type { ExpressionBuilder } from 'kysely';
import type { Db } from './database.js';
import type { Tx } from './executor.js';
import type { Database } from './schema.js';

/** Story statuses a held wire item may wait with: new copy (submitted), a story an editor unpublished (draft) or discarded (withheld). */
const WAITING = ['submitted', 'draft', 'withheld'] as const;

/** A held item waits while its story is one of WAITING, or withdrawn with a note saying why the agency's update waits. */
const waits = (eb: ExpressionBuilder<Database, 'wire_items' | 'articles'>) =>
  eb.or([eb('articles.status', 'in', [...WAITING]), eb.and([eb('articles.status', '=', 'withdrawn'), eb('wire_items.desk_note', 'is not', null)])]);

/** A held wire item in the queue, with its story. */
export interface QueuedWireRow {
  id: number;
  uri: string;
  version: string;
  source: string;
  agency: string | null;
  desk_note: string | null;
  updated_at: number;
  article_id: number;
  headline: string;
  summary: string;
  dateline: string | null;
  body_html: string;
  status: string;
}

/**
 * The wire queue's rows: agency stories the wire rules held for an editor,
 * and agency updates to stories an editor took off the site
 * (src/newsroom/articles/wire-queue.ts says what each means to the desk).
 */
export class WireQueueRepo {
  constructor(private readonly db: Db) {}

  /** What waits, most recently received first. */
  async waiting(limit: number): Promise<QueuedWireRow[]> {
    const rows = await this.db.kysely
      .selectFrom('wire_items')
      .innerJoin('articles', 'articles.id', 'wire_items.article_id')
      .select([
        'wire_items.id',
        'wire_items.uri',
        'wire_items.version',
        'wire_items.source',
        'wire_items.agency',
        'wire_items.desk_note',
        'wire_items.updated_at',
        'articles.id as article_id',
        'articles.headline',
        'articles.summary',
        'articles.dateline',
        'articles.body_html',
        'articles.status',
      ])
      .where('wire_items.state', '=', 'held')
      .where(waits)
      .orderBy('wire_items.updated_at', 'desc')
      .orderBy('wire_items.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, updated_at: Number(r.updated_at) }));
  }

  /** The story's held item if it waits in the queue now, with the story's status and body. */
  queued(articleId: number): Promise<{ id: number; status: string; body_html: string } | undefined> {
    return this.db.kysely
      .selectFrom('wire_items')
      .innerJoin('articles', 'articles.id', 'wire_items.article_id')
      .select(['wire_items.id', 'articles.status', 'articles.body_html'])
      .where('wire_items.article_id', '=', articleId)
      .where('wire_items.state', '=', 'held')
      .where(waits)
      .executeTakeFirst();
  }

  /** The story's held item goes live: later versions follow the story. */
  async markLive(articleId: number, now: Date): Promise<void> {
    await this.db.kysely
      .updateTable('wire_items')
      .set({ state: 'live', desk_note: null, updated_at: now.getTime() })
      .where('article_id', '=', articleId)
      .where('state', '=', 'held')
      .execute();
  }

  /** The story's held item leaves the queue unpublished (its versions stay in the wire history). */
  async markSkipped(tx: Tx, articleId: number, now: Date): Promise<void> {
    await tx
      .updateTable('wire_items')
      .set({ state: 'skipped', desk_note: null, updated_at: now.getTime() })
      .where('article_id', '=', articleId)
      .where('state', '=', 'held')
      .execute();
  }

  /** Each story's byline names, in order. */
  async bylines(articleIds: readonly number[]): Promise<Map<number, string[]>> {
    const result = new Map<number, string[]>();
    if (articleIds.length === 0) return result;
    const rows = await this.db.kysely
      .selectFrom('article_authors as aa')
      .innerJoin('authors as au', 'au.id', 'aa.author_id')
      .select(['aa.article_id', 'au.name'])
      .where('aa.article_id', 'in', [...articleIds])
      .orderBy('aa.article_id')
      .orderBy('aa.position')
      .execute();
    for (const row of rows) result.set(row.article_id, [...(result.get(row.article_id) ?? []), row.name]);
    return result;
  }

  /** The stored JSON of each item at the version it is at (items without that version stored are left out). */
  async currentVersionsJson(items: ReadonlyArray<{ id: number; version: string }>): Promise<Map<number, string>> {
    const result = new Map<number, string>();
    if (items.length === 0) return result;
    const rows = await this.db.kysely
      .selectFrom('wire_versions')
      .select(['wire_item_id', 'version', 'item_json'])
      .where(
        'wire_item_id',
        'in',
        items.map((i) => i.id),
      )
      .execute();
    const wanted = new Map(items.map((i) => [i.id, i.version]));
    for (const row of rows) if (wanted.get(row.wire_item_id) === row.version) result.set(row.wire_item_id, row.item_json);
    return result;
  }
}
