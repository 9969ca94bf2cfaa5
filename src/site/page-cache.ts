import { createHash } from 'node:crypto';

export interface CachedPage {
  status: number;
  body: string;
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
 * changed; a change on this node purges at once. Bounded by count so a crawl
 * of the whole archive cannot grow the process.
 */
export class PageCache {
  private readonly entries = new Map<string, CachedPage>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 2000,
  ) {}

  get(key: string, now = Date.now()): CachedPage | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now - entry.storedAt >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-insert to mark as recently used; Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, page: Omit<CachedPage, 'storedAt' | 'etag'>, now = Date.now()): CachedPage {
    const entry: CachedPage = { ...page, etag: etagOf(page.body), storedAt: now };
    if (this.ttlMs <= 0) return entry;
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return entry;
  }

  purge(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

export function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}
