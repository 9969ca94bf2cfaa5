import type { FeedOptions } from 'feed';
import { xmlSafe } from '../xml-text.js';
import type { FeedChannel } from './feed-item.js';

/** What RSS and Atom share about a channel, in the `feed` package's terms. */
export function feedOptions(channel: FeedChannel): FeedOptions {
  return {
    id: channel.urls.atom,
    title: xmlSafe(channel.title),
    description: xmlSafe(channel.description),
    link: channel.homeUrl,
    language: channel.language,
    updated: channel.updated,
    generator: 'Dateline',
    image: channel.logoUrl,
    favicon: channel.logoUrl,
    copyright: `© ${channel.siteName}`,
    author: { name: xmlSafe(channel.siteName), link: channel.siteUrl },
    feedLinks: { rss: channel.urls.rss, atom: channel.urls.atom, json: channel.urls.json },
  };
}
