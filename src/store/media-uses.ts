import type { Kysely } from 'kysely';
import { articleKey, authorKey, HOME_KEY, sectionKey } from '../domain/cache-keys.js';
import { mediaReferencesIn, renditionKeyOf } from '../domain/media-references.js';
import type { Db } from './database.js';
import type { Database } from './schema.js';

/**
 * Files a picture's rendition keys (migration 0025) so the public route can
 * find the picture behind `/media/<key>` by primary key. Called wherever
 * renditions are written, in the same transaction.
 */
export async function writeMediaKeys(executor: Kysely<Database>, mediaId: number, urls: readonly string[]): Promise<void> {
  const keys = [...new Set(urls.map(renditionKeyOf).filter((k): k is string => k !== undefined))];
  await executor.deleteFrom('media_keys').where('media_id', '=', mediaId).execute();
  if (keys.length > 0) await executor.insertInto('media_keys').values(keys.map((key) => ({ key, media_id: mediaId }))).execute();
}

/**
 * Records the pictures a story's body shows (figures by id, embedded
 * rendition URLs by key), replacing what it showed before. Called with every
 * body write, in the same transaction.
 */
export async function writeArticleMedia(executor: Kysely<Database>, articleId: number, bodyHtml: string, fresh = false): Promise<void> {
  const refs = mediaReferencesIn(bodyHtml);
  // A new story with no pictures in its body (most wire copy, a big import): nothing to write.
  if (fresh && refs.ids.length === 0 && refs.keys.length === 0) return;
  const ids = new Set<number>();
  if (refs.ids.length > 0) {
    for (const row of await executor.selectFrom('media').select('id').where('id', 'in', refs.ids).execute()) ids.add(row.id);
  }
  if (refs.keys.length > 0) {
    for (const row of await executor.selectFrom('media_keys').select('media_id').where('key', 'in', refs.keys).execute()) ids.add(row.media_id);
  }
  if (!fresh) await executor.deleteFrom('article_media').where('article_id', '=', articleId).execute();
  if (ids.size > 0) await executor.insertInto('article_media').values([...ids].map((media_id) => ({ article_id: articleId, media_id }))).execute();
}

/**
 * Whether readers may fetch a picture:
 * - `public`: a story readers can see shows it (lead, body figure), or an
 *   author's picture, or a published static page embeds it; `keys` are the
 *   purge keys of what makes it public, so a change to any of them (a kill,
 *   a detached picture) drops a cached answer.
 * - `gone`: every story that showed it was withdrawn (410, like the story).
 * - `hidden`: only drafts, submitted, scheduled, embargoed or withheld
 *   stories use it, or nothing does (a library upload): 404.
 */
export type MediaAudience = { kind: 'public'; keys: string[] } | { kind: 'gone' } | { kind: 'hidden' };

const LIMIT = 200;

export class MediaUses {
  private readonly db: Kysely<Database>;

  constructor(db: Db) {
    this.db = db.kysely;
  }

  /** The pictures whose renditions include `key` (the same bytes uploaded twice are two pictures). */
  async mediaIdsOfKey(key: string): Promise<number[]> {
    const rows = await this.db.selectFrom('media_keys').select('media_id').where('key', '=', key).execute();
    return rows.map((r) => r.media_id);
  }

  /**
   * Who may see the pictures `ids`, looked up through indexes only:
   * `articles.lead_media_id`, `article_media.media_id`, `authors.picture_id`;
   * static pages (a handful of rows) are searched for the picture's id or `key`.
   */
  async audience(ids: readonly number[], now: Date, key?: string): Promise<MediaAudience> {
    if (ids.length === 0) return { kind: 'hidden' };
    const [leads, bodies, authors, pins] = await Promise.all([
      this.db.selectFrom('articles').select(['id', 'status', 'published_at']).where('lead_media_id', 'in', [...ids]).limit(LIMIT).execute(),
      this.db
        .selectFrom('article_media')
        .innerJoin('articles', 'articles.id', 'article_media.article_id')
        .select(['articles.id as id', 'articles.status as status', 'articles.published_at as published_at'])
        .where('article_media.media_id', 'in', [...ids])
        .limit(LIMIT)
        .execute(),
      this.db.selectFrom('authors').select('id').where('picture_id', 'in', [...ids]).execute(),
      // A front-only photo of a pinned story (0024): shown while the story is, on that front.
      this.db
        .selectFrom('front_slots')
        .innerJoin('articles', 'articles.id', 'front_slots.article_id')
        .select(['articles.id as id', 'articles.status as status', 'articles.published_at as published_at', 'front_slots.front as front'])
        .where('front_slots.media_id', 'in', [...ids])
        .limit(LIMIT)
        .execute(),
    ]);
    const stories = [...leads, ...bodies];
    const isVisible = (s: { status: string; published_at: number | null }) => s.status === 'published' && s.published_at !== null && Number(s.published_at) <= now.getTime();
    const visible = stories.filter(isVisible);
    const pinned = pins.filter(isVisible);
    const keys = [
      ...new Set([
        ...visible.map((s) => articleKey(s.id)),
        ...authors.map((a) => authorKey(a.id)),
        // Unpinning or re-pinning purges the front's key; the story's key covers a kill.
        ...pinned.flatMap((p) => [articleKey(p.id), p.front === 'home' ? HOME_KEY : sectionKey(Number(p.front))]),
      ]),
    ];
    if (keys.length > 0) return { kind: 'public', keys };
    if (await this.onStaticPage(ids, key)) return { kind: 'public', keys: [STATIC_PAGES_KEY] };
    if (stories.length > 0 && stories.every((s) => s.status === 'withdrawn')) return { kind: 'gone' };
    return { kind: 'hidden' };
  }

  private async onStaticPage(ids: readonly number[], key: string | undefined): Promise<boolean> {
    const patterns = [...ids.map((id) => `%data-media-id="${id}"%`), ...(key ? [`%/media/${key}%`] : [])];
    const row = await this.db
      .selectFrom('static_pages')
      .select('id')
      .where('published', '=', 1)
      .where((eb) => eb.or(patterns.map((p) => eb('body_html', 'like', p))))
      .executeTakeFirst();
    return row !== undefined;
  }
}

/** Static pages change rarely and purge the whole site when they do; a picture they show is filed under `site`. */
const STATIC_PAGES_KEY = 'site';
