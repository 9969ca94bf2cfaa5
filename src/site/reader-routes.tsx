import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Config } from '../config.js';
import { decodeCursor, encodeCursor, type ListCursor } from '../domain/article.js';
import { authorPath } from '../domain/author.js';
import { authorKey, HOME_KEY, sectionKey, storyPageKey, tagKey, topicKey } from '../domain/cache-keys.js';
import { isNotModified } from '../domain/conditional-get.js';
import { topicPath } from '../domain/entity.js';
import { DatelineError } from '../domain/errors.js';
import type { FrontId } from '../domain/front-layout.js';
import { childSections, type Section, sectionPath } from '../domain/section.js';
import { uriPath } from '../domain/slug.js';
import { tagPath } from '../domain/tag.js';
import { HTTP_STATUS } from '../http-status.js';
import type { ListScope, Store } from '../store/index.js';
import { ResponsiveImage } from './components/responsive-image.js';
import { feedLinks, feedTitle } from './feeds/feed-links.js';
import type { CachedPage, PageCache } from './page-cache.js';
import { curatedFront, homePageData, storyPageLists } from './page-data.js';
import { cachePolicy, pageKeys, purgeKeyHeaders, readerCacheControl } from './page-keys.js';
import { ArticlePage } from './pages/article-page.js';
import { ErrorPage } from './pages/error-page.js';
import { HomePage } from './pages/home-page.js';
import { ListPage, type ListPageData } from './pages/list-page.js';
import { StaticPageView } from './pages/static-page.js';
import { renderPage } from './render-page.js';
import { searchRoute } from './search-route.js';
import { buildSiteContext, currentSettings, type SiteContext } from './site-context.js';
import type { ThemeAssets } from './theme-assets.js';
import { topicPageData } from './topic-page.js';

export interface ReaderDeps {
  store: Store;
  config: Readonly<Config>;
  cache: PageCache;
  assets: ThemeAssets;
  clock: () => Date;
}

const PAGE_SIZE = 20;

type Rendered = Omit<CachedPage, 'storedAt' | 'etag' | 'body'> & { body: string };

