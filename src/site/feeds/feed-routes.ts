import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { authorPath } from '../../domain/author.js';
import { authorKey, HOME_KEY, sectionKey, tagKey, topicKey } from '../../domain/cache-keys.js';
import { topicPath } from '../../domain/entity.js';
import { tagPath } from '../../domain/tag.js';
import type { ListScope, Store } from '../../store/index.js';
import { serveCached } from '../cached-response.js';
import type { PageCache } from '../page-cache.js';
import { cachePolicy, pageKeys } from '../page-keys.js';
import { absoluteUrl, currentSettings } from '../site-context.js';
import type { ThemeAssets } from '../theme-assets.js';
import { atomFeed } from './atom-feed.js';
import { type FeedChannel, type FeedItem, lastModifiedOf } from './feed-item.js';
import { loadFeedItems } from './feed-items.js';
import { FEED_FORMATS, type FeedFormat, feedPath, feedTitle } from './feed-links.js';
import { jsonFeed } from './json-feed.js';
import { RenditionSizes } from './rendition-sizes.js';
import { rssFeed } from './rss-feed.js';

export interface FeedDeps {
  store: Store;
  config: Readonly<Config>;
  /** The page cache: feeds are dropped with the pages when a story changes. */
  cache: PageCache;
  clock: () => Date;
  /** The site's name, description, language and logo as the newsroom's settings have them now. */
  site: () => Promise<FeedSite>;
}

export interface FeedSite {
  name: string;
  description: string;
  language: string;
  /** Path of a raster of the site's logo, for the feeds' image and icon. */
  logoPath: string;
}

/** The feed's view of the site's current settings. */
export async function feedSite(store: Store, config: Readonly<Config>, assets: ThemeAssets): Promise<FeedSite> {
  const settings = await currentSettings(store, config);
  const look = await assets.look(settings);
  return { name: settings.name, description: settings.description, language: settings.language, logoPath: look.raster.path };
}

/** What a feed follows: the page it belongs to, its scope, and its surrogate keys. */
interface FeedSubject {
  pagePath: string;
  name?: string;
  /** Undefined: the site's description. */
  description?: string;
  scope: ListScope;
  keys: string[];
}

const WRITERS: Record<FeedFormat, (channel: FeedChannel) => string> = { rss: rssFeed, atom: atomFeed, json: jsonFeed };

/**
 * RSS, Atom and JSON Feed for the whole site, each section (a top-level
 * section's feed includes its sub-sections), each author and each tag, at
 * `<page path>/rss.xml`, `/atom.xml` and `/feed.json`.
 */
export async function feedRoutes(app: FastifyInstance, deps: FeedDeps): Promise<void> {
  const { store, config, cache, clock } = deps;
  const sizes = new RenditionSizes(store.mediaStore);
  const site = { url: config.siteUrl };

  async function render(format: FeedFormat, subject: FeedSubject) {
    const now = clock();
    const current = await deps.site();
    const items = await loadFeedItems(store, subject.scope, { siteUrl: config.siteUrl, content: config.feedContent, sizes, now });
    const channel: FeedChannel = {
      title: feedTitle(current.name, subject.name),
      description: subject.description ?? current.description,
      homeUrl: absoluteUrl(site, subject.pagePath),
      urls: {
        rss: absoluteUrl(site, feedPath(subject.pagePath, 'rss')),
        atom: absoluteUrl(site, feedPath(subject.pagePath, 'atom')),
        json: absoluteUrl(site, feedPath(subject.pagePath, 'json')),
      },
      siteName: current.name,
      siteUrl: config.siteUrl,
      logoUrl: absoluteUrl(site, current.logoPath),
      language: current.language,
      updated: newestUpdate(items) ?? now,
      items,
    };
    const shown = items.map((item) => ({ id: item.storyId }));
    return { body: WRITERS[format](channel), keys: pageKeys(subject.keys, shown), lastModified: lastModifiedOf(items) };
  }

  function route(format: FeedFormat, url: string, find: (params: Record<string, string>) => Promise<FeedSubject | undefined>) {
    app.get(url, (request: FastifyRequest, reply: FastifyReply) =>
      serveCached(request, reply, {
        cache,
        contentType: `${FEED_FORMATS[format].type}; charset=utf-8`,
        policy: cachePolicy(config),
        render: async () => {
          const subject = await find(request.params as Record<string, string>);
          return subject ? render(format, subject) : null;
        },
      }),
    );
  }

  const section = async (sectionPath: string): Promise<FeedSubject | undefined> => {
    const found = await store.sections.byPath(sectionPath);
    if (!found) return undefined;
    return {
      pagePath: sectionPath,
      name: found.name,
      description: found.description || `The latest ${found.name} stories from ${(await deps.site()).name}.`,
      scope: { kind: 'section', section: found },
      keys: [sectionKey(found.id)],
    };
  };

  for (const format of Object.keys(FEED_FORMATS) as FeedFormat[]) {
    const file = FEED_FORMATS[format].file;
    route(format, `/${file}`, async () => ({
      pagePath: '/',
      scope: { kind: 'all' },
      keys: [HOME_KEY],
    }));
    route(format, `/:section/${file}`, (p) => section(`/${p.section}`));
    route(format, `/:section/:sub/${file}`, (p) => section(`/${p.section}/${p.sub}`));
    route(format, `/authors/:slug/${file}`, async (p) => {
      const author = await store.authors.bySlug(p.slug ?? '', clock());
      if (!author) return undefined;
      return {
        pagePath: authorPath(author),
        name: author.name,
        description: `Stories by ${author.name} for ${(await deps.site()).name}.`,
        scope: { kind: 'author', authorId: author.id },
        keys: [authorKey(author.id)],
      };
    });
    route(format, `/tags/:slug/${file}`, async (p) => {
      const tag = await store.tags.publicBySlug(p.slug ?? '', clock());
      if (!tag) return undefined;
      return {
        pagePath: tagPath(tag),
        name: tag.name,
        description: `Stories about ${tag.name} from ${(await deps.site()).name}.`,
        scope: { kind: 'tag', tagId: tag.id },
        keys: [tagKey(tag.id)],
      };
    });
    // Topic feeds: the stories that name a confirmed person, organization or place (issue 14).
    route(format, `/topics/:slug/${file}`, async (p) => {
      const entity = await store.entities.publicBySlug(p.slug ?? '', clock());
      if (!entity) return undefined;
      return { pagePath: topicPath(entity), name: entity.name, description: `Stories that name ${entity.name}.`, scope: { kind: 'topic', entityId: entity.id }, keys: [topicKey(entity.id)] };
    });
  }
}

function newestUpdate(items: readonly FeedItem[]): Date | undefined {
  if (items.length === 0) return undefined;
  return new Date(Math.max(...items.map((i) => i.updated.getTime())));
}
