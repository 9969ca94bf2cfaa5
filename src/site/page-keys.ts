import type { Config } from '../config.js';
import { articleKey, SITE_KEY } from '../domain/cache-keys.js';

/**
 * The purge keys of a page: `site` (so one purge can empty everything), the
 * lists it is ("home", a section's front, an author's page …), and the key
 * of every story it shows, so an edit to any of them drops this page too.
 *
 * @example pageKeys(['home'], [{ id: 3 }, { id: 9 }]) // ['site', 'home', 'a3', 'a9']
 */
export function pageKeys(own: readonly string[], shown: Iterable<{ id: number } | null | undefined> = []): string[] {
  const keys = new Set([SITE_KEY, ...own]);
  for (const story of shown) if (story) keys.add(articleKey(story.id));
  return [...keys];
}

export interface SharedCachePolicy {
  /** Browsers: as long as this node keeps the page in memory. */
  maxAgeSeconds: number;
  /** Shared caches (Varnish, a CDN): longer, because every change purges them. */
  sharedMaxAgeSeconds: number;
}

export function cachePolicy(config: Pick<Config, 'pageCacheSeconds' | 'cacheTierSeconds'>): SharedCachePolicy {
  return { maxAgeSeconds: config.pageCacheSeconds, sharedMaxAgeSeconds: config.cacheTierSeconds };
}

/**
 * Cache-Control for a reader response. Shared caches may keep it for
 * `s-maxage`, serve it stale for a short while as they refetch, and serve it
 * stale for a day when every node is down (a dead node costs readers nothing).
 */
export function readerCacheControl(policy: SharedCachePolicy): string {
  const { maxAgeSeconds, sharedMaxAgeSeconds } = policy;
  return `public, max-age=${maxAgeSeconds}, s-maxage=${sharedMaxAgeSeconds}, stale-while-revalidate=${Math.max(30, maxAgeSeconds)}, stale-if-error=86400`;
}

/** The same keys in the three headers caches read: Varnish xkey, Fastly Surrogate-Key, Cloudflare Cache-Tag. */
export function purgeKeyHeaders(keys: readonly string[]): Record<string, string> {
  return { xkey: keys.join(' '), 'surrogate-key': keys.join(' '), 'cache-tag': keys.join(',') };
}