/** The public site: fronts, stories, author and tag pages, assets, health. */
export async function readerRoutes(app: FastifyInstance, deps: ReaderDeps): Promise<void> {
  const { store, config, cache, assets, clock } = deps;
  const cacheControl = readerCacheControl(cachePolicy(config));

  const siteContext = (currentSection?: Section) => buildSiteContext({ store, config, assets, clock }, currentSection);

  function page(status: number, node: VNode, keys: string[]): Rendered {
    return { status, body: renderPage(node), keys };
  }

  async function errorPage(status: number, path: string): Promise<Rendered> {
    return page(status, <ErrorPage status={status} site={await siteContext()} path={path} />, pageKeys([]));
  }

  /** Serves from the page cache, or renders and stores; answers 304 when the browser's copy is current. */
  async function serve(request: FastifyRequest, reply: FastifyReply, render: () => Promise<Rendered>) {
    const key = request.url;
    // A fetch by the cache tier in front renders from the database: its purge may arrive a moment
    // before this node has read the change from the outbox, and it would keep this node's old copy
    // for minutes. Varnish sends one fetch per page however many readers wait, so this costs little.
    const entry = await cache.getOrRender(key, render, {
      fresh: fromCacheTier(request),
      keep: (rendered) => rendered.status === 200 || rendered.status === 301,
    });
    if (entry.location) {
      return reply
        .code(entry.status)
        .header('location', uriPath(entry.location))
        .header('cache-control', cacheControl)
        .headers(purgeKeyHeaders(entry.keys))
        .send();
    }
    reply
      .code(entry.status)
      .header('content-type', 'text/html; charset=utf-8')
      .headers(purgeKeyHeaders(entry.keys))
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'strict-origin-when-cross-origin')
      .header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'");
    if (entry.status === 200) {
      reply.header('cache-control', cacheControl).header('etag', entry.etag);
      if (isNotModified(request.headers, entry.etag)) return reply.code(304).send();
    } else {
      reply.header('cache-control', 'no-store');
    }
    return reply.send(entry.body);
  }

  /**
   * A fetch by the cache tier in front: rendered from the database, neither from the page cache
   * nor from the teasers the fronts keep between renders (see serve).
   */
  function fromCacheTier(request: FastifyRequest): boolean {
    return request.headers['x-dateline-fetch'] === 'cache-tier';
  }

  /** Reads ?before= / ?after= cursors; a malformed one is the reader's 400, not our 500. */
  function cursors(request: FastifyRequest): { before?: ListCursor; after?: ListCursor } {
    const query = request.query as Record<string, string | undefined>;
    const result: { before?: ListCursor; after?: ListCursor } = {};
    for (const name of ['before', 'after'] as const) {
      const raw = query[name];
      if (raw === undefined) continue;
      const cursor = decodeCursor(raw);
      if (!cursor) throw new DatelineError('BAD_CURSOR', `The ${name} value "${raw.slice(0, 40)}" is not a page cursor.`);
      result[name] = cursor;
    }
    return result;
  }

  async function listPage(
    request: FastifyRequest,
    scope: ListScope,
    basePath: string,
    build: (site: SiteContext) => Omit<ListPageData, 'teasers' | 'prev' | 'next'>,
    keys: string[],
    current?: Section,
    front?: FrontId,
  ): Promise<Rendered> {
    const { before, after } = cursors(request);
    const now = clock();
    const result = await store.articles.list({ scope, limit: PAGE_SIZE, before, after, now });
    const site = await siteContext(current);
    const firstPage = !before && !after;
    const prev = result.newer ? (await isFirstPage(scope, result.newer, now)) ? basePath : `${basePath}?after=${encodeCursor(result.newer)}` : undefined;
    const next = result.older ? `${basePath}?before=${encodeCursor(result.older)}` : undefined;
    const data = build(site);
    // A curated front opens its first page: the desk's lead and top stories, then the rest of the page as the river.
    const curated = front && firstPage ? await curatedFront(store, front, result.items, now, { kept: !fromCacheTier(request) }) : undefined;
    const teasers = curated ? curated.river : result.items;
    const slots = curated?.slots ?? [];
    // Canonical URLs of deeper pages carry only the cursor, never stray query parameters.
    const cursorQuery = before ? `?before=${encodeCursor(before)}` : after ? `?after=${encodeCursor(after)}` : '';
    const meta = firstPage
      ? data.meta
      : { ...data.meta, path: `${basePath}${cursorQuery}`, title: `${data.meta.title} (older stories)` };
    return page(
      200,
      <ListPage data={{ ...data, meta, slots, teasers, prev, next }} site={site} />,
      pageKeys(keys, [...slots.map((s) => s.story), ...teasers]),
    );
  }

  /** Whether the page before `cursor` is the first one, so "Newer" links to the clean front URL. */
  function isFirstPage(scope: ListScope, cursor: ListCursor, now: Date): Promise<boolean> {
    return store.articles.isFirstPageBefore({ scope, limit: PAGE_SIZE, now }, cursor);
  }

  await searchRoute(app, { store, clock, siteContext: () => siteContext(), perMinute: config.rateLimits.search });

  // 503 while the database does not answer, or while this node cannot hear other nodes' changes
  // (its pages could be stale): a load balancer or Varnish then sends readers elsewhere.
  app.get('/healthz', async (_request, reply) => {
    const ok = await store.ping();
    const changes = store.changes.health();
    const healthy = ok && changes.ok;
    const reason = !ok ? 'the database does not answer' : changes.ok ? undefined : changes.reason;
    return reply
      .code(healthy ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: healthy ? 'ok' : 'unavailable', database: store.db.dialect, ...(reason && { reason }) });
  });

  app.get('/assets/:file', async (request, reply) => {
    const asset = await assets.find(request.url.split('?')[0] ?? '', () => currentSettings(store, config));
    if (!asset) return reply.code(404).type('text/plain').send('No such asset.');
    return reply
      .headers(asset.headers ?? {})
      .header('content-type', asset.contentType)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(asset.body);
  });

  app.get('/', (request, reply) =>
    serve(request, reply, async () => {
      // `/?p=123` and its kin: addresses of a site the newsroom imported (see docs/import.md).
      const moved = request.url.includes('?') ? await store.redirects.find(request.url) : undefined;
      if (moved) return { status: 301, body: '', keys: pageKeys([]), location: moved };
      const now = clock();
      const data = await homePageData(store, now, { kept: !fromCacheTier(request) });
      const shown = [...data.slots.map((s) => s.story), ...data.latest, ...data.blocks.flatMap((b) => b.teasers), ...data.sponsored];
      return page(200, <HomePage data={data} site={await siteContext()} />, pageKeys([HOME_KEY], shown));
    }),
  );

  app.get<{ Params: { slug: string } }>('/authors/:slug', (request, reply) =>
    serve(request, reply, async () => {
      const author = await store.authors.bySlug(request.params.slug, clock());
      if (!author) return errorPage(404, request.url);
      const path = authorPath(author);
      return listPage(
        request,
        { kind: 'author', authorId: author.id },
        path,
        (site) => ({
          heading: author.name,
          intro: (
            <div class="author-intro">
              {author.picture && (
                <ResponsiveImage media={author.picture} alt={`${author.name}’s profile picture`} sizes="96px" width={192} />
              )}
              <p>{author.bio}</p>
            </div>
          ),
          empty: `${author.name} has no published stories yet.`,
          meta: {
            title: `${author.name} | ${site.name}`,
            description: author.bio || `Stories by ${author.name} for ${site.name}.`,
            path,
            type: 'profile',
            feeds: feedLinks(path, feedTitle(site.name, author.name)),
            jsonLd: {
              '@context': 'https://schema.org',
              '@type': 'ProfilePage',
              mainEntity: { '@type': author.kind === 'organization' ? 'Organization' : 'Person', name: author.name, description: author.bio || undefined },
            },
          },
        }),
        [authorKey(author.id)],
      );
    }),
  );

  app.get<{ Params: { slug: string } }>('/tags/:slug', (request, reply) =>
    serve(request, reply, async () => {
      const tag = await store.tags.publicBySlug(request.params.slug, clock());
      if (!tag) return errorPage(404, request.url);
      const path = tagPath(tag);
      return listPage(
        request,
        { kind: 'tag', tagId: tag.id },
        path,
        (site) => ({
          heading: tag.name,
          intro: <p class="list-kicker">Stories tagged “{tag.name}”</p>,
          empty: `No published stories are tagged ${tag.name} yet.`,
          meta: {
            title: `${tag.name} | ${site.name}`,
            description: `Stories about ${tag.name} from ${site.name}.`,
            path,
            type: 'website',
            feeds: feedLinks(path, feedTitle(site.name, tag.name)),
          },
        }),
        [tagKey(tag.id)],
      );
    }),
  );

  // Topic pages: a confirmed person, organization or place and the stories that name it (issue 14).
  app.get<{ Params: { slug: string } }>('/topics/:slug', (request, reply) =>
    serve(request, reply, async () => {
      const entity = await store.entities.publicBySlug(request.params.slug, clock());
      if (!entity) return errorPage(404, request.url);
      const picture = entity.pictureId === null ? undefined : await store.media.get(entity.pictureId);
      return listPage(request, { kind: 'topic', entityId: entity.id }, topicPath(entity), (site) => topicPageData(entity, picture, site), [topicKey(entity.id)]);
    }),
  );

  // Everything else is a section front, a story, a story's old address, or not found.
  app.get('/*', (request, reply) =>
    serve(request, reply, async () => {
      const path = decodeURI(request.url.split('?')[0] ?? '/').replace(/\/+$/, '') || '/';
      const section = await store.sections.byPath(path);
      if (section) {
        const byId = await store.sections.byId();
        const children = childSections(await store.sections.all(), section.id);
        return listPage(
          request,
          { kind: 'section', section },
          path,
          (site) => ({
            heading: section.name,
            intro: (
              <>
                {section.description && <p class="list-description">{section.description}</p>}
                {children.length > 0 && (
                  <nav class="subsections" aria-label={`${section.name} sections`}>
                    <ul>
                      {children.map((child) => (
                        <li key={child.id}>
                          <a href={sectionPath(child, byId)}>{child.name}</a>
                        </li>
                      ))}
                    </ul>
                  </nav>
                )}
              </>
            ),
            empty: `No stories in ${section.name} yet.`,
            meta: {
              title: `${section.name} | ${site.name}`,
              description: section.description || `The latest ${section.name} stories from ${site.name}.`,
              path,
              type: 'website',
              feeds: feedLinks(path, feedTitle(site.name, section.name)),
              count: { section: section.id },
            },
          }),
          [sectionKey(section.id)],
          section,
          { kind: 'section', sectionId: section.id },
        );
      }

      const found = await store.articles.byPath(path);
      if (found.kind === 'moved') return { status: 301, body: '', keys: pageKeys([], [found]), location: found.path };
      if (found.kind === 'none') {
        const staticPage = await store.staticPages.byPath(path);
        if (staticPage?.published) return page(200, <StaticPageView page={staticPage} site={await siteContext()} />, pageKeys([]));
        const moved = await store.redirects.find(request.url);
        return moved ? { status: 301, body: '', keys: pageKeys([]), location: moved } : errorPage(404, request.url);
      }
      const { article } = found;
      const now = clock();
      if (article.status === 'withdrawn') return errorPage(410, request.url);
      if (article.status !== 'published' || !article.publishedAt || article.publishedAt > now) return errorPage(404, request.url);
      const [{ moreInSection, sponsored, related, topics }, sectionsById, site] = await Promise.all([
        storyPageLists(store, article, now, { kept: !fromCacheTier(request) }),
        store.sections.byId(),
        siteContext(article.section),
      ]);
      return page(
        200,
        <ArticlePage
          data={{ article, moreInSection, sponsored: sponsored.filter((s) => s.id !== article.id), sectionsById, related, topics }}
          site={site}
        />,
        [...pageKeys([], [article, ...moreInSection, ...sponsored, ...related]), storyPageKey(article.id)],
      );
    }),
  );

  app.setNotFoundHandler(async (request, reply) => {
    const rendered = await errorPage(404, request.url);
    return reply.code(404).type('text/html; charset=utf-8').send(rendered.body);
  });

  app.setErrorHandler(async (error, request, reply) => {
    const code = error instanceof DatelineError ? error.code : undefined;
    const frameworkStatus = (error as { statusCode?: number }).statusCode;
    const status = code ? HTTP_STATUS[code] : frameworkStatus && frameworkStatus < 500 ? frameworkStatus : 500;
    if (status >= 500) request.log.error({ err: error }, 'page failed');
    try {
      const rendered = await errorPage(status === 400 || status === 404 ? status : 500, request.url);
      return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(rendered.body);
    } catch {
      return reply.code(status).type('text/plain; charset=utf-8').send('Something went wrong. Please try again in a minute.');
    }
  });
}
