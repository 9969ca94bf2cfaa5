import { authorPath } from '../../domain/author.js';
import { excerpt, textOfHtml } from '../../domain/excerpt.js';
import { MIME_BY_FORMAT, renditionNear } from '../../domain/media.js';
import { type Section, sectionPath } from '../../domain/section.js';
import { tagPath } from '../../domain/tag.js';
import type { FeedArticle, ListScope, Store } from '../../store/index.js';
import { absoluteUrl } from '../site-context.js';
import { type FeedImage, type FeedItem, feedItemId } from './feed-item.js';
import type { RenditionSizes } from './rendition-sizes.js';

/** How many stories a feed carries. */
export const FEED_SIZE = 50;

const SUMMARY_CHARS = 300;

export interface FeedItemOptions {
  siteUrl: string;
  content: 'summary' | 'full';
  sizes: RenditionSizes;
  now: Date;
}

/**
 * The newest public editorial stories in a scope, whole. The list comes from
 * ArticleReader.list, which already leaves out sponsored, withdrawn,
 * unpublished and future stories.
 */
export async function loadFeedItems(store: Store, scope: ListScope, options: FeedItemOptions): Promise<FeedItem[]> {
  const list = await store.articles.list({ scope, limit: FEED_SIZE, now: options.now });
  const [articles, sectionsById] = await Promise.all([
    store.feeds.byIds(list.items.map((t) => t.id)),
    store.sections.byId(),
  ]);
  return Promise.all(articles.map((article) => toFeedItem(article, sectionsById, options)));
}

async function toFeedItem(article: FeedArticle, sectionsById: ReadonlyMap<number, Section>, options: FeedItemOptions): Promise<FeedItem> {
  const site = { url: options.siteUrl };
  const published = article.publishedAt ?? article.modifiedAt;
  return {
    id: feedItemId(options.siteUrl, article.createdAt, article.id),
    storyId: article.id,
    title: article.headline,
    url: absoluteUrl(site, article.path),
    published,
    updated: article.updatedAt ?? published,
    modified: article.modifiedAt,
    authors: article.authors.map((a) => ({ name: a.name, url: absoluteUrl(site, authorPath(a)) })),
    categories: [
      { name: article.section.name, term: article.section.slug, url: absoluteUrl(site, sectionPath(article.section, sectionsById)) },
      ...article.tags.map((t) => ({ name: t.name, term: t.slug, url: absoluteUrl(site, tagPath(t)) })),
    ],
    summary: article.summary || excerpt(textOfHtml(article.bodyHtml), SUMMARY_CHARS, '…'),
    contentHtml: options.content === 'full' ? article.bodyHtml : null,
    image: await leadImage(article, options),
  };
}

async function leadImage(article: FeedArticle, options: FeedItemOptions): Promise<FeedImage | null> {
  const media = article.leadMedia;
  const rendition = media ? renditionNear(media, 1280, 'jpeg') : undefined;
  if (!media || !rendition) return null;
  // An enclosure must state its length; a picture whose file is gone is left out.
  const length = rendition.bytes ?? (await options.sizes.bytes(rendition.url));
  if (length === undefined) return null;
  return {
    url: absoluteUrl({ url: options.siteUrl }, rendition.url),
    type: MIME_BY_FORMAT.jpeg,
    length,
    width: rendition.width,
    height: rendition.height,
    caption: media.caption,
    credit: media.credit,
  };
}
