import type { FeedChannel, FeedItem } from './feed-item.js';
import { el, xmlDocument } from './xml-writer.js';

/**
 * Atom 1.0 (RFC 4287). Entry ids are the permanent tag URIs; titles and
 * summaries are plain text, content is HTML.
 */
export function atomFeed(channel: FeedChannel): string {
  const feed = el(
    'feed',
    { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': channel.language },
    el('id', {}, channel.urls.atom),
    el('title', {}, channel.title),
    el('subtitle', {}, channel.description),
    el('updated', {}, channel.updated.toISOString()),
    el('link', { rel: 'alternate', type: 'text/html', href: channel.homeUrl }),
    el('link', { rel: 'self', type: 'application/atom+xml', href: channel.urls.atom }),
    el('author', {}, el('name', {}, channel.siteName), el('uri', {}, channel.siteUrl)),
    el('generator', {}, 'Dateline'),
    el('icon', {}, channel.logoUrl),
    el('logo', {}, channel.logoUrl),
    el('rights', {}, `© ${channel.siteName}`),
    ...channel.items.map(atomEntry),
  );
  return xmlDocument(feed);
}

function atomEntry(item: FeedItem) {
  return el(
    'entry',
    {},
    el('id', {}, item.id),
    el('title', {}, item.title),
    el('link', { rel: 'alternate', type: 'text/html', href: item.url }),
    el('published', {}, item.published.toISOString()),
    el('updated', {}, item.updated.toISOString()),
    ...item.authors.map((author) => el('author', {}, el('name', {}, author.name), el('uri', {}, author.url))),
    ...item.categories.map((category) => el('category', { term: category.term, scheme: category.url, label: category.name })),
    el('summary', {}, item.summary),
    item.contentHtml !== null && el('content', { type: 'html' }, item.contentHtml),
    item.image && el('link', { rel: 'enclosure', type: item.image.type, length: item.image.length, href: item.image.url }),
  );
}
