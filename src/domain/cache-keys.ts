/**
 * Purge keys: the names a cached response is filed under, so a change drops
 * exactly the responses that show what changed. One vocabulary for the
 * in-process page cache and the cache tier (Varnish `xkey`, Fastly
 * `Surrogate-Key`, Cloudflare `Cache-Tag`); writers compute a change's keys
 * here and pages carry theirs from here, so the two cannot drift.
 *
 * Every reader response carries `site`, so purging `site` empties the cache
 * (a renamed section changes the menu on every page).
 */
export const SITE_KEY = 'site';
/** The home page and the site-wide feeds: any story coming or going changes them. */
export const HOME_KEY = 'home';
/** Sitemaps list every story with its last change. */
export const SITEMAPS_KEY = 'sitemaps';

export const articleKey = (id: number) => `a${id}`;
/**
 * A story's own page only: what shows nowhere else (its Topics line, its Related block). Purging it
 * leaves the fronts and lists that show the story's headline alone.
 */
export const storyPageKey = (id: number) => `ap${id}`;
/** A section front and its feeds: the list of its stories. */
export const sectionKey = (id: number) => `s${id}`;
/** An author's page and feeds. */
export const authorKey = (id: number) => `au${id}`;
/** A tag's page and feeds. */
export const tagKey = (id: number) => `t${id}`;
/** A topic page (a confirmed person, organization or place) and its feeds. */
export const topicKey = (id: number) => `tp${id}`;

/** The job that purges a change's keys from the cache tier (payload `{ keys, mode: 'soft' | 'hard' }`). */
export const CACHE_PURGE_JOB = 'cache.purge';

/** What a story belongs to: the lists that show it. */
export interface StoryPlacement {
  sectionId: number;
  rootSectionId: number;
  authorIds: readonly number[];
  tagIds: readonly number[];
}

/** A change's keys and how hard they are purged. */
export interface PurgeSet {
  keys: string[];
  /**
   * A kill or a withdrawal: the old copy must never be served again, not
   * even stale while a cache refetches (a legal takedown). Updates are soft.
   */
  hard: boolean;
}

function listKeys(placement: StoryPlacement): string[] {
  return [
    sectionKey(placement.sectionId),
    sectionKey(placement.rootSectionId),
    ...placement.authorIds.map(authorKey),
    ...placement.tagIds.map(tagKey),
  ];
}

/**
 * The keys a story event purges. Every page that shows the story carries its
 * own key, so an edit purges just that key; the lists it belongs to are
 * purged only when what they hold changes (it appeared, left, or moved to
 * another section, byline or tag), so a busy wire updating its stories does
 * not empty the fronts every second.
 *
 * @example storyPurge(12, 'updated', same, same) // { keys: ['a12', 'sitemaps'], hard: false }
 */
export function storyPurge(
  id: number,
  kind: 'published' | 'updated' | 'corrected' | 'withdrawn' | 'changed',
  before: StoryPlacement | null,
  after: StoryPlacement,
): PurgeSet {
  const keys = new Set([articleKey(id), SITEMAPS_KEY]);
  const membershipChanged = kind === 'published' || kind === 'withdrawn';
  const afterKeys = listKeys(after);
  const beforeKeys = before ? listKeys(before) : [];
  if (membershipChanged) {
    keys.add(HOME_KEY);
    for (const key of [...beforeKeys, ...afterKeys]) keys.add(key);
  } else {
    // Lists it left or joined; lists it stays in carry its own key already.
    const was = new Set(beforeKeys);
    const is = new Set(afterKeys);
    for (const key of beforeKeys) if (!is.has(key)) keys.add(key);
    for (const key of afterKeys) if (!was.has(key)) keys.add(key);
  }
  return { keys: [...keys], hard: kind === 'withdrawn' };
}

/** Several purges as one (a batch of wire stories committed together). */
export function mergePurges(purges: readonly PurgeSet[]): PurgeSet {
  const keys = new Set<string>();
  let hard = false;
  for (const purge of purges) {
    for (const key of purge.keys) keys.add(key);
    hard ||= purge.hard;
  }
  return { keys: [...keys], hard };
}

/**
 * Past this many keys a purge names the whole site instead: a rename of an
 * author with ten thousand stories is rare, and one `site` purge is cheaper
 * than a header ten thousand keys long.
 */
export const MAX_PURGE_KEYS = 500;

export function boundedPurge(purge: PurgeSet): PurgeSet {
  return purge.keys.length > MAX_PURGE_KEYS ? { keys: [SITE_KEY], hard: purge.hard } : purge;
}
