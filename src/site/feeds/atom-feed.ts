import { Feed, type Item } from 'feed';
import { escapeHtml } from '../../domain/html-text.js';
import { cdataSafeHtml, xmlSafe } from '../xml-text.js';
import type { FeedChannel, FeedItem } from './feed-item.js';
import { feedOptions } from './feed-options.js';

/**
 * Atom 1.0 (RFC 4287). Entry ids are the permanent tag URIs; titles and
 * summaries are sent as escaped HTML (`type="html"`), which is how `feed`
 * marks them.
 */
export function atomFeed(channel: FeedChannel): string {
  const feed = new Feed(feedOptions(channel));
  for (const item of channel.items) feed.addItem(atomEntry(item));
  return fixEnclosureTypes(feed.atom1());
}

function atomEntry(item: FeedItem): Item {
  return {
    title: cdataSafeHtml(escapeHtml(item.title)),
    id: item.id,
    link: item.url,
    date: item.updated,
    published: item.published,
    description: cdataSafeHtml(escapeHtml(item.summary)),
    content: item.contentHtml === null ? undefined : cdataSafeHtml(item.contentHtml),
    author: item.authors.map((a) => ({ name: xmlSafe(a.name), link: a.url })),
    // `feed` escapes only `&` in these attributes; a `<` would break the XML, so such a label is left to the term.
    category: item.categories.map((c) => ({ term: c.term, scheme: c.url, name: c.name.includes('<') ? undefined : xmlSafe(c.name) })),
    enclosure: item.image ? { url: item.image.url, type: item.image.type, length: item.image.length } : undefined,
  };
}

/**
 * `feed` names an Atom enclosure's type after the file extension
 * (`image/jpg`, which is not a registered type); our renditions are JPEG.
 */
function fixEnclosureTypes(xml: string): string {
  return xml.replace(/(<link rel="enclosure" [^>]*?)type="image\/jpg"/g, '$1type="image/jpeg"');
}
