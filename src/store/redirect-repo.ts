import type { Kysely } from 'kysely';
import type { Db } from './database.js';
import type { Tx } from './executor.js';
import type { Database } from './schema.js';

/** Rows a multi-row insert writes at a time, well under either database's parameter limit. */
const ROWS_PER_INSERT = 300;

/**
 * Old addresses that are not a story's (a story's live in article_paths):
 * archives, feeds, author pages, `?p=` links of a site the newsroom came
 * from. Paths are stored as `normalizeRedirectPath` gives them.
 */
export class RedirectRepo {
  constructor(private readonly db: Db) {}

  /** Where an old address now lives, or undefined. `pathAndQuery` is the request's URL. */
  async find(pathAndQuery: string): Promise<string | undefined> {
    const path = normalizeRedirectPath(pathAndQuery);
    if (path === null) return undefined;
    const row = await this.db.kysely.selectFrom('redirects').select('target').where('path', '=', path).executeTakeFirst();
    return row?.target;
  }

  /** Adds a redirect unless the old address already has one (the first import to claim it keeps it). */
  async add(executor: Kysely<Database>, from: string, target: string, now = new Date()): Promise<boolean> {
    const path = normalizeRedirectPath(from);
    if (path === null || path === target || path === '/') return false;
    const result = await executor
      .insertInto('redirects')
      .values({ path, target, created_at: now.getTime() })
      .onConflict((oc) => oc.column('path').doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  /** As add, on its own: committed at once, outside any transaction of the caller's. */
  addOne(from: string, target: string, now = new Date()): Promise<boolean> {
    return this.add(this.db.kysely, from, target, now);
  }

  /**
   * Old paths of stories (their rows in article_paths) and other old
   * addresses (already normalized) in a few multi-row statements, each
   * skipped when the path is claimed. Returns how many were added.
   */
  async addMany(
    tx: Tx,
    rows: { storyPaths: ReadonlyArray<{ path: string; articleId: number }>; redirects: ReadonlyArray<{ path: string; target: string }> },
    now: Date,
  ): Promise<number> {
    let added = 0;
    const at = now.getTime();
    const storyPaths = rows.storyPaths.map((r) => ({ path: r.path, article_id: r.articleId, created_at: at }));
    for (let i = 0; i < storyPaths.length; i += ROWS_PER_INSERT) {
      const result = await tx.insertInto('article_paths').values(storyPaths.slice(i, i + ROWS_PER_INSERT)).onConflict((oc) => oc.column('path').doNothing()).executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    const redirects = rows.redirects.map((r) => ({ path: r.path, target: r.target, created_at: at }));
    for (let i = 0; i < redirects.length; i += ROWS_PER_INSERT) {
      const result = await tx.insertInto('redirects').values(redirects.slice(i, i + ROWS_PER_INSERT)).onConflict((oc) => oc.column('path').doNothing()).executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    return added;
  }

  /** Where a story lives now: the target of a redirect to it. */
  async storyPath(articleId: number): Promise<string | undefined> {
    return (await this.db.kysely.selectFrom('articles').select('path').where('id', '=', articleId).executeTakeFirst())?.path;
  }
}

/** Query parameters that name a thing on a WordPress site; any other query is dropped from the key. */
const KEPT_QUERY = ['p', 'page_id', 'attachment_id', 'cat', 'tag', 'author', 'feed'];

/**
 * The key an old address is stored and looked up under: the path decoded,
 * lower-cased, without a trailing slash; of the query only the parameters
 * that name a thing (`?p=12`), in a fixed order. Null for what is not a path.
 * @example normalizeRedirectPath('/Category/News/?utm_source=x') // '/category/news'
 */
export function normalizeRedirectPath(pathAndQuery: string): string | null {
  let url: URL;
  try {
    url = new URL(pathAndQuery, 'http://x');
  } catch {
    return null;
  }
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = url.pathname;
  }
  path = path.toLowerCase().replace(/\/+$/, '') || '/';
  const kept = KEPT_QUERY.flatMap((name) => {
    const value = url.searchParams.get(name);
    return value === null ? [] : [`${name}=${value}`];
  });
  return kept.length > 0 ? `${path}?${kept.join('&')}` : path;
}
