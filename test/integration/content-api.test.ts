import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runApikey } from '../../src/cli/apikey-command.js';
import { ContentApiClient } from '../support/content-api-client.js';
import { demoStory, demoStoryPath, SPONSORED_PATHS } from '../support/demo-facts.js';
import { ISO_WITH_OFFSET } from '../support/reader-pages.js';
import { DIALECTS, startTestSite, TEST_SITE_URL, type TestSite } from '../support/test-site.js';

const NOW = new Date('2026-03-10T19:30:00Z');

/** Every GET route the API documents; the suite must call each one. */
const ROUTES = [
  '/api/v1/articles',
  '/api/v1/articles/by-url',
  '/api/v1/articles/{id}',
  '/api/v1/articles/{id}/related',
  '/api/v1/sections',
  '/api/v1/sections/{slug}',
  '/api/v1/authors',
  '/api/v1/authors/{slug}',
  '/api/v1/tags',
  '/api/v1/tags/{slug}',
  '/api/v1/search',
  '/api/v1/topics',
  '/api/v1/topics/{slug}',
];

/** Creates a key the way `dateline apikey create` does and returns what it printed. */
async function createKey(site: TestSite, name: string): Promise<{ key: string; lines: string[] }> {
  let printed = '';
  const status = await runApikey(['create', name], site.store, { out: (t) => (printed += t), err: (t) => (printed += t) }, NOW);
  expect(status).toBe(0);
  const lines = printed.trimEnd().split('\n');
  return { key: lines[lines.length - 1] as string, lines };
}

/** Follows `next` from `first` to the end, collecting every item. */
async function walk(api: ContentApiClient, first: string, route: string): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let pathAndQuery: string | null = first;
  let pages = 0;
  while (pathAndQuery) {
    const page = await api.get(pathAndQuery, route);
    expect(page.status).toBe(200);
    items.push(...page.body.data);
    pages++;
    const next: string | null = page.body.next;
    if (next) {
      expect(next.startsWith(`${TEST_SITE_URL}/api/v1/`)).toBe(true);
      expect(page.headers.get('link')).toBe(`<${next}>; rel="next"`);
    }
    pathAndQuery = next ? next.slice(`${TEST_SITE_URL}/api/v1`.length) : null;
    if (pages > 100) throw new Error('pagination does not end');
  }
  return { items, pages };
}


