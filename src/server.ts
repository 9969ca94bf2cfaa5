import path from 'node:path';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { AudienceReport, startAnalytics } from './analytics/index.js';
import { API_PREFIX, contentApi } from './api/index.js';
import { registerCachePurge } from './cache-tier/index.js';
import type { Config } from './config.js';
import { DEMO_RENDITIONS_JOB, demoRenditionsHandler } from './demo/demo-renditions-job.js';
import { errorBody } from './domain/errors.js';
import { escapeHtml } from './domain/html-text.js';
import { IMPORT_JOB, importJobHandler } from './importers/import-job.js';
import { JobRunner } from './jobs/index.js';
import { AVIF_JOB, avifRenditionsHandler } from './media/avif-renditions.js';
import { mediaRoutes } from './media/media-routes.js';
import { trustProxyOption } from './net/trust-proxy.js';
import { createMailer, NewsletterDesk, startNewsletters } from './newsletters/index.js';
import { newsroomViewer } from './newsroom/accounts/newsroom-viewer.js';
import { SessionRepo } from './newsroom/accounts/session-repo.js';
import { serveAdminApp } from './newsroom/admin-app/serve-admin-app.js';
import { ADMIN_API_PREFIX, adminPlugin } from './newsroom/admin-plugin.js';
import { registerSchedulerJobs } from './newsroom/articles/index.js';
import { registerFrontJobs } from './newsroom/fronts/index.js';
import { FOCAL_CROPS_JOB, focalCropsHandler } from './newsroom/media/focal-crops-job.js';
import { startLegacyMediaAdoption } from './newsroom/media/legacy-media-adoption.js';
import { registerRelatedJobs } from './related/index.js';
import { articlePreview } from './site/article-preview.js';
import { feedRoutes, feedSite } from './site/feeds/feed-routes.js';
import { messagePageRenderer } from './site/message-page.js';
import { PageCache } from './site/page-cache.js';
import { readerRoutes } from './site/reader-routes.js';
import { sitemapRoutes } from './site/sitemaps/sitemap-routes.js';
import { loadThemeAssets } from './site/theme-assets.js';
import type { Store } from './store/index.js';
import { registerWebhookJobs, startWebhooks } from './webhooks/index.js';
import { pictureFetcher } from './wire/fetch-picture.js';
import { registerPictureJobs } from './wire/picture-jobs.js';
import { startWireSources } from './wire/sources/index.js';

export interface AppDeps {
  config: Readonly<Config>;
  store: Store;
  /** The current time; tests pass a fixed clock. */
  clock?: () => Date;
}

export interface App {
  fastify: FastifyInstance;
  /** Drops every rendered page, after a change to stories or sections. */
  purgePages(): void;
  /** The URLs this node holds rendered (tests check that a purge left the others alone). */
  cachedPages(): string[];
  /** This process's job runner (started unless JOBS=false). */
  jobs: JobRunner;
  /** Newsletter editions: preview, test, send (the CLI and tests use it as the newsroom does). */
  newsletters: NewsletterDesk;
}

/**
 * Builds the HTTP app from a configuration and a store. The CLI, the tests
 * and the benchmarks all use this one function; listening is the caller's job.
 */
