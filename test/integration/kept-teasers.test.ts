import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/cli/open-store.js';
import { loadConfig } from '../../src/config.js';
import type { Teaser } from '../../src/domain/article.js';
import { AuthorAdmin } from '../../src/newsroom/settings/author-admin.js';
import { type App, buildApp } from '../../src/server.js';
import type { Store } from '../../src/store/index.js';
import { DIALECTS, startTestSite, TEST_SITE_URL, type TestSite } from '../support/test-site.js';
import { pwsStory } from '../wire/wire-helpers.js';

// The fronts keep stories' teasers between renders (src/store/kept-teasers.ts). These tests
// prove kept data never outlives a change: a node with its page cache off (every request a
// render) shows what another node or another process changed on its very next render, with
// no wait for a poll, and works relative times out afresh each time.

const CLI = path.resolve('bin/dateline.js');

function dateline(env: Record<string, string>, ...args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}

for (const dialect of DIALECTS) {
  describe(`teasers kept between renders of the home page (${dialect})`, () => {
    /** Node A: where the desk changes things. */
    let site: TestSite;
    /** Node B: page cache off, so every request renders; its clock is the test's to move. */
    let reader: { store: Store; app: App };
    let clock = new Date();
    let work: string;
    let env: Record<string, string>;

    beforeAll(async () => {
      site = await startTestSite(dialect);
      const config = loadConfig({
        DATA_DIR: site.config.dataDir,
        ...(site.config.databaseUrl && { DATABASE_URL: site.config.databaseUrl }),
        LOG_LEVEL: 'silent',
        SITE_URL: TEST_SITE_URL,
        PAGE_CACHE_SECONDS: '0',
        JOBS: 'false',
        WIRE_POLLING: 'false',
      });
      const store = await openStore(config);
      reader = { store, app: await buildApp({ config, store, clock: () => clock }) };
      work = await mkdtemp(path.join(os.tmpdir(), 'dateline-kept-teasers-'));
      env = {
        DATA_DIR: site.config.dataDir,
        DATABASE_URL: site.config.databaseUrl ?? '',
        LOG_LEVEL: 'silent',
        WIRE_RULES: path.join(work, 'rules.json'),
      };
      await writeFile(env.WIRE_RULES as string, JSON.stringify({ name: 'pws', agency: 'Pacific Wire Service', defaultSection: 'news', publish: 'auto' }));
    }, 180_000);

    afterAll(async () => {
      await reader?.app.fastify.close();
      await reader?.store.db.close();
      await site?.close();
      if (work) await rm(work, { recursive: true, force: true });
    });

    async function home(headers: Record<string, string> = {}): Promise<string> {
      const response = await reader.app.fastify.inject({ method: 'GET', url: '/', headers });
      expect(response.statusCode).toBe(200);
      return response.body;
    }

    async function newest(): Promise<Teaser> {
      const teaser = (await site.store.articles.list({ scope: { kind: 'all' }, limit: 1, now: new Date() })).items[0];
      if (!teaser) throw new Error('no demo story');
      return teaser;
    }

    it('shows an edit made on another node on the next render, though it had kept the story', async () => {
      clock = new Date();
      const story = await newest();
      expect(await home()).toContain(story.headline);
      // Written around the change path, as another node's commit looks before its notice is read:
      // the reader keeps the teaser it had (proof that it keeps it) — but the cache tier's own
      // fetch reads the database.
      await site.store.db.kysely.updateTable('articles').set({ headline: 'Harbour dredging paused for the herring run' }).where('id', '=', story.id).execute();
      expect(await home()).toContain(story.headline);
      expect(await home({ 'x-dateline-fetch': 'cache-tier' })).toContain('Harbour dredging paused for the herring run');
      // The same edit through the change path: the very next render shows it.
      await site.store.articleWriter.update(story.id, { headline: 'Harbour dredging paused until the herring have passed' });
      const next = await home();
      expect(next).toContain('Harbour dredging paused until the herring have passed');
      expect(next).not.toContain(story.headline);
    });

    it('shows a byline renamed on another node on the next render', async () => {
      const story = (await site.store.articles.list({ scope: { kind: 'all' }, limit: 12, now: new Date() })).items.find((t) => t.authors.length > 0);
      const author = story && (await site.store.authors.bySlug(story.authors[0]?.slug ?? '', new Date()));
      if (!story || !author) throw new Error('no story with a byline on the home page');
      expect(await home()).toContain(author.name);
      await new AuthorAdmin(site.store).update(author.id, { name: 'Marisol Quenneville-Ortega' });
      expect(await home()).toContain('Marisol Quenneville-Ortega');
    });

    it('drops a story withdrawn on another node from the next render', async () => {
      const story = await newest();
      expect(await home()).toContain(`href="${story.path}"`);
      await site.store.articleWriter.update(story.id, { status: 'withdrawn' });
      expect(await home()).not.toContain(`href="${story.path}"`);
    });

    it('shows a story whose embargo ran out on the first render after, with no one touching it', async () => {
      clock = new Date();
      const story = await newest();
      const release = new Date(clock.getTime() + 10 * 60_000);
      await site.store.articleWriter.update(story.id, { publishedAt: release });
      expect(await home()).not.toContain(`href="${story.path}"`);
      clock = new Date(release.getTime() + 1000);
      expect(await home()).toContain(`href="${story.path}"`);
    });

    it('works relative times out at each render, never keeping them with the teaser', async () => {
      const story = await newest();
      clock = new Date(story.publishedAt.getTime() + 5 * 60_000);
      const item = (body: string) => body.slice(body.indexOf(`href="${story.path}"`)).split('</li>')[0] ?? '';
      expect(item(await home())).toContain('>5 minutes ago</time>');
      clock = new Date(story.publishedAt.getTime() + 3 * 3_600_000);
      expect(item(await home())).toContain('>3 hours ago</time>');
      clock = new Date();
    });

    it('shows an agency update ingested by another process (the CLI) on the next render', async () => {
      const uri = `urn:pws:kept-teasers:${dialect}:ferry`;
      const now = new Date().toISOString();
      const file = async (n: number, headline: string) => {
        const name = path.join(work, `ferry-${n}.json`);
        await writeFile(name, pwsStory({ uri, version: n, headline, firstcreated: now, versioncreated: now }));
        return name;
      };
      // The edits above queued related-story jobs on node A; on SQLite one of them holding the write lock
      // past the CLI's busy timeout on this loaded machine fails the ingest, which is not what this tests.
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const pending = await site.store.db.kysely
          .selectFrom('jobs')
          .select('id')
          .where('kind', 'in', ['related.story', 'related.refresh'])
          .where('state', 'in', ['waiting', 'running'])
          .executeTakeFirst();
        if (!pending) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const first = await dateline(env, 'ingest', await file(1, 'Night ferry to Cedar Point returns for the winter'));
      expect(first.code, first.output).toBe(0);
      clock = new Date();
      expect(await home()).toContain('Night ferry to Cedar Point returns for the winter');
      const update = await dateline(env, 'ingest', await file(2, 'Night ferry to Cedar Point returns, with a later last sailing'));
      expect(update.code, update.output).toBe(0);
      const next = await home();
      expect(next).toContain('Night ferry to Cedar Point returns, with a later last sailing');
      expect(next).not.toContain('returns for the winter');
    });
  });
}
