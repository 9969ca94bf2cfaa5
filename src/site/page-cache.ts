import { SITE_KEY } from '../domain/cache-keys.js';
import { etagOf } from '../domain/conditional-get.js';

export interface CachedPage {
  status: number;
  /**
   * Encoded once when stored: sending a string makes Node encode it on every
   * response, and pages with typographic quotes are two-byte strings in V8,
   * twice the memory of their UTF-8 bytes.
   */
  body: Buffer;
  etag: string;
  /** Keys a cache tier can purge this page by (Surrogate-Key). */
  keys: string[];
  /** Where a redirect goes. */
  location?: string | undefined;
  /** Content-Type, for cached responses that are not HTML pages (feeds, sitemaps). */
  contentType?: string | undefined;
  /** Epoch ms for a Last-Modified header (feeds, sitemaps). */
  lastModified?: number | undefined;
  storedAt: number;
}

/**
 * Rendered pages kept in memory for a short time. Pages hold relative times
 * ("22 hours ago"), so entries expire after `ttlMs` even when nothing
 * changed; a change from any process purges the pages filed under its keys
 * at once. Bounded by count and by bytes so a crawl of the whole archive
 * cannot grow the process.
 */
export type RenderedPage = Omit<CachedPage, 'storedAt' | 'etag' | 'body'> & { body: string };

export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  /** Purge key → the cached URLs filed under it. */
  private readonly byKey = new Map<string, Set<string>>();
  private bytes = 0;
  /** Counts purges; a render that one overtook may show what was purged. */
  private epoch = 0;
  /** Renders under way, by URL, with the epoch each began in. */
  private readonly rendering = new Map<string, { epoch: number; page: Promise<CachedPage> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 2000,
    private readonly maxBytes = 24 * 1024 * 1024,
  ) {}

  get(key: string, now = Date.now()): CachedPage | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now - entry.storedAt >= this.ttlMs) {
      this.remove(key, entry);
      return undefined;
    }
    // Re-insert to mark as recently used; Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /**
   * The cached page, or the page `render` makes. Concurrent misses of one
   * URL share one render: a purged front page that a hundred readers ask
   * for at once is rendered once, not a hundred times. A render that a
   * purge overtook is served to those already waiting but never kept (it
   * may show the story just withdrawn), and nobody arriving after the purge
   * joins it. `fresh` skips the cached copy (the cache tier's own fetches).
   */
  async getOrRender(key: string, render: () => Promise<RenderedPage>, options: { fresh?: boolean; keep: (page: RenderedPage) => boolean }): Promise<CachedPage> {
    if (!options.fresh) {
      const cached = this.get(key);
      if (cached) return cached;
      const under = this.rendering.get(key);
      if (under && under.epoch === this.epoch) return under.page;
    }
    const epoch = this.epoch;
    const page = render().then((made) => (options.keep(made) && this.epoch === epoch ? this.set(key, made) : toCachedPage(made)));
    const entry = { epoch, page };
    this.rendering.set(key, entry);
    try {
      return await page;
    } finally {
      if (this.rendering.get(key) === entry) this.rendering.delete(key);
    }
  }

  private remove(key: string, entry: CachedPage): void {
    this.entries.delete(key);
    this.bytes -= entry.body.length;
    for (const purgeKey of entry.keys) {
      const urls = this.byKey.get(purgeKey);
      urls?.delete(key);
      if (urls?.size === 0) this.byKey.delete(purgeKey);
    }
  }

  set(key: string, page: Omit<CachedPage, 'storedAt' | 'etag' | 'body'> & { body: string }, now = Date.now()): CachedPage {
    const entry = toCachedPage(page, now);
    if (this.ttlMs <= 0) return entry;
    const previous = this.entries.get(key);
    if (previous) this.remove(key, previous);
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    for (const purgeKey of entry.keys) {
      const urls = this.byKey.get(purgeKey);
      if (urls) urls.add(key);
      else this.byKey.set(purgeKey, new Set([key]));
    }
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.entries.entries().next().value;
      if (oldest === undefined) break;
      this.remove(oldest[0], oldest[1]);
    }
    return entry;
  }

  purge(): void {
    this.epoch++;
    this.entries.clear();
    this.byKey.clear();
    this.bytes = 0;
  }

  /** Drops every page filed under any of `keys`; `site` drops them all. Returns how many went. */
  purgeKeys(keys: readonly string[]): number {
    this.epoch++;
    if (keys.includes(SITE_KEY)) {
      const count = this.entries.size;
      this.purge();
      return count;
    }
    let count = 0;
    for (const purgeKey of keys) {
      const urls = this.byKey.get(purgeKey);
      if (!urls) continue;
      for (const url of [...urls]) {
        const entry = this.entries.get(url);
        if (entry) {
          this.remove(url, entry);
          count++;
        }
      }
    }
    return count;
  }

  /** The URLs held now. */
  urls(): string[] {
    return [...this.entries.keys()];
  }

  get size(): number {
    return this.entries.size;
  }
}

/** A response as the cache holds it, also for responses that are not cached (errors). */
export function toCachedPage(page: Omit<CachedPage, 'storedAt' | 'etag' | 'body'> & { body: string }, now = Date.now()): CachedPage {
  const body = Buffer.from(page.body, 'utf8');
  return { ...page, body, etag: etagOf(body), storedAt: now };
}