export async function buildApp({ config, store, clock = () => new Date() }: AppDeps): Promise<App> {
  // The site's name, language and time zone as the Settings screen has them (environment pins win), read at
  // each use: everything that shows them is given this, never the configuration's values.
  const siteSettings = store.siteSettings.reader(config);
  const fastify = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    // X-Forwarded-For counts only from the proxies TRUST_PROXY names (none by default): else anyone picks their address.
    trustProxy: trustProxyOption(config.trustProxy),
    // A malformed address (bad percent-encoding) fails before routing; answer it as a page, not Fastify's JSON.
    frameworkErrors: (error, request, rawReply) => {
      const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
      const reply = rawReply as unknown as FastifyReply;
      if (request.url.startsWith(`${API_PREFIX}/`)) {
        void reply.code(status).send(errorBody('BAD_INPUT', 'The request URL is malformed.', 'Percent-encode the URL correctly.'));
        return;
      }
      void siteSettings()
        .catch(() => ({ language: config.language, name: config.siteName }))
        .then(({ language, name }) =>
          reply
            .code(status)
            .type('text/html; charset=utf-8')
            .header('cache-control', 'no-store')
            .send(
              `<!doctype html><html lang="${escapeHtml(language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Bad address | ${escapeHtml(name)}</title></head><body><main><h1>That address is not quite right</h1><p>The link you followed is malformed. <a href="/">Go to the front page</a>.</p></main></body></html>`,
            ),
        );
    },
  });
  // Rate limits are opt-in per route (src/rate-limits.ts): search, the content API, wire push and sign-in.
  await fastify.register(fastifyRateLimit, { global: false });
  const cache = new PageCache(config.pageCacheSeconds * 1000);
  const assets = await loadThemeAssets(path.join(config.dataDir, 'cache'), siteSettings);

  // Pictures from the configured media store (files, database, S3) at content-addressed, immutable URLs.
  // Pictures follow their stories: readers get one only while something they can see shows it; the newsroom always.
  await mediaRoutes(fastify, {
    store,
    legacyDir: path.join(config.dataDir, 'media'),
    cache,
    newsroomViewer: newsroomViewer(new SessionRepo(store.db), clock),
    clock,
  });
  startLegacyMediaAdoption(fastify, store, path.join(config.dataDir, 'media'));
  // Newsletters send through SMTP_URL; without it the newsroom and the reader forms say mail is not configured.
  const mailer = createMailer(config.mail);
  if (mailer) fastify.addHook('onClose', async () => mailer.close());
  const newsletterSite = { siteUrl: config.siteUrl, settings: siteSettings };
  const newsletterDesk = new NewsletterDesk({ store, site: newsletterSite, mailer, clock });
  // The content API is its own encapsulated plugin: JSON errors, API keys and CORS stay inside /api/v1.
  await fastify.register(contentApi, { prefix: API_PREFIX, store, config, settings: siteSettings, clock });
  // The newsroom's admin API: sessions, roles and CSRF are enforced inside, for every route it holds.
  await fastify.register(adminPlugin, {
    prefix: ADMIN_API_PREFIX,
    store,
    config,
    clock,
    preview: articlePreview({ store, config, assets, clock }),
    newsletters: newsletterDesk,
    audience: new AudienceReport(store),
  });
  await readerRoutes(fastify, { store, config, cache, assets, clock });
  await feedRoutes(fastify, { store, config, cache, clock, site: async () => feedSite(store, config, assets) });
  await sitemapRoutes(fastify, { store, config, cache, clock });
  // Wire sources: POST /wire/ingest (its own encapsulated plugin), the WIRE_INBOX folder and feed pollers.
  await startWireSources(fastify, { store, config, clock });
  // The newsroom web app (built by `npm run build` into dist/admin) at /admin, outside the API's scope.
  await serveAdminApp(fastify);

  // A change from any process drops the pages that show what changed: at once for this node's own
  // writes, through the outbox (data_version on SQLite, NOTIFY and a short poll on PostgreSQL) for others'.
  const unsubscribe = store.changes.subscribe((change) => {
    if (change.kind === 'purge') cache.purgeKeys(change.purge.keys);
  });
  await store.changes.follow({ pollMs: config.changePollMs, log: fastify.log });
  // One job runner per process runs the durable queue's background work (src/jobs), each job once across
  // nodes; with JOBS=false this node only enqueues and the others run it. Register handlers before start().
  const jobs = new JobRunner(store, { log: fastify.log, clock });
  // Outbox story events become webhook deliveries here; sending each (with its retries) is a `webhook.deliver` job.
  const stopWebhooks = startWebhooks(store, config, fastify.log);
  fastify.addHook('onClose', () => stopWebhooks());
  registerWebhookJobs(jobs, store, config, clock);
  // Scheduled stories: an `article.publish` job at each story's time, and a sweep every SCHEDULER_INTERVAL_MS.
  registerSchedulerJobs(jobs, store, { intervalMs: config.schedulerIntervalMs, clock });
  // A pin on a front that ends refreshes that front at its end (`front.expire`, queued with the pin).
  registerFrontJobs(jobs, store, { settings: siteSettings, clock });
  // Wire pictures that could not be fetched at ingest are tried again on their backoff (`wire.picture`).
  registerPictureJobs(jobs, store, { now: clock, log: (line) => fastify.log.warn(line), fetch: pictureFetcher(config.outboundAllow) });
  // AVIF renditions of uploaded pictures (`media.avif`, queued with the picture's row), on whichever node is free.
  jobs.register(AVIF_JOB, avifRenditionsHandler(store));
  // The social crop again around a moved focal point (`media.crops`), then the pages showing it are purged.
  jobs.register(FOCAL_CROPS_JOB, focalCropsHandler(store));
  // The demo's pictures after a first start: each committed file is served at once, its other sizes made here.
  jobs.register(DEMO_RENDITIONS_JOB, demoRenditionsHandler(store));
  jobs.register(IMPORT_JOB, importJobHandler(store, config, clock));
  // People, places and organizations found in each published or updated story, and its related stories, ranked and stored (issue 14).
  const related = registerRelatedJobs(jobs, store, clock);
  // Changes reach the cache tier in front as `cache.purge` jobs, queued with each change by any process
  // once a node has said a tier is there; only nodes that know the tier's address run them.
  await store.outbox.setCacheTier(config.cachePurgeUrls.length > 0);
  if (config.cachePurgeUrls.length > 0) registerCachePurge(jobs, config);
  // Nodes read the outbox within a second; a week of it is kept for an operator looking back.
  jobs.register('outbox.prune', {
    every: 3_600_000,
    run: async () => {
      await store.outbox.prune(new Date(clock().getTime() - 7 * 86_400_000));
    },
  });
  // Subscribe, confirm and one-click unsubscribe pages; editions go out as newsletter.* jobs, each delivery once.
  await startNewsletters(fastify, jobs, { store, site: newsletterSite, mail: config.mail, mailer, page: messagePageRenderer({ store, config, assets, clock }), clock });
  // Cookieless counting: /count.gif and /count.js, batched writes, and the hourly deletion of each past day's salt and hashes.
  await startAnalytics(fastify, jobs, { store, siteUrl: config.siteUrl, clock });
  if (config.jobs) await jobs.start();
  // One hook, in this order: the runner waits for running handlers (then aborts them) before the extraction
  // thread they use closes — as separate hooks Fastify may run them the other way round, and a related.story
  // job then failed with "the thread was closed", spending an attempt. Both end before the database closes.
  fastify.addHook('onClose', async () => {
    if (config.jobs) await jobs.stop();
    await related.close();
  });
  fastify.addHook('onClose', async () => {
    unsubscribe();
    await store.changes.close();
  });

  return {
    fastify,
    purgePages: () => {
      cache.purge();
      store.sections.invalidate();
    },
    cachedPages: () => cache.urls(),
    jobs,
    newsletters: newsletterDesk,
  };
}
