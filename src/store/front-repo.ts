import type { Generated, Kysely } from 'kysely';
import type { Teaser } from '../domain/article.js';
import type { FrontPin } from '../domain/front-layout.js';
import { type ArticleReader, TEASER_BODY_OPENING, type TeaserReadOptions, type TeaserRow } from './article-reader.js';
import type { Db } from './database.js';
import type { MediaRepo } from './media-repo.js';
import type { Database } from './schema.js';

/** Migration 0024: a pinned slot of a front. */
export interface FrontSlotTable {
  id: Generated<number>;
  /** `home`, or a section's id. */
  front: string;
  slot: number;
  article_id: number;
  /** Front-only headline; null: the story's own. */
  headline: string | null;
  /** Front-only photo; null: the story's lead photo. */
  media_id: number | null;
  /** When the pin ends (epoch ms); null: until someone changes it. */
  expires_at: number | null;
  pinned_at: number;
  pinned_by: number | null;
}

/** A pin as the newsroom sees it, whatever its story's state. */
export interface PinRecord {
  front: string;
  slot: number;
  articleId: number;
  headline: string | null;
  mediaId: number | null;
  expiresAt: Date | null;
  pinnedAt: Date;
  pinnedBy: number | null;
}

/** A pinned story's state, as the desk explains a pin. */
export interface PinnedStory {
  id: number;
  headline: string;
  path: string;
  status: string;
  label: string;
  publishedAt: Date | null;
}

export interface PinInput {
  articleId: number;
  headline: string | null;
  mediaId: number | null;
  expiresAt: Date | null;
  pinnedBy: number | null;
}

const toRecord = (row: {
  front: string;
  slot: number;
  article_id: number;
  headline: string | null;
  media_id: number | null;
  expires_at: number | string | null;
  pinned_at: number | string;
  pinned_by: number | null;
}): PinRecord => ({
  front: row.front,
  slot: Number(row.slot),
  articleId: row.article_id,
  headline: row.headline,
  mediaId: row.media_id,
  expiresAt: row.expires_at === null ? null : new Date(Number(row.expires_at)),
  pinnedAt: new Date(Number(row.pinned_at)),
  pinnedBy: row.pinned_by,
});

/**
 * The pins of curated fronts. Readers get only pins that hold now and whose
 * stories they may see (published, not sponsored, not embargoed): one seek on
 * `front_slots_front` joined to the stories by key, so a front costs the same
 * at any number of stories. Writes take the caller's transaction, which also
 * records the change (src/newsroom/fronts).
 */
export class FrontRepo {
  constructor(
    private readonly db: Db,
    private readonly articles: ArticleReader,
    private readonly media: MediaRepo,
  ) {}

  /**
   * The front's pins readers see at `now`, with their stories as teasers and
   * front-only photos. With `kept`, the stories' teasers come from those kept
   * between renders (the reader's fronts; see KeptTeasers).
   */
  async readerPins(front: string, now: Date, options: TeaserReadOptions = {}): Promise<FrontPin<Teaser>[]> {
    const at = now.getTime();
    const pinned = () =>
      this.db.kysely
        .selectFrom('front_slots as f')
        .innerJoin('articles as a', 'a.id', 'f.article_id')
        .select(['a.id', 'f.slot', 'f.headline as front_headline', 'f.media_id as front_media_id', 'f.expires_at'])
        .where('f.front', '=', front)
        .where((eb) => eb.or([eb('f.expires_at', 'is', null), eb('f.expires_at', '>', at)]))
        .where('a.status', '=', 'published')
        .where('a.label', '<>', 'sponsored')
        .where('a.published_at', '<=', at)
        .orderBy('f.slot');
    let rows: Array<{ id: number; slot: number; front_headline: string | null; front_media_id: number | null; expires_at: number | null }>;
    let stories: Promise<Map<number, Teaser>>;
    if (options.kept && (await this.articles.keptUsable(options))) {
      rows = await pinned().execute();
      stories = this.articles.teasersById(rows.map((r) => r.id));
    } else {
      const full: Array<TeaserRow & (typeof rows)[number]> = await pinned()
        .select(['a.path', 'a.headline', 'a.summary', TEASER_BODY_OPENING, 'a.label', 'a.section_id', 'a.published_at', 'a.lead_media_id', 'a.sponsor_id'])
        .execute();
      rows = full;
      stories = this.articles.teasers(full).then((teasers) => new Map(teasers.map((t) => [t.id, t])));
    }
    if (rows.length === 0) return [];
    const overrides = rows.flatMap((r) => (r.front_media_id === null ? [] : [r.front_media_id]));
    const [byId, media] = await Promise.all([stories, this.media.many(overrides)]);
    return rows.map((r) => ({
      slot: Number(r.slot),
      story: byId.get(r.id),
      headline: r.front_headline,
      media: r.front_media_id === null ? null : (media.get(r.front_media_id) ?? null),
      expiresAt: r.expires_at === null ? null : new Date(Number(r.expires_at)),
    }));
  }

