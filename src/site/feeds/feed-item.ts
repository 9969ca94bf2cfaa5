/** A picture attached to a feed item: the 1280-wide JPEG rendition of the story's lead picture. */
export interface FeedImage {
  /** Absolute URL. */
  url: string;
  type: string;
  /** File size in bytes, as RSS enclosures need. */
  length: number;
  width: number;
  height: number;
  caption: string;
  credit: string;
}

/** One story as every feed format sees it; the writers only change its shape. */
export interface FeedItem {
  /** Permanent id (a tag URI): the same through headline, slug and wire updates. */
  id: string;
  /** The story's id in the store, for the feed's purge keys. */
  storyId: number;
  title: string;
  /** Absolute current URL. */
  url: string;
  published: Date;
  /** Last change readers should know about; the published time when there was none. */
  updated: Date;
  /** Last change of any kind, for Last-Modified. */
  modified: Date;
  authors: Array<{ name: string; url: string }>;
  /** The story's section first, then its tags. */
  categories: Array<{ name: string; term: string; url: string }>;
  /** Plain text. */
  summary: string;
  /** The body's HTML when the site sends whole stories; null in summary mode. */
  contentHtml: string | null;
  image: FeedImage | null;
}

/** A whole feed: its own description and items, newest first. */
export interface FeedChannel {
  title: string;
  description: string;
  /** Absolute URL of the page the feed follows. */
  homeUrl: string;
  /** Absolute URLs of this feed in every format. */
  urls: { rss: string; atom: string; json: string };
  siteName: string;
  siteUrl: string;
  /** Absolute URL of the site's logo. */
  logoUrl: string;
  language: string;
  /** Newest significant change among the items (now, when there are none). */
  updated: Date;
  items: FeedItem[];
}

/**
 * The permanent id of a story in feeds: a tag URI (RFC 4151) from the site's
 * host, the year the story's record was made, and its id. Neither changes
 * when the headline, slug or section does, so readers never see a story twice.
 *
 * @example feedItemId('https://news.example.test', new Date('2026-03-10T00:00:00Z'), 123) // 'tag:news.example.test,2026:article-123'
 */
export function feedItemId(siteUrl: string, createdAt: Date, articleId: number): string {
  return `tag:${new URL(siteUrl).hostname},${createdAt.getUTCFullYear()}:article-${articleId}`;
}

/** When a feed last changed in any way, for Last-Modified; undefined for an empty feed. */
export function lastModifiedOf(items: readonly FeedItem[]): number | undefined {
  if (items.length === 0) return undefined;
  return Math.max(...items.map((i) => Math.max(i.modified.getTime(), i.updated.getTime(), i.published.getTime())));
}
