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
  /** Shared caches (Varnish, a CDN): minutes, because every change purges them. */
  sharedMaxAgeSeconds: number;
}

export function cachePolicy(config: Pick<Config, 'cacheTierSeconds'>): SharedCachePolicy {
  return { sharedMaxAgeSeconds: config.cacheTierSeconds };
}

/** How long a shared cache may serve a page while it refetches it. */
const REVALIDATE_SECONDS = 30;

/**
 * Cache-Control for a reader response. Shared caches may keep it for
 * `s-maxage` (a change purges it at once), serve it stale briefly while they
 * refetch, and for a day when every node is down (a dead node costs readers
 * nothing). Browsers cannot be purged, so they keep it for no time at all
 * (`max-age=0`) and ask again by ETag each time, a 304 of a few bytes: a
 * killed story must not stay on a reader's screen because their browser
 * kept a copy for a minute.
 */
export function readerCacheControl(policy: SharedCachePolicy): string {
  return `public, max-age=0, s-maxage=${policy.sharedMaxAgeSeconds}, stale-while-revalidate=${REVALIDATE_SECONDS}, stale-if-error=86400`;
}

/** The same keys in the three headers caches read: Varnish xkey, Fastly Surrogate-Key, Cloudflare Cache-Tag. */
export function purgeKeyHeaders(keys: readonly string[]): Record<string, string> {
  return { xkey: keys.join(' '), 'surrogate-key': keys.join(' '), 'cache-tag': keys.join(',') };
}
