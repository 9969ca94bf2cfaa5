import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openStore } from '../../src/cli/open-store.js';
import { type Config, loadConfig } from '../../src/config.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { type App, buildApp } from '../../src/server.js';
import type { Dialect, Store } from '../../src/store/index.js';

/**
 * The databases every store and site suite runs against: SQLite always,
 * PostgreSQL when TEST_DATABASE_URL is set (CI sets it; `npm test` says when it is skipped).
 */
export const DIALECTS: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** The demo pictures' renditions are shared by every suite of a run: encoding them is the slow part of seeding. */
export const PICTURE_CACHE = path.join(os.tmpdir(), 'dateline-test-pictures');

/** The public address pages are told they live at, so canonical links can be asserted exactly. */
export const TEST_SITE_URL = 'https://news.example.test';

export interface TestSite {
  /** Base URL of the running server, e.g. http://127.0.0.1:41234 */
  url: string;
  dialect: Dialect;
  store: Store;
  app: App;
  config: Readonly<Config>;
  close(): Promise<void>;
}

export interface TestSiteOptions {
  /** Seed the demo newsroom (default true). */
  demo?: boolean;
  /** The site's clock; pages and the seeded stories count from it. */
  now?: Date;
  env?: Record<string, string>;
}

/** A fresh, empty PostgreSQL database for one suite, so suites can run side by side. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `dateline_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** Starts Dateline on a random port over a new database, seeded with the demo newsroom. */
export async function startTestSite(dialect: Dialect, options: TestSiteOptions = {}): Promise<TestSite> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dateline-test-'));
  const pgDb = dialect === 'postgres' ? await createPostgresDatabase() : undefined;
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SITE_URL: TEST_SITE_URL,
    // Suites sign in dozens of users from 127.0.0.1 within seconds; test/security/rate-limits.test.ts tests the limit itself.
    RATE_LIMIT_SIGN_IN: '0',
    ...(pgDb && { DATABASE_URL: pgDb.url }),
    ...options.env,
  });
  const store = await openStore(config);
  const now = options.now ?? new Date();
  if (options.demo !== false) {
    await seedDemo(store, path.join(dataDir, 'media'), { pictureCacheDir: PICTURE_CACHE, now });
  }
  const app = await buildApp({ config, store, clock: options.now ? () => now : undefined });
  await app.fastify.listen({ port: 0, host: '127.0.0.1' });
  const address = app.fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    dialect,
    store,
    app,
    config,
    async close() {
      await app.fastify.close();
      await store.db.close();
      await pgDb?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
