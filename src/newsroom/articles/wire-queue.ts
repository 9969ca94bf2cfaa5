import { DatelineError } from '../../domain/errors.js';
import { textOfHtml } from '../../domain/excerpt.js';
import { type Store, WireQueueRepo } from '../../store/index.js';
import type { WireQueueItem } from '../admin-api-contract.js';

/**
 * The wire queue: agency stories the wire rules held for an editor (their
 * wire item is `held`), and agency updates to stories an editor took off the
 * site, which wait here with a note instead of going back out. Publishing is
 * the story's own publish action; discarding takes the item off the queue
 * while every version stays in the wire history. A later version from the
 * agency brings it back to the queue.
 */
export class WireQueue {
  private readonly rows: WireQueueRepo;

  constructor(private readonly store: Store) {
    this.rows = new WireQueueRepo(store.db);
  }

  async list(limit = 100): Promise<WireQueueItem[]> {
    const rows = await this.rows.waiting(limit);
    const urgencies = await this.urgencies(rows.map((r) => ({ id: r.id, version: r.version })));
    const bylines = await this.rows.bylines(rows.map((r) => r.article_id));
    return rows.map((row) => {
      const urgency = urgencies.get(row.id) ?? null;
      const agency = row.agency ?? sourceName(row.source);
      const hasBody = textOfHtml(row.body_html).trim().length > 0;
      return {
        articleId: row.article_id,
        headline: row.headline,
        agency,
        source: row.source,
        uri: row.uri,
        version: row.version,
        receivedAt: new Date(row.updated_at).toISOString(),
        urgency,
        status: row.status as WireQueueItem['status'],
        byline: bylines.get(row.article_id) ?? [],
        dateline: row.dateline,
        summary: row.summary,
        // Sanitized on the way in by the wire's allow-list: the desk reads it as readers would.
        bodyHtml: row.body_html,
        hasBody,
        canPublish: row.status !== 'withdrawn' && hasBody,
        reason: row.desk_note ?? `Held for an editor by the wire rules for ${agency}${urgency === null ? '' : ` (urgency ${urgency})`}.`,
      };
    });
  }

  /** Throws NOT_FOUND unless the story is in the queue now, CONFLICT when it cannot go out as it is. */
  async check(articleId: number): Promise<void> {
    const row = await this.queued(articleId);
    if (!row) {
      throw new DatelineError('NOT_FOUND', `Story ${articleId} is not in the wire queue.`, {
        hint: 'It may have been published or discarded already; reload the wire queue to see what waits.',
      });
    }
    if (row.status === 'withdrawn') {
      throw new DatelineError('CONFLICT', 'An editor withdrew this story for good, so the agency’s update cannot be published.', {
        hint: 'Discard the update, or write a new story from it.',
      });
    }
    if (textOfHtml(row.body_html).trim() === '') {
      throw new DatelineError('CONFLICT', 'This story arrived without a body, so there is nothing to publish yet.', {
        hint: 'Open it in the editor, write the story, save, then publish.',
      });
    }
  }

  /** After the story went out from the queue: its wire item is live and later versions follow it. */
  async published(articleId: number, now: Date): Promise<void> {
    await this.rows.markLive(articleId, now);
  }

  /** Takes a held item off the queue without publishing it; new copy is withheld, a story already taken off stays as it is. */
  async discard(articleId: number, now: Date): Promise<void> {
    const row = await this.queued(articleId);
    if (!row) {
      throw new DatelineError('NOT_FOUND', `Story ${articleId} is not in the wire queue.`, {
        hint: 'It may have been published or discarded already; reload the wire queue to see what waits.',
      });
    }
    await this.store.sections.byId();
    const events = await this.store.transaction(async (trx) => {
      const written = row.status === 'submitted' ? await this.store.articleWriter.update(articleId, { status: 'withheld' }, now, { trx }) : null;
      await this.rows.markSkipped(trx, articleId, now);
      return written?.recorded ? [written.recorded] : [];
    });
    this.store.articleWriter.announce(events);
  }

  private queued(articleId: number) {
    return this.rows.queued(articleId);
  }

  /** Each item's urgency, read from the stored version it is at. */
  private async urgencies(items: Array<{ id: number; version: string }>): Promise<Map<number, number | null>> {
    const result = new Map<number, number | null>();
    if (items.length === 0) return result;
    const stored = await this.rows.currentVersionsJson(items);
    for (const [id, json] of stored) {
      try {
        const urgency = (JSON.parse(json) as { urgency?: unknown }).urgency;
        result.set(id, typeof urgency === 'number' ? urgency : null);
      } catch {
        // A version row that does not parse shows without an urgency.
        result.set(id, null);
      }
    }
    return result;
  }
}

/** For items stored before the agency was kept: `push:pws` → `pws`, `file:/srv/wire/a.json` → `a.json`. */
function sourceName(source: string): string {
  const rest = source.replace(/^(file|http|inbox|poll):/, '');
  return rest.split(/[\\/]/).pop() || rest;
}
