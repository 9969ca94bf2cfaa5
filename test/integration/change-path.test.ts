import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/cli/open-store.js';
import { loadConfig } from '../../src/config.js';
import { type App, buildApp } from '../../src/server.js';
import type { Store } from '../../src/store/index.js';
import { DIALECTS, startTestSite, TEST_SITE_URL, type TestSite } from '../support/test-site.js';
import { pwsStory } from '../wire/wire-helpers.js';

// One change path: a change made by any process (the CLI, another node) reaches
// every running server's pages within a second, and a node that loses its
// notification connection says so on /healthz, reconnects and catches up.

const CLI = path.resolve('bin/dateline.js');

/** Runs the `dateline` command as its own process, as an editor on the server would. */
function dateline(env: Record<string, string>, ...args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}

async function page(base: string, pathname: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${base}${pathname}`, { redirect: 'manual' });
  return { status: response.status, body: await response.text() };
}

/** Polls until `check` holds, and returns how long that took; fails past `withinMs`. */
async function within(withinMs: number, check: () => Promise<boolean>): Promise<number> {
  const start = performance.now();
  for (;;) {
    if (await check()) return performance.now() - start;
    if (performance.now() - start > withinMs) throw new Error(`not true within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('changes made by another process reach a running server (sqlite)', () => {
  let site: TestSite;
  let work: string;
  let env: Record<string, string>;
  const uri = 'urn:pws:change-path:ferry';
  let storyPath = '';

  beforeAll(async () => {
    site = await startTestSite('sqlite');
    work = await mkdtemp(path.join(os.tmpdir(), 'dateline-change-path-'));
    env = { DATA_DIR: site.config.dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent', WIRE_RULES: path.join(work, 'rules.json') };
    await writeFile(env.WIRE_RULES as string, JSON.stringify({ name: 'pws', agency: 'Pacific Wire Service', defaultSection: 'news', publish: 'auto' }));
    const now = new Date().toISOString();
    const version = (n: number, headline: string, pubstatus: 'usable' | 'canceled' = 'usable') =>
      writeFile(path.join(work, `v${n}.json`), pwsStory({ uri, version: n, headline, pubstatus, firstcreated: now, versioncreated: now }));
    await version(1, 'Night ferry to Cedar Point returns for the winter');
    await version(2, 'Night ferry to Cedar Point returns, with a later last sailing');
    await version(3, 'Night ferry to Cedar Point returns, with a later last sailing', 'canceled');
    const first = await dateline(env, 'ingest', path.join(work, 'v1.json'));
    expect(first.code, first.output).toBe(0);
    const item = await site.store.wire.itemByUri(site.store.db.kysely, uri);
    const story = item?.article_id ? await site.store.articles.byId(item.article_id) : undefined;
    storyPath = story?.path ?? '';
    expect(storyPath).toMatch(/^\/news\//);
  }, 120_000);

  afterAll(async () => {
    await site?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('shows an agency update on the story, the front and the home page within a second of the CLI finishing', async () => {
    // Readers have the old headline: every page that shows it is now in the page cache.
    for (const pathname of [storyPath, '/news', '/']) {
      expect((await page(site.url, pathname)).body, pathname).toContain('Night ferry to Cedar Point returns for the winter');
    }
    const update = await dateline(env, 'ingest', path.join(work, 'v2.json'));
    expect(update.code, update.output).toBe(0);
    for (const pathname of [storyPath, '/news', '/']) {
      await within(1000, async () => {
        const { body } = await page(site.url, pathname);
        return body.includes('with a later last sailing') && !body.includes('returns for the winter');
      });
    }
  });

  it('answers 410 for a story the agency killed within a second, and drops it from the fronts', async () => {
    expect((await page(site.url, storyPath)).status).toBe(200);
    const kill = await dateline(env, 'ingest', path.join(work, 'v3.json'));
    expect(kill.code, kill.output).toBe(0);
    await within(1000, async () => (await page(site.url, storyPath)).status === 410);
    await within(1000, async () => !(await page(site.url, '/news')).body.includes('with a later last sailing'));
    expect((await page(site.url, '/')).body).not.toContain('with a later last sailing');
  });

  it('drops only the pages that show the changed story, so a busy wire does not empty the cache', async () => {
    const uri2 = 'urn:pws:change-path:tide';
    const now = new Date().toISOString();
    const file = (n: number, headline: string) => {
      const name = path.join(work, `tide-${n}.json`);
      return writeFile(name, pwsStory({ uri: uri2, version: n, headline, firstcreated: now, versioncreated: now })).then(() => name);
    };
    expect((await dateline(env, 'ingest', await file(1, 'King tides expected along the bay road'))).code).toBe(0);
    const item = await site.store.wire.itemByUri(site.store.db.kysely, uri2);
    const story = await site.store.articles.byId(item?.article_id as number);
    await within(1000, async () => (await page(site.url, '/news')).body.includes('King tides expected'));
    // A new story's topics and related list are worked out by jobs moments after it is published, and
    // those purge its own page once; this test is about the next agency update, so it starts after them.
    await within(15_000, async () => {
      const pending = await site.store.db.kysely
        .selectFrom('jobs')
        .select('id')
        .where('kind', 'in', ['related.story', 'related.refresh'])
        .where('state', 'in', ['waiting', 'running'])
        .executeTakeFirst();
      return pending === undefined;
    });
    // A job that finishes in between (a related list worked out for an older story that now lists this
    // one) may still drop the page; render again until all four sit in the cache together.
    await within(15_000, async () => {
      for (const pathname of [story?.path as string, '/sports', '/opinion', '/news']) expect((await page(site.url, pathname)).status).toBe(200);
      const cached = site.app.cachedPages();
      return [story?.path as string, '/sports', '/opinion', '/news'].every((p) => cached.includes(p));
    });
    expect((await dateline(env, 'ingest', await file(2, 'King tides expected along the bay road on Sunday'))).code).toBe(0);
    // The story's page and the front that lists it go (the related jobs may drop the page a moment
    // before the update's own purge reaches the front); fronts that never showed it stay.
    await within(1000, async () => !site.app.cachedPages().includes(story?.path as string) && !site.app.cachedPages().includes('/news'));
    expect(site.app.cachedPages()).toEqual(expect.arrayContaining(['/sports', '/opinion']));
  });
});

if (DIALECTS.includes('postgres')) {
  describe('two nodes on postgres', () => {
    let one: TestSite;
    let two: { app: App; store: Store; url: string };

    beforeAll(async () => {
      one = await startTestSite('postgres');
      const config = loadConfig({ DATABASE_URL: one.config.databaseUrl as string, DATA_DIR: one.config.dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SITE_URL: TEST_SITE_URL, DEMO: 'false' });
      const store = await openStore(config);
      const app = await buildApp({ config, store });
      const address = await app.fastify.listen({ port: 0, host: '127.0.0.1' });
      two = { app, store, url: address };
    }, 120_000);

    afterAll(async () => {
      await two?.app.fastify.close();
      await two?.store.db.close();
      await one?.close();
    });

    async function demoStory(): Promise<{ id: number; path: string; headline: string }> {
      const list = await one.store.articles.list({ scope: { kind: 'all' }, limit: 3, now: new Date() });
      const teaser = list.items[2];
      if (!teaser) throw new Error('no demo story');
      return { id: teaser.id, path: teaser.path, headline: teaser.headline };
    }

    it('shows a change made on one node on the other within a second', async () => {
      const story = await demoStory();
      expect((await page(two.url, story.path)).body).toContain(story.headline.slice(0, 20));
      expect((await page(two.url, '/')).status).toBe(200);
      const headline = 'Harbor board delays the dredging vote by a week';
      await one.store.articleWriter.update(story.id, { headline, updatedAt: new Date() });
      for (const pathname of [story.path, '/']) {
        await within(1000, async () => (await page(two.url, pathname)).body.includes(headline));
      }
    });

    it('reconnects a dropped LISTEN connection, says so on /healthz meanwhile, and misses no kill', async () => {
      const story = await demoStory();
      expect((await page(two.url, story.path)).status).toBe(200);
      expect((await fetch(`${two.url}/healthz`)).status).toBe(200);
      const admin = new pg.Client({ connectionString: one.config.databaseUrl });
      await admin.connect();
      const database = new URL(one.config.databaseUrl as string).pathname.slice(1);
      // Every node's listener is named; cut them all, as a failover or an idle-connection reaper would.
      const cut = await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'dateline-changes' and datname = $1`,
        [database],
      );
      await admin.end();
      expect(cut.rowCount).toBeGreaterThanOrEqual(1);
      const sawUnhealthy = within(2000, async () => (await fetch(`${two.url}/healthz`)).status === 503).then(
        () => true,
        () => false,
      );
      await one.store.articleWriter.update(story.id, { status: 'withdrawn' });
      await within(5000, async () => (await page(two.url, story.path)).status === 410);
      await within(5000, async () => (await page(one.url, story.path)).status === 410);
      expect(await sawUnhealthy).toBe(true);
      await within(5000, async () => (await fetch(`${two.url}/healthz`)).status === 200);
      const health = (await (await fetch(`${two.url}/healthz`)).json()) as { status: string };
      expect(health.status).toBe('ok');
    });
  });
}

describe('fetches by the cache tier in front (sqlite)', () => {
  let site: TestSite;

  beforeAll(async () => {
    site = await startTestSite('sqlite');
  }, 120_000);
  afterAll(() => site?.close());

  it('are rendered from the database, never from a page cache that has not heard of a change yet', async () => {
    const teaser = (await site.store.articles.list({ scope: { kind: 'all' }, limit: 1, now: new Date() })).items[0];
    if (!teaser) throw new Error('no demo story');
    expect((await page(site.url, teaser.path)).body).toContain(teaser.headline.slice(0, 20));
    // A change this node has not been told of (written around the change path, as another node's
    // commit looks in the instant before its notice arrives): the page cache still holds the old page.
    await site.store.db.kysely.updateTable('articles').set({ headline: 'Tide tables corrected for the winter' }).where('id', '=', teaser.id).execute();
    expect((await page(site.url, teaser.path)).body).not.toContain('Tide tables corrected');
    const fetched = await fetch(`${site.url}${teaser.path}`, { headers: { 'x-dateline-fetch': 'cache-tier' } });
    expect(await fetched.text()).toContain('Tide tables corrected');
  });
});