  /** Every pin of a front, expired or not, whatever its story's state (the newsroom shows why one is hidden). */
  async pins(front: string, executor: Kysely<Database> = this.db.kysely): Promise<PinRecord[]> {
    const rows = await executor.selectFrom('front_slots').selectAll().where('front', '=', front).orderBy('slot').execute();
    return rows.map(toRecord);
  }

  /** Puts a story in a slot, replacing whatever was pinned there. */
  async pin(executor: Kysely<Database>, front: string, slot: number, input: PinInput, now: Date): Promise<void> {
    const values = {
      article_id: input.articleId,
      headline: input.headline,
      media_id: input.mediaId,
      expires_at: input.expiresAt?.getTime() ?? null,
      pinned_at: now.getTime(),
      pinned_by: input.pinnedBy,
    };
    // A story sits in one slot of a front: pinning it elsewhere moves it.
    await executor.deleteFrom('front_slots').where('front', '=', front).where('article_id', '=', input.articleId).where('slot', '<>', slot).execute();
    await executor
      .insertInto('front_slots')
      .values({ front, slot, ...values })
      .onConflict((oc) => oc.columns(['front', 'slot']).doUpdateSet(values))
      .execute();
  }

  /** Takes the pin out of a slot; whether there was one. */
  async unpin(executor: Kysely<Database>, front: string, slot: number): Promise<boolean> {
    const result = await executor.deleteFrom('front_slots').where('front', '=', front).where('slot', '=', slot).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Moves the pin in `from` to `to`; a pin already in `to` takes `from` (the two swap). */
  async move(executor: Kysely<Database>, front: string, from: number, to: number): Promise<void> {
    if (from === to) return;
    // Through a free slot number, so the unique (front, slot) index never sees two rows in one slot.
    const parked = -1 - from;
    await executor.updateTable('front_slots').set({ slot: parked }).where('front', '=', front).where('slot', '=', from).execute();
    await executor.updateTable('front_slots').set({ slot: from }).where('front', '=', front).where('slot', '=', to).execute();
    await executor.updateTable('front_slots').set({ slot: to }).where('front', '=', front).where('slot', '=', parked).execute();
  }

  /** How many pins hold at `now` on each front that has any, by front key. */
  async holdingCounts(now: Date): Promise<Map<string, number>> {
    const rows = await this.db.kysely
      .selectFrom('front_slots')
      .select((eb) => ['front', eb.fn.countAll<number>().as('pins')])
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now.getTime())]))
      .groupBy('front')
      .execute();
    return new Map(rows.map((r) => [r.front, Number(r.pins)]));
  }

  /** What the desk needs to say why a pinned story shows or not, whatever the story's state. */
  async pinnedStories(ids: readonly number[]): Promise<PinnedStory[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.kysely
      .selectFrom('articles')
      .select(['id', 'headline', 'path', 'status', 'label', 'published_at'])
      .where('id', 'in', [...ids])
      .execute();
    return rows.map((r) => ({ id: r.id, headline: r.headline, path: r.path, status: r.status, label: r.label, publishedAt: r.published_at === null ? null : new Date(Number(r.published_at)) }));
  }

  /** Deletes the front's pins that ended by `now`; how many. */
  async deleteExpired(executor: Kysely<Database>, front: string, now: Date): Promise<number> {
    const result = await executor
      .deleteFrom('front_slots')
      .where('front', '=', front)
      .where('expires_at', 'is not', null)
      .where('expires_at', '<=', now.getTime())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