const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the real `dateline` command line against a test site's database. */
function dateline(site: TestSite, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATA_DIR: site.config.dataDir,
        DATABASE_URL: site.config.databaseUrl ?? '',
        LOG_LEVEL: 'silent',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

for (const dialect of DIALECTS) {
  describe(`content API on ${dialect}`, () => {
    let site: TestSite;
    let api: ContentApiClient;
    let key: string;

    beforeAll(async () => {
      site = await startTestSite(dialect, { now: NOW });
      ({ key } = await createKey(site, 'integration tests'));
      api = new ContentApiClient(site, key);
    }, 180_000);

    afterAll(async () => {
      await site?.close();
    });

    it('serves an OpenAPI 3.1 document without a key, listing every endpoint with its parameters', async () => {
      const doc = await api.loadDocument();
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths).sort()).toEqual([...ROUTES].sort());
      expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
      const listParams = doc.paths['/api/v1/articles'].get.parameters.map((p: any) => p.name).sort();
      expect(listParams).toEqual(['author', 'cursor', 'limit', 'section', 'tag']);
      expect(doc.paths['/api/v1/articles/{id}'].get.responses['410']).toBeDefined();
    });

    it('serves a readable docs page with every endpoint, and no script or outside assets', async () => {
      const response = await fetch(`${site.url}/api/v1/docs`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await response.text();
      for (const route of ROUTES) expect(html).toContain(route);
      expect(html).toContain('Authorization: Bearer &lt;key');
      expect(html).toContain('<code>cursor</code>');
      expect(html).not.toMatch(/<script|<link[^>]+stylesheet|src="https?:/i);
    });

    it('refuses requests without a key, with a bad key or a malformed header: 401 JSON and WWW-Authenticate', async () => {
      const wellFormedButUnknown = `dl_${'A'.repeat(43)}`;
      for (const [label, options] of [
        ['no key', { key: null }],
        ['unknown key', { key: wellFormedButUnknown }],
        ['garbage key', { key: 'hunter2' }],
        ['not Bearer', { key: null, headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } }],
      ] as const) {
        const response = await api.get('/articles', '/api/v1/articles', options);
        expect(response.status, label).toBe(401);
        expect(response.body.error.code, label).toBe('UNAUTHORIZED');
        expect(response.body.error.hint, label).not.toBe('');
        expect(response.headers.get('www-authenticate'), label).toMatch(/^Bearer/);
      }
      const unauthorizedStory = await api.get('/articles/1', '/api/v1/articles/{id}', { key: null });
      expect(unauthorizedStory.status).toBe(401);
    });

    it('lists published editorial stories newest first, paginating without gaps or repeats', async () => {
      const expected = await site.store.articles.list({ scope: { kind: 'all' }, limit: 1000, now: NOW });
      const { items, pages } = await walk(api, '/articles?limit=7', '/api/v1/articles');
      expect(pages).toBe(Math.ceil(expected.items.length / 7));
      expect(items.map((t) => t.id)).toEqual(expected.items.map((t) => t.id));
      expect(new Set(items.map((t) => t.id)).size).toBe(items.length);
      const times = items.map((t) => Date.parse(t.publishedAtUtc));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      for (const path of SPONSORED_PATHS) expect(items.some((t) => t.path === path)).toBe(false);
      expect(items[0].bodyHtml).toBeUndefined();
      expect(items[0].publishedAt).toMatch(ISO_WITH_OFFSET);
      expect(items[0].url).toBe(`${TEST_SITE_URL}${items[0].path}`);
    });

    it('uses 20 stories a page by default and honours limit up to 100', async () => {
      const first = await api.get('/articles', '/api/v1/articles');
      expect(first.body.data).toHaveLength(20);
      const big = await api.get('/articles?limit=100', '/api/v1/articles');
      expect(big.body.next).toBeNull();
      expect(big.body.nextCursor).toBeNull();
    });

    it('filters by section (a top-level section includes its sub-sections), author and tag', async () => {
      const news = await walk(api, '/articles?section=news&limit=10', '/api/v1/articles');
      expect(news.items.length).toBeGreaterThan(0);
      const sectionSlugs = new Set(news.items.map((t) => t.section.slug));
      expect(sectionSlugs.has('politics')).toBe(true);
      for (const t of news.items) expect(t.section.path.startsWith('/news')).toBe(true);

      const byAuthor = await walk(api, '/articles?author=maya-okafor&limit=5', '/api/v1/articles');
      expect(byAuthor.items.length).toBeGreaterThan(0);
      for (const t of byAuthor.items) expect(t.authors.map((a: any) => a.slug)).toContain('maya-okafor');

      const budget = await walk(api, '/articles?tag=budget', '/api/v1/articles');
      const budgetStory = demoStory('port-alder-council-passes-budget-library-hours');
      expect(budget.items.map((t) => t.path)).toContain(demoStoryPath(budgetStory));
    });

    it('answers bad list parameters with 400 or 404 JSON that says what was wrong', async () => {
      const cases: Array<[string, number, string, RegExp]> = [
        ['/articles?limit=0', 400, 'BAD_INPUT', /limit/],
        ['/articles?limit=101', 400, 'BAD_INPUT', /limit/],
        ['/articles?limit=ten', 400, 'BAD_INPUT', /limit/],
        ['/articles?sectoin=news', 400, 'BAD_INPUT', /unknown query parameter "sectoin"/],
        ['/articles?section=news&tag=budget', 400, 'BAD_INPUT', /one of section, author or tag/],
        ['/articles?cursor=not-a-cursor', 400, 'BAD_CURSOR', /cursor/],
        ['/articles?section=no-such-section', 404, 'NOT_FOUND', /no-such-section/],
        ['/articles?tag=no-such-tag', 404, 'NOT_FOUND', /no-such-tag/],
      ];
      for (const [url, status, code, message] of cases) {
        const response = await api.get(url, '/api/v1/articles');
        expect(response.status, url).toBe(status);
        expect(response.body.error.code, url).toBe(code);
        expect(response.body.error.message, url).toMatch(message);
        expect(response.body.error.hint, url).not.toBe('');
        expect(response.headers.get('cache-control'), url).toBe('no-store');
      }
    });

    it('gives one story whole by id, with absolute URLs and times in the site zone', async () => {
      const demo = demoStory('port-alder-council-passes-budget-library-hours');
      const found = await site.store.articles.byPath(demoStoryPath(demo));
      if (found.kind !== 'article') throw new Error('demo story missing');
      const response = await api.get(`/articles/${found.article.id}`, '/api/v1/articles/{id}');
      expect(response.status).toBe(200);
      const story = response.body;
      expect(story).toMatchObject({
        id: found.article.id,
        path: demoStoryPath(demo),
        url: `${TEST_SITE_URL}${demoStoryPath(demo)}`,
        headline: demo.headline,
        label: 'news',
        section: { slug: demo.section, path: `/news/${demo.section}`, url: `${TEST_SITE_URL}/news/${demo.section}` },
        sponsor: null,
      });
      expect(story.bodyHtml).toContain('<p>');
      expect(story.publishedAt).toMatch(ISO_WITH_OFFSET);
      expect(Date.parse(story.publishedAt)).toBe(Date.parse(story.publishedAtUtc));
      expect(story.authors[0]).toMatchObject({ slug: demo.authors[0], url: `${TEST_SITE_URL}/authors/${demo.authors[0]}` });
      expect(story.tags.map((t: any) => t.name)).toEqual(demo.tags);
      expect(story.leadImage.renditions.length).toBeGreaterThan(0);
      for (const r of story.leadImage.renditions) expect(r.url.startsWith(`${TEST_SITE_URL}/media/`)).toBe(true);
      expect(story.leadImage.alt).not.toBe('');
    });

    it('includes sponsored stories by id, with their sponsor', async () => {
      const found = await site.store.articles.byPath(SPONSORED_PATHS[0] as string);
      if (found.kind !== 'article') throw new Error('sponsored demo story missing');
      const response = await api.get(`/articles/${found.article.id}`, '/api/v1/articles/{id}');
      expect(response.status).toBe(200);
      expect(response.body.label).toBe('sponsored');
      expect(response.body.sponsor.name).not.toBe('');
    });

    it('hides drafts and future stories (404) and says withdrawn stories are gone (410)', async () => {
      const section = await site.store.sections.bySlug('news');
      const author = await site.store.authors.bySlug('maya-okafor');
      if (!section || !author) throw new Error('demo data missing');
      const base = { bodyHtml: '<p>Text.</p>', label: 'news' as const, sectionId: section.id, authorIds: [author.id] };
      const draft = await site.store.articleWriter.create({ ...base, headline: 'An API draft', status: 'draft' }, NOW);
      const future = await site.store.articleWriter.create(
        { ...base, headline: 'An API story for tomorrow', status: 'published', publishedAt: new Date(NOW.getTime() + 86_400_000) },
        NOW,
      );
      const withdrawn = await site.store.articleWriter.create(
        { ...base, headline: 'An API story withdrawn', status: 'withdrawn', publishedAt: new Date(NOW.getTime() - 3_600_000) },
        NOW,
      );
      for (const { id, path } of [draft, future]) {
        const byId = await api.get(`/articles/${id}`, '/api/v1/articles/{id}');
        expect(byId.status).toBe(404);
        expect(byId.body.error.code).toBe('NOT_FOUND');
        const byUrl = await api.get(`/articles/by-url?url=${encodeURIComponent(path)}`, '/api/v1/articles/by-url');
        expect(byUrl.status).toBe(404);
      }
      const gone = await api.get(`/articles/${withdrawn.id}`, '/api/v1/articles/{id}');
      expect(gone.status).toBe(410);
      expect(gone.body.error.code).toBe('WITHDRAWN');
      const goneByUrl = await api.get(`/articles/by-url?url=${encodeURIComponent(withdrawn.path)}`, '/api/v1/articles/by-url');
      expect(goneByUrl.status).toBe(410);
      const missing = await api.get('/articles/999999', '/api/v1/articles/{id}');
      expect(missing.status).toBe(404);
      const notANumber = await api.get('/articles/abc', '/api/v1/articles/{id}');
      expect(notANumber.status).toBe(400);
      expect(notANumber.body.error.message).toMatch(/id/);
    });

    it('finds a story by full URL or path, and follows the old address of a renamed story', async () => {
      const demo = demoStory('state-senate-passes-transportation-package-ferries');
      const oldPath = demoStoryPath(demo);
      for (const url of [oldPath, `${TEST_SITE_URL}${oldPath}`, `${TEST_SITE_URL}${oldPath}/?utm_source=x`]) {
        const response = await api.get(`/articles/by-url?url=${encodeURIComponent(url)}`, '/api/v1/articles/by-url');
        expect(response.status, url).toBe(200);
        expect(response.body.path).toBe(oldPath);
      }
      const found = await site.store.articles.byPath(oldPath);
      if (found.kind !== 'article') throw new Error('demo story missing');
      const { path: newPath } = await site.store.articleWriter.update(found.article.id, { slug: 'senate-ferry-package-renamed' }, NOW);
      const moved = await api.get(`/articles/by-url?url=${encodeURIComponent(`${TEST_SITE_URL}${oldPath}`)}`, '/api/v1/articles/by-url');
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ id: found.article.id, path: newPath, url: `${TEST_SITE_URL}${newPath}` });

      const none = await api.get(`/articles/by-url?url=${encodeURIComponent('/news/no-such-story')}`, '/api/v1/articles/by-url');
      expect(none.status).toBe(404);
      const front = await api.get('/articles/by-url?url=%2Fnews', '/api/v1/articles/by-url');
      expect(front.status).toBe(404);
      const relative = await api.get('/articles/by-url?url=news%2Fsomething', '/api/v1/articles/by-url');
      expect(relative.status).toBe(400);
      const absent = await api.get('/articles/by-url', '/api/v1/articles/by-url');
      expect(absent.status).toBe(400);
      expect(absent.body.error.message).toMatch(/url/);
    });

    it('gives the section tree with paths, and one section with its sub-sections', async () => {
      const tree = await api.get('/sections', '/api/v1/sections');
      expect(tree.status).toBe(200);
      const news = tree.body.data.find((s: any) => s.slug === 'news');
      expect(news).toMatchObject({ path: '/news', url: `${TEST_SITE_URL}/news`, parent: null });
      const politics = news.children.find((s: any) => s.slug === 'politics');
      expect(politics).toMatchObject({ path: '/news/politics', parent: 'news', articles: `${TEST_SITE_URL}/api/v1/articles?section=politics` });
      expect(tree.body.data.slice(0, 5).map((s: any) => s.path)).toEqual(['/news', '/opinion', '/sports', '/tools', '/connect']);

      const one = await api.get('/sections/politics', '/api/v1/sections/{slug}');
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ slug: 'politics', path: '/news/politics', children: [] });
      const missing = await api.get('/sections/nope', '/api/v1/sections/{slug}');
      expect(missing.status).toBe(404);
    });

    it('lists authors and tags page by page, and gives one of each', async () => {
      const authors = await walk(api, '/authors?limit=2', '/api/v1/authors');
      const slugs = authors.items.map((a) => a.slug);
      expect(slugs).toContain('maya-okafor');
      expect(slugs).toEqual([...slugs].sort());
      expect(new Set(slugs).size).toBe(slugs.length);
      const tags = await walk(api, '/tags?limit=4', '/api/v1/tags');
      const tagSlugs = tags.items.map((t) => t.slug);
      expect(tagSlugs).toContain('budget');
      expect(new Set(tagSlugs).size).toBe(tagSlugs.length);
      expect(tags.pages).toBeGreaterThan(1);

      const maya = await api.get('/authors/maya-okafor', '/api/v1/authors/{slug}');
      expect(maya.body).toMatchObject({ slug: 'maya-okafor', kind: 'person', url: `${TEST_SITE_URL}/authors/maya-okafor` });
      const wire = await api.get('/authors/pacific-wire', '/api/v1/authors/{slug}');
      expect(wire.body.kind).toBe('organization');
      expect((await api.get('/authors/nobody', '/api/v1/authors/{slug}')).status).toBe(404);
      const budget = await api.get('/tags/budget', '/api/v1/tags/{slug}');
      expect(budget.body).toMatchObject({ slug: 'budget', name: 'Budget', articles: `${TEST_SITE_URL}/api/v1/articles?tag=budget` });
      expect((await api.get('/tags/nothing-here', '/api/v1/tags/{slug}')).status).toBe(404);
      expect((await api.get('/tags?cursor=%25%25', '/api/v1/tags')).status).toBe(400);
    });

    it('searches published stories with snippets, page by page', async () => {
      const first = await api.get('/search?q=council&limit=2', '/api/v1/search');
      expect(first.status).toBe(200);
      expect(first.body.total).toBeGreaterThan(2);
      expect(first.body.data).toHaveLength(2);
      expect(first.body.data[0].snippetHtml).toMatch(/<mark>/i);
      const all = await walk(api, '/search?q=council&limit=2', '/api/v1/search');
      expect(all.items).toHaveLength(first.body.total);
      expect(new Set(all.items.map((t) => t.id)).size).toBe(all.items.length);
      const inSports = await api.get('/search?q=council&section=sports', '/api/v1/search');
      for (const t of inSports.body.data) expect(t.section.path.startsWith('/sports')).toBe(true);
      expect((await api.get('/search', '/api/v1/search')).status).toBe(400);
      expect((await api.get('/search?q=x&from=2026-02-30', '/api/v1/search')).status).toBe(400);
      // A range that ends before it starts matches nothing: say so instead of answering an empty page.
      const backwards = await api.get('/search?q=council&from=2026-03-10&to=2026-03-01', '/api/v1/search');
      expect(backwards.status).toBe(400);
      expect(backwards.body.error.message).toMatch(/from day .* after the to day/);
      expect((await api.get('/search?q=council&from=2026-03-10&to=2026-03-10', '/api/v1/search')).status).toBe(200);
      expect((await api.get('/search?q=x&section=nope', '/api/v1/search')).status).toBe(404);
    });

    it('answers 304 to If-None-Match with the current ETag, and private caching', async () => {
      const first = await api.get('/sections', '/api/v1/sections');
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(first.headers.get('cache-control')).toBe('private, max-age=60');
      const again = await api.get('/sections', '/api/v1/sections', { headers: { 'if-none-match': etag as string } });
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
      const stale = await api.get('/sections', '/api/v1/sections', { headers: { 'if-none-match': '"something-else"' } });
      expect(stale.status).toBe(200);
      const list = await api.get('/articles?limit=3', '/api/v1/articles');
      const listAgain = await api.get('/articles?limit=3', '/api/v1/articles', { headers: { 'if-none-match': `W/${list.headers.get('etag')}` } });
      expect(listAgain.status).toBe(304);
      // The key is checked before the cache: a revalidation without a key is still refused.
      const noKey = await api.get('/sections', '/api/v1/sections', { key: null, headers: { 'if-none-match': etag as string } });
      expect(noKey.status).toBe(401);
    });

    it('lets browsers on any origin call it: preflight answered, headers exposed', async () => {
      const preflight = await fetch(`${site.url}/api/v1/articles?limit=5`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://app.example.org',
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
      expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
      expect(preflight.headers.get('access-control-allow-methods')).toContain('GET');
      const actual = await api.get('/sections', '/api/v1/sections', { headers: { origin: 'https://app.example.org' } });
      expect(actual.headers.get('access-control-allow-origin')).toBe('*');
      expect(actual.headers.get('access-control-expose-headers')).toContain('ETag');
    });

    it('answers unknown API paths with JSON, and leaves the reader site its HTML pages and headers', async () => {
      const unknown = await fetch(`${site.url}/api/v1/nothing/here`, { headers: { authorization: `Bearer ${key}` } });
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as any).error.code).toBe('NOT_FOUND');
      const post = await fetch(`${site.url}/api/v1/articles`, { method: 'POST', headers: { authorization: `Bearer ${key}` } });
      expect(post.status).toBe(404);
      expect(post.headers.get('content-type')).toMatch(/^application\/json/);
      const page = await fetch(`${site.url}/no-such-page`);
      expect(page.status).toBe(404);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('access-control-allow-origin')).toBeNull();
      const front = await fetch(`${site.url}/news`);
      expect(front.status).toBe(200);
      expect(front.headers.get('cache-control')).toMatch(/^public/);
    });

    it('stores keys only as hashes and records when a key was last used', async () => {
      const rows = await site.store.db.kysely.selectFrom('api_keys').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(key);
      expect(JSON.stringify(rows)).not.toContain(key.slice(3));
      const row = rows.find((r) => r.name === 'integration tests');
      expect(row?.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
      expect(row?.last_used_at).toBe(NOW.getTime());
      if (dialect === 'sqlite') {
        // Nowhere in the database file or its write-ahead log either.
        const file = path.join(site.config.dataDir, 'dateline.sqlite');
        const bytes = Buffer.concat([await readFile(file), await readFile(`${file}-wal`).catch(() => Buffer.alloc(0))]);
        expect(bytes.includes(Buffer.from(key.slice(3)))).toBe(false);
      } else {
        const dump = await sql<{ t: string }>`select string_agg(t::text, ' ') as t from api_keys t`.execute(site.store.db.kysely);
        expect(dump.rows[0]?.t).not.toContain(key.slice(3));
      }
    });

    it('dateline apikey: create prints the key last, the key works, list never shows it, revoke makes it 401', async () => {
      const created = await dateline(site, ['apikey', 'create', 'cli partner']);
      expect(created.status, created.stderr).toBe(0);
      const lines = created.stdout.trimEnd().split('\n');
      const cliKey = lines[lines.length - 1] as string;
      expect(cliKey).toMatch(/^dl_[A-Za-z0-9_-]{43}$/);
      expect(lines.length).toBeGreaterThan(1);
      expect((await api.get('/sections', '/api/v1/sections', { key: cliKey })).status).toBe(200);

      const listed = await dateline(site, ['apikey', 'list']);
      expect(listed.status).toBe(0);
      expect(listed.stdout).toContain('cli partner');
      expect(listed.stdout).not.toContain(cliKey.slice(3, 20));

      const revoked = await dateline(site, ['apikey', 'revoke', 'cli partner']);
      expect(revoked.status, revoked.stderr).toBe(0);
      const refused = await api.get('/sections', '/api/v1/sections', { key: cliKey });
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('UNAUTHORIZED');
      // The suite's own key is untouched.
      expect((await api.get('/sections', '/api/v1/sections')).status).toBe(200);
    });

    it('dateline apikey refuses what it cannot do, saying why', async () => {
      let said = '';
      const io = { out: (t: string) => (said += t), err: (t: string) => (said += t) };
      await expect(runApikey(['create', 'integration tests'], site.store, io, NOW)).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(runApikey(['create', '42'], site.store, io, NOW)).rejects.toMatchObject({ code: 'BAD_INPUT' });
      expect(await runApikey(['revoke', 'nobody'], site.store, io, NOW)).toBe(1);
      expect(said).toMatch(/no API key named or numbered "nobody"/);
      expect(await runApikey(['create'], site.store, io, NOW)).toBe(2);
      expect(await runApikey(['rotate'], site.store, io, NOW)).toBe(2);
      expect(said).toMatch(/Usage: dateline apikey/);
    });

    it('revokes by id too, and a revoked name can be used again', async () => {
      const first = await createKey(site, 'rotating');
      const keys = await site.store.apiKeys.list();
      const id = keys.find((k) => k.name === 'rotating' && k.revokedAt === null)?.id;
      let said = '';
      const io = { out: (t: string) => (said += t), err: (t: string) => (said += t) };
      expect(await runApikey(['revoke', String(id)], site.store, io, NOW)).toBe(0);
      expect(said).toMatch(/Revoked/);
      expect((await api.get('/tags', '/api/v1/tags', { key: first.key })).status).toBe(401);
      const second = await createKey(site, 'rotating');
      expect((await api.get('/tags', '/api/v1/tags', { key: second.key })).status).toBe(200);
      expect(first.lines[0]).toMatch(/Created API key "rotating"/);
    });

    it('checked every documented route against its OpenAPI response schema', () => {
      const routes = new Set([...api.checked].map((id) => id.split(' ')[0]));
      // Topics and related lists need a ranked corpus: test/related/related-corpus.test.ts checks those routes.
      const elsewhere = new Set(['/api/v1/articles/{id}/related', '/api/v1/topics', '/api/v1/topics/{slug}']);
      expect([...routes].sort()).toEqual(ROUTES.filter((route) => !elsewhere.has(route)).sort());
      for (const status of ['200', '400', '401', '404', '410']) {
        expect([...api.checked].some((id) => id.endsWith(` ${status}`)), status).toBe(true);
      }
    });
  });
}
