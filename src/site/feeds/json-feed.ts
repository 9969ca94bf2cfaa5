import type { FeedChannel, FeedItem } from './feed-item.js';

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

/** JSON Feed 1.1 (`authors`, `language`). Item ids are the permanent tag URIs. */
export function jsonFeed(channel: FeedChannel): string {
  const feed = {
    version: JSON_FEED_VERSION,
    title: channel.title,
    home_page_url: channel.homeUrl,
    feed_url: channel.urls.json,
    description: channel.description,
    icon: channel.logoUrl,
    favicon: channel.logoUrl,
    language: channel.language,
    authors: [{ name: channel.siteName, url: channel.siteUrl }],
    items: channel.items.map((item) => jsonItem(item, channel.language)),
  };
  return JSON.stringify(feed);
}

function jsonItem(item: FeedItem, language: string) {
  return {
    id: item.id,
    url: item.url,
    title: item.title,
    summary: item.summary,
    ...(item.contentHtml === null ? { content_text: item.summary } : { content_html: item.contentHtml }),
    image: item.image?.url,
    date_published: item.published.toISOString(),
    date_modified: item.updated.toISOString(),
    authors: item.authors.map((a) => ({ name: a.name, url: a.url })),
    tags: item.categories.map((c) => c.name),
    language,
    attachments: item.image
      ? [{ url: item.image.url, mime_type: item.image.type, size_in_bytes: item.image.length, title: item.image.caption }]
      : undefined,
  };
}
