import { DatelineError } from '../../domain/errors.js';
import type { Store } from '../../store/index.js';
import type { WireQueueItem } from '../admin-api-contract.js';

/**
 * The wire queue: agency stories the wire rules held for an editor (their
 * wire item is `held`, their story `submitted`). Publishing is the story's
 * own publish action; discarding takes the story off the queue (`withheld`,
 * wire item `skipped`) while every version stays in the wire history. A
 * later version from the agency brings it back to the queue.
 */
export class WireQueue {
  constructor(private readonly store: Store) {}

  async list(limit = 100): Promise<WireQueueItem[]> {
    const rows = await this.store.db.kysely
      .selectFrom('wire_items as w')
      .innerJoin('articles as a', 'a.id', 'w.article_id')
      .select(['w.id', 'w.uri', 'w.version', 'w.source', 'w.updated_at', 'a.id as article_id', 'a.headline'])
      .where('w.state', '=', 'held')
      .where('a.status', '=', 'submitted')
      .orderBy('w.updated_at', 'desc')
      .orderBy('w.id', 'desc')
      .limit(limit)
      .execute();
    const urgencies = await this.urgencies(rows.map((r) => ({ id: r.id, version: r.version })));
    return rows.map((row) => {
      const urgency = urgencies.get(row.id) ?? null;
      return {
        articleId: row.article_id,
        headline: row.headline,
        source: row.source,
        uri: row.uri,
        version: row.version,
        receivedAt: new Date(row.updated_at).toISOString(),
        urgency,
        reason: `Held for an editor by the wire rules of ${row.source}${urgency === null ? '' : ` (urgency ${urgency})`}.`,
      };
    });
  }

  /** Throws NOT_FOUND unless the story is in the queue now. */
  async check(articleId: number): Promise<void> {
    const row = await this.store.db.kysely
      .selectFrom('wire_items as w')
      .innerJoin('articles as a', 'a.id', 'w.article_id')
      .select('w.id')
      .where('w.article_id', '=', articleId)
      .where('w.state', '=', 'held')
      .where('a.status', '=', 'submitted')
      .executeTakeFirst();
    if (!row) {
      throw new DatelineError('NOT_FOUND', `Story ${articleId} is not in the wire queue.`, {
        hint: 'It may have been published or discarded already; GET /admin/api/wire-queue lists what waits.',
      });
    }
  }

  /** Takes a held story off the queue without publishing it. */
  async discard(articleId: number, now: Date): Promise<void> {
    await this.check(articleId);
    await this.store.sections.byId();
    await this.store.db.kysely.transaction().execute(async (trx) => {
      await this.store.articleWriter.update(articleId, { status: 'withheld' }, now, { trx });
      await trx.updateTable('wire_items').set({ state: 'skipped', updated_at: now.getTime() }).where('article_id', '=', articleId).where('state', '=', 'held').execute();
    });
  }

  /** Each item's urgency, read from the stored version it is at. */
  private async urgencies(items: Array<{ id: number; version: string }>): Promise<Map<number, number | null>> {
    const result = new Map<number, number | null>();
    if (items.length === 0) return result;
    const rows = await this.store.db.kysely
      .selectFrom('wire_versions')
      .select(['wire_item_id', 'version', 'item_json'])
      .where('wire_item_id', 'in', items.map((i) => i.id))
      .execute();
    const wanted = new Map(items.map((i) => [i.id, i.version]));
    for (const row of rows) {
      if (wanted.get(row.wire_item_id) !== row.version) continue;
      try {
        const urgency = (JSON.parse(row.item_json) as { urgency?: unknown }).urgency;
        result.set(row.wire_item_id, typeof urgency === 'number' ? urgency : null);
      } catch {
        result.set(row.wire_item_id, null);
      }
    }
    return result;
  }
}
