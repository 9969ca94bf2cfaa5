import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, signIn } from '../support/admin-session.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'dateline.js'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

for (const dialect of DIALECTS) {
  describe(`counting readers on ${dialect}`, () => {
    let site: TestSite;
    let articlePath: string;
    let articleId: number;
    let sectionId: number;

    beforeAll(async () => {
      site = await startTestSite(dialect);
      const page = await site.store.articles.list({ scope: { kind: 'all' }, limit: 1, now: new Date() });
      articlePath = page.items[0]!.path;
      articleId = page.items[0]!.id;
      sectionId = page.items[0]!.section.id;
    }, 90_000);
    afterAll(async () => {
      await site?.close();
    });

    it('counts views of a cached page through the uncacheable pixel, once per visitor a day, never bots or prefetches, with no cookie', async () => {
      const seen: Response[] = [];
      // The page comes from the page cache the second time; its HTML names what a view counts toward.
      for (let i = 0; i < 2; i++) seen.push(await fetch(`${site.url}${articlePath}`, { headers: { 'user-agent': CHROME } }));
      const html = await seen[0]!.text();
      expect(site.app.cachedPages()).toContain(articlePath);
      expect(html).toContain(`<script src="/count.js" data-q="a=${articleId}&amp;s=${sectionId}" async`);
      expect(html).toContain(`<noscript><img src="/count.gif?a=${articleId}&amp;s=${sectionId}"`);

      const count = (ua: string, extra: Record<string, string> = {}, query = `a=${articleId}&s=${sectionId}`) =>
        fetch(`${site.url}/count.gif?${query}`, { headers: { 'user-agent': ua, ...extra } });
      seen.push(await count(CHROME)); // a view without JavaScript
      seen.push(await count(CHROME, {}, `a=${articleId}&s=${sectionId}&js=1&r=www.Search.example`)); // the same reader again, from the script
      seen.push(await count(FIREFOX)); // another visitor (same address, other browser)
      seen.push(await count(GOOGLEBOT));
      seen.push(await count(CHROME, { 'sec-purpose': 'prefetch;prerender' }));
      seen.push(await count(''));
      seen.push(await fetch(`${site.url}/count.js`));
      const pixel = seen[2]!;
      expect(pixel.headers.get('content-type')).toBe('image/gif');
      expect(pixel.headers.get('cache-control')).toContain('no-store');
      for (const response of seen) expect(response.headers.get('set-cookie')).toBeNull();

      await expect
        .poll(async () => (await site.store.audience.top('story', 'd', new Date(Date.now() - 86_400_000), 5)).find((r) => r.key === String(articleId)), { timeout: 10_000 })
        .toEqual({ key: String(articleId), views: 3, visitors: 2 });
      expect(await site.store.audience.top('referrer', 'd', new Date(Date.now() - 86_400_000), 5)).toEqual([{ key: 'search.example', views: 1, visitors: 1 }]);
      expect(await site.store.audience.top('section', 'd', new Date(Date.now() - 86_400_000), 5)).toEqual([{ key: String(sectionId), views: 3, visitors: 2 }]);

      // Nothing that identifies a reader is stored: the visitor table holds salted hashes only.
      const rows = await site.store.db.kysely.selectFrom('audience_visitors').selectAll().execute();
      for (const row of rows) {
        expect(row.visitor).toMatch(/^[A-Za-z0-9_-]{22}$/);
        expect(JSON.stringify(row)).not.toMatch(/127\.0\.0\.1|Chrome|Firefox/);
      }
    });

    it('shows the numbers on the dashboard and in the story list, and deletes past days’ salts and hashes', async () => {
      const editor = await createUser(site.store, 'editor');
      const session = await signIn(site.url, editor.email);
      const dashboard = (await (await session.call('GET', '/admin/api/audience')).json()) as any;
      expect(dashboard.today).toEqual({ views: 3, visitors: 2 });
      expect(dashboard.topNow[0]).toMatchObject({ key: String(articleId), path: articlePath, views: 3 });
      expect(dashboard.topToday[0]).toMatchObject({ key: String(articleId), views: 3, visitors: 2 });
      expect(dashboard.referrers).toEqual([{ key: 'search.example', label: 'search.example', views: 1, visitors: 1 }]);
      expect(dashboard.hourly.reduce((n: number, p: { views: number }) => n + p.views, 0)).toBe(3);
      const writer = await signIn(site.url, (await createUser(site.store, 'writer')).email);
      const numbers = (await (await writer.call('GET', `/admin/api/audience/stories?ids=${articleId},999999`)).json()) as any;
      expect(numbers.items).toEqual({ [String(articleId)]: { views: 3, visitors: 2 }, 999999: { views: 0, visitors: 0 } });
      expect((await writer.call('GET', '/admin/api/audience')).status).toBe(403);

      await site.store.audience.prune(new Date(Date.now() + 86_400_000));
      expect(await site.store.db.kysely.selectFrom('audience_visitors').selectAll().execute()).toEqual([]);
      expect(await site.store.db.kysely.selectFrom('audience_salts').selectAll().execute()).toEqual([]);
      expect((await site.store.audience.top('story', 'd', new Date(Date.now() - 86_400_000), 5))[0]?.views).toBe(3);
    });

    it('prints views and visitors per story with `dateline stats`', async () => {
      const env = { DATA_DIR: site.config.dataDir, DEMO: 'false', LOG_LEVEL: 'silent', ...(site.config.databaseUrl && { DATABASE_URL: site.config.databaseUrl }) };
      const json = await runCli(['stats', '--days', '2', '--json'], env);
      expect(json.stderr).toBe('');
      expect(json.code).toBe(0);
      const parsed = JSON.parse(json.stdout);
      expect(parsed).toMatchObject({ days: 2, views: 3, visitors: 2 });
      expect(parsed.stories[0]).toMatchObject({ id: articleId, path: articlePath, views: 3, visitors: 2 });
      const text = await runCli(['stats'], env);
      expect(text.stdout).toMatch(/Last 7 days: 3 views, 2 visitors/);
      expect(text.stdout).toContain(articlePath);
      const bad = await runCli(['stats', '--days', 'lots'], env);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--days is "lots"');
    }, 60_000);
  });
}
