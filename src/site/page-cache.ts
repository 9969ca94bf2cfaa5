import { createHash } from 'node:crypto';

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
 * changed; a change on this node purges at once. Bounded by count and by
 * bytes so a crawl of the whole archive cannot grow the process.
 */
export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private bytes = 0;

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

  private remove(key: string, entry: CachedPage): void {
    this.entries.delete(key);
    this.bytes -= entry.body.length;
  }

  set(key: string, page: Omit<CachedPage, 'storedAt' | 'etag' | 'body'> & { body: string }, now = Date.now()): CachedPage {
    const entry = toCachedPage(page, now);
    if (this.ttlMs <= 0) return entry;
    const previous = this.entries.get(key);
    if (previous) this.remove(key, previous);
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.entries.entries().next().value;
      if (oldest === undefined) break;
      this.remove(oldest[0], oldest[1]);
    }
    return entry;
  }

  purge(): void {
    this.entries.clear();
    this.bytes = 0;
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

export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}
