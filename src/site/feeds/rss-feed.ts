import { escapeHtml } from '../../domain/html-text.js';
import type { FeedChannel, FeedItem } from './feed-item.js';
import { el, xmlDocument } from './xml-writer.js';

/**
 * RSS 2.0 with Media RSS pictures. guid is the permanent tag URI, so it
 * carries isPermaLink="false"; authors go in dc:creator because RSS's own
 * <author> must be an e-mail address. Titles are plain text; description
 * and content:encoded are HTML (the summary escaped into HTML).
 */
export function rssFeed(channel: FeedChannel): string {
  const rss = el(
    'rss',
    {
      version: '2.0',
      'xmlns:atom': 'http://www.w3.org/2005/Atom',
      'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
      'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      'xmlns:media': 'http://search.yahoo.com/mrss/',
    },
    el(
      'channel',
      {},
      el('title', {}, channel.title),
      el('link', {}, channel.homeUrl),
      el('description', {}, channel.description),
      el('language', {}, channel.language),
      el('copyright', {}, `© ${channel.siteName}`),
      el('lastBuildDate', {}, channel.updated.toUTCString()),
      el('docs', {}, 'https://www.rssboard.org/rss-specification'),
      el('generator', {}, 'Dateline'),
      el('image', {}, el('url', {}, channel.logoUrl), el('title', {}, channel.title), el('link', {}, channel.homeUrl)),
      el('atom:link', { href: channel.urls.rss, rel: 'self', type: 'application/rss+xml' }),
      ...channel.items.map(rssItem),
    ),
  );
  return xmlDocument(rss);
}

function rssItem(item: FeedItem) {
  const image = item.image;
  return el(
    'item',
    {},
    el('title', {}, item.title),
    el('link', {}, item.url),
    el('guid', { isPermaLink: 'false' }, item.id),
    el('pubDate', {}, item.published.toUTCString()),
    el('atom:updated', {}, item.updated.toISOString()),
    el('description', {}, escapeHtml(item.summary)),
    item.contentHtml !== null && el('content:encoded', {}, item.contentHtml),
    ...item.authors.map((author) => el('dc:creator', {}, author.name)),
    ...item.categories.map((category) => el('category', { domain: category.url }, category.name)),
    image && el('enclosure', { url: image.url, length: image.length, type: image.type }),
    image &&
      el(
        'media:content',
        { url: image.url, type: image.type, medium: 'image', width: image.width, height: image.height, fileSize: image.length },
        el('media:description', {}, image.caption),
        el('media:credit', {}, image.credit),
      ),
  );
}
