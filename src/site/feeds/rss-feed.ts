import { Feed, type Item } from 'feed';
import { escapeHtml } from '../../domain/html-text.js';
import { cdataSafeHtml, escapeXml, xmlSafe } from '../xml-text.js';
import type { FeedChannel, FeedItem } from './feed-item.js';
import { feedOptions } from './feed-options.js';

const NAMESPACES = {
  media: 'http://search.yahoo.com/mrss/',
  dc: 'http://purl.org/dc/elements/1.1/',
  atom: 'http://www.w3.org/2005/Atom',
};

/**
 * RSS 2.0 with Media RSS pictures. guid is the permanent tag URI, so it
 * carries isPermaLink="false"; authors go in dc:creator because RSS's own
 * <author> must be an e-mail address.
 */
export function rssFeed(channel: FeedChannel): string {
  const feed = new Feed(feedOptions(channel));
  for (const item of channel.items) feed.addItem(rssItem(item));
  return withNamespaces(feed.rss2(), NAMESPACES);
}

function rssItem(item: FeedItem): Item {
  // `feed` writes extension objects as they are and escapes only quotes in
  // attributes, so attribute values are escaped here; text it escapes itself.
  const extensions: Item['extensions'] = [
    { name: 'atom:updated', objects: { _text: item.updated.toISOString() } },
  ];
  if (item.authors.length > 0) {
    // An array makes one dc:creator per author (xml-js repeats the element); `feed` types objects as a record.
    const creators = item.authors.map((a) => ({ _text: xmlSafe(a.name) }));
    extensions.push({ name: 'dc:creator', objects: creators as unknown as Record<string, unknown> });
  }
  if (item.image) {
    extensions.push({
      name: 'media:content',
      objects: {
        _attributes: {
          url: escapeXml(item.image.url),
          type: item.image.type,
          medium: 'image',
          width: item.image.width,
          height: item.image.height,
          fileSize: item.image.length,
        },
        'media:description': { _text: xmlSafe(item.image.caption) },
        'media:credit': { _text: xmlSafe(item.image.credit) },
      },
    });
  }
  return {
    title: cdataSafeHtml(item.title),
    id: item.id,
    guid: item.id,
    link: item.url,
    date: item.updated,
    published: item.published,
    description: cdataSafeHtml(escapeHtml(item.summary)),
    content: item.contentHtml === null ? undefined : cdataSafeHtml(item.contentHtml),
    category: item.categories.map((c) => ({ name: xmlSafe(c.name), domain: escapeXml(c.url) })),
    enclosure: item.image ? { url: item.image.url, type: item.image.type, length: item.image.length } : undefined,
    extensions,
  };
}

/** Declares namespaces on the root <rss> element that `feed` did not declare itself. */
function withNamespaces(xml: string, namespaces: Record<string, string>): string {
  return xml.replace(/<rss\b[^>]*>/, (tag) => {
    const missing = Object.entries(namespaces).filter(([prefix]) => !tag.includes(`xmlns:${prefix}=`));
    return `${tag.slice(0, -1)}${missing.map(([prefix, uri]) => ` xmlns:${prefix}="${uri}"`).join('')}>`;
  });
}
