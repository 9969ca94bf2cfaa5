/** The three feed formats every feed is offered in, by the file name that ends its URL. */
export const FEED_FORMATS = {
  rss: { file: 'rss.xml', type: 'application/rss+xml', name: 'RSS' },
  atom: { file: 'atom.xml', type: 'application/atom+xml', name: 'Atom' },
  json: { file: 'feed.json', type: 'application/feed+json', name: 'JSON Feed' },
} as const;

export type FeedFormat = keyof typeof FEED_FORMATS;

/** A `<link rel="alternate">` a page offers for its feeds. */
export interface FeedLink {
  type: string;
  title: string;
  href: string;
}

/** Where a page's feed in one format lives: `/news` → `/news/rss.xml`, `/` → `/rss.xml`. */
export function feedPath(pagePath: string, format: FeedFormat): string {
  const base = pagePath.replace(/\/+$/, '');
  return `${base}/${FEED_FORMATS[format].file}`;
}

/**
 * The feed links for a page's head.
 *
 * @example feedLinks('/news', 'News | Cedar Coast Dispatch')[0] // { type: 'application/rss+xml', title: 'News | Cedar Coast Dispatch (RSS)', href: '/news/rss.xml' }
 */
export function feedLinks(pagePath: string, title: string): FeedLink[] {
  return (Object.keys(FEED_FORMATS) as FeedFormat[]).map((format) => ({
    type: FEED_FORMATS[format].type,
    title: `${title} (${FEED_FORMATS[format].name})`,
    href: feedPath(pagePath, format),
  }));
}

/** A feed's title: the site's name for the whole site, else "News | Site". */
export function feedTitle(siteName: string, name?: string): string {
  return name ? `${name} | ${siteName}` : siteName;
}
