import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { PageCache } from './site/page-cache.js';
import { readerRoutes } from './site/reader-routes.js';
import { loadThemeAssets } from './site/theme-assets.js';
import type { Store } from './store/index.js';

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
}

/**
 * Builds the HTTP app from a configuration and a store. The CLI, the tests
 * and the benchmarks all use this one function; listening is the caller's job.
 */
export async function buildApp({ config, store, clock = () => new Date() }: AppDeps): Promise<App> {
  const fastify = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    trustProxy: true,
  });
  const cache = new PageCache(config.pageCacheSeconds * 1000);
  const assets = await loadThemeAssets(config.siteName);

  // Renditions are written once under their own id and never change, so browsers may keep them.
  await fastify.register(fastifyStatic, {
    root: path.join(config.dataDir, 'media'),
    prefix: '/media/',
    decorateReply: false,
    index: false,
    immutable: true,
    maxAge: '365d',
  });
  await readerRoutes(fastify, { store, config, cache, assets, clock });

  // Any change to published content empties the page cache, here and (PostgreSQL) on every node.
  const unsubscribe = store.changes.subscribe(() => cache.purge());
  await store.changes.listenToOtherNodes();
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
  };
}
