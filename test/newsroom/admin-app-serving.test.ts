// The built newsroom app at /admin: the shell for every app address, hashed assets cached for good,
// and /admin/api left to the API (a JSON 404, never the HTML shell).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_APP_DIR } from '../../src/newsroom/admin-app/serve-admin-app.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';

for (const dialect of DIALECTS) {
  describe(`newsroom app serving (${dialect})`, () => {
    let site: TestSite;
    beforeAll(async () => {
      if (!existsSync(path.join(ADMIN_APP_DIR, 'index.html'))) {
        const build = spawnSync('npm', ['run', 'build'], { cwd: path.join(ADMIN_APP_DIR, '../..'), stdio: 'inherit' });
        if (build.status !== 0) throw new Error('npm run build failed');
      }
      site = await startTestSite(dialect, { demo: false });
    }, 120_000);
    afterAll(async () => site?.close());

    it.each(['/admin', '/admin/', '/admin/stories/12', '/admin/media?q=ferry'])('answers %s with the app shell', async (pathname) => {
      const response = await fetch(`${site.url}${pathname}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const html = await response.text();
      expect(html).toContain('<div id="app"></div>');
      expect(html).toMatch(/src="\/admin\/assets\/[^"]+\.js"/);
    });

    it('serves the hashed assets with long caching', async () => {
      const html = await (await fetch(`${site.url}/admin/`)).text();
      const script = /src="(\/admin\/assets\/[^"]+\.js)"/.exec(html)?.[1];
      const response = await fetch(`${site.url}${script}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/javascript/);
      expect(response.headers.get('cache-control')).toMatch(/immutable/);
    });

    it('leaves unknown /admin/api addresses to the API as JSON 404s', async () => {
      const response = await fetch(`${site.url}/admin/api/no-such-thing`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    });
  });
}
