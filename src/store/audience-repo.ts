import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './database.js';

/** What a count is kept by: the whole site, a story, a section, or the domain a reader came from. */
export type AudienceDim = 'site' | 'story' | 'section' | 'referrer';

/** Grains of the counts: a UTC day (kept), an hour (kept two days), five minutes (kept two hours). */
export type Grain = 'd' | 'h' | 'm';

export const GRAIN_MS: Record<Grain, number> = { d: 86_400_000, h: 3_600_000, m: 300_000 };
const KEEP_MS: Record<Exclude<Grain, 'd'>, number> = { h: 2 * 86_400_000, m: 2 * 3_600_000 };

/** One counted view as the collector batched it: when, the visitor hash, and what it counts toward. */
export interface CountedView {
  at: number;
  visitor: string;
  dims: ReadonlyArray<readonly [AudienceDim, string]>;
}

export interface CountRow {
  key: string;
  views: number;
  visitors: number;
}

export interface SeriesPoint {
  bucket: number;
  views: number;
  visitors: number;
}

const CHUNK = 400;

export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/**
 * The SQL of audience numbers. A flush turns a batch of views into
 * upserted counts in one transaction; visitors are counted once per day
 * and dimension through `audience_visitors`, whose rows (hashes only) are
 * deleted with the day's salt once the day is over.
 */
export class AudienceRepo {
  constructor(private readonly db: Db) {}

  /** The salt of a UTC day, made by whichever node asks first; earlier days' salts are deleted. */
  async saltFor(day: string): Promise<string> {
    const k = this.db.kysely;
    const existing = await k.selectFrom('audience_salts').select('salt').where('day', '=', day).executeTakeFirst();
    if (existing) return existing.salt;
    await k
      .insertInto('audience_salts')
      .values({ day, salt: randomBytes(32).toString('base64url') })
      .onConflict((oc) => oc.column('day').doNothing())
      .execute();
    await k.deleteFrom('audience_salts').where('day', '<', day).execute();
    return (await k.selectFrom('audience_salts').select('salt').where('day', '=', day).executeTakeFirstOrThrow()).salt;
  }

  /** Adds a batch of views to the counts in one transaction. */
  async flush(views: readonly CountedView[]): Promise<void> {
    if (views.length === 0) return;
    // First sight of each (day, dim, key, visitor) in this batch, with its time (for the hour it is counted in).
    const firstSeen = new Map<string, { day: string; dim: string; key: string; visitor: string; at: number }>();
    const totals = new Map<string, { grain: Grain; bucket: number; dim: string; key: string; views: number; visitors: number }>();
    const bump = (grain: Grain, at: number, dim: string, key: string, viewsAdd: number, visitorsAdd: number) => {
      const bucket = at - (at % GRAIN_MS[grain]);
      const id = `${grain}|${bucket}|${dim}|${key}`;
      const entry = totals.get(id) ?? { grain, bucket, dim, key, views: 0, visitors: 0 };
      entry.views += viewsAdd;
      entry.visitors += visitorsAdd;
      totals.set(id, entry);
    };
    for (const view of views) {
      const day = utcDay(view.at);
      for (const [dim, key] of view.dims) {
        for (const grain of ['d', 'h', 'm'] as const) bump(grain, view.at, dim, key, 1, 0);
        const id = `${day}|${dim}|${key}|${view.visitor}`;
        if (!firstSeen.has(id)) firstSeen.set(id, { day, dim, key, visitor: view.visitor, at: view.at });
      }
    }
    await this.db.kysely.transaction().execute(async (trx) => {
      const seen = [...firstSeen.values()];
      for (let i = 0; i < seen.length; i += CHUNK) {
        const chunk = seen.slice(i, i + CHUNK);
        const inserted = await trx
          .insertInto('audience_visitors')
          .values(chunk.map((s) => ({ day: s.day, dim: s.dim, dim_key: s.key, visitor: s.visitor })))
          .onConflict((oc) => oc.columns(['day', 'dim', 'dim_key', 'visitor']).doNothing())
          .returning(['day', 'dim', 'dim_key', 'visitor'])
          .execute();
        // A visitor new today counts in the day, and in the hour and five minutes they first came.
        for (const row of inserted) {
          const first = firstSeen.get(`${row.day}|${row.dim}|${row.dim_key}|${row.visitor}`)!;
          for (const grain of ['d', 'h', 'm'] as const) bump(grain, first.at, row.dim, row.dim_key, 0, 1);
        }
      }
      const rows = [...totals.values()];
      for (let i = 0; i < rows.length; i += CHUNK) {
        await trx
          .insertInto('audience_counts')
          .values(rows.slice(i, i + CHUNK).map((r) => ({ grain: r.grain, bucket: r.bucket, dim: r.dim, dim_key: r.key, views: r.views, visitors: r.visitors })))
          .onConflict((oc) =>
            oc.columns(['grain', 'bucket', 'dim', 'dim_key']).doUpdateSet({
              views: sql`audience_counts.views + excluded.views`,
              visitors: sql`audience_counts.visitors + excluded.visitors`,
            }),
          )
          .execute();
      }
    });
  }

  /** Deletes what must not outlive its day (visitor hashes, salts) and fine-grained counts past their keep time. */
  async prune(now: Date): Promise<void> {
    const k = this.db.kysely;
    const today = utcDay(now.getTime());
    await k.deleteFrom('audience_visitors').where('day', '<', today).execute();
    await k.deleteFrom('audience_salts').where('day', '<', today).execute();
    for (const grain of ['h', 'm'] as const) {
      await k.deleteFrom('audience_counts').where('grain', '=', grain).where('bucket', '<', now.getTime() - KEEP_MS[grain]).execute();
    }
  }

  /** Views and visitors of one dimension key (default the whole site) bucket by bucket from `from`. */
  async series(grain: Grain, from: Date, dim: AudienceDim = 'site', key = ''): Promise<SeriesPoint[]> {
    const rows = await this.db.kysely
      .selectFrom('audience_counts')
      .select(['bucket', 'views', 'visitors'])
      .where('grain', '=', grain)
      .where('dim', '=', dim)
      .where('dim_key', '=', key)
      .where('bucket', '>=', from.getTime())
      .orderBy('bucket')
      .execute();
    return rows.map((r) => ({ bucket: Number(r.bucket), views: Number(r.views), visitors: Number(r.visitors) }));
  }

  /**
   * The keys of a dimension with the most views from `from` on. Visitors
   * are summed over buckets, so across days one reader counts once a day.
   */
  async top(dim: AudienceDim, grain: Grain, from: Date, limit: number, keys?: readonly string[]): Promise<CountRow[]> {
    if (keys && keys.length === 0) return [];
    const rows = await this.db.kysely
      .selectFrom('audience_counts')
      .select(['dim_key', (eb) => eb.fn.sum<number>('views').as('views'), (eb) => eb.fn.sum<number>('visitors').as('visitors')])
      .where('grain', '=', grain)
      .where('dim', '=', dim)
      .where('bucket', '>=', from.getTime())
      .$if(keys !== undefined, (qb) => qb.where('dim_key', 'in', keys!))
      .groupBy('dim_key')
      .orderBy('views', 'desc')
      .orderBy('dim_key')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ key: r.dim_key, views: Number(r.views), visitors: Number(r.visitors) }));
  }
}
