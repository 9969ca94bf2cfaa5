import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../support/admin-session.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';
import { expectPageContract, redirectOf } from './support/page-contract.js';
import { item, wxr } from './support/wxr.js';

// The newsroom's import API: an admin uploads an export, a background job imports it, progress and summary come back.

const NOW = new Date('2026-03-10T19:30:00Z');

interface Progress {
  state: string;
  done: number;
  total: number;
  error: string | null;
  summary: { created: { stories: number }; commentsLeft: number } | null;
}

for (const dialect of DIALECTS) {
  describe(`background import through the newsroom API on ${dialect}`, () => {
    let site: TestSite;

    beforeAll(async () => {
      site = await startTestSite(dialect, { demo: false, now: NOW });
    }, 120_000);

    afterAll(async () => {
      await site?.close();
    });

    async function finished(call: (m: string, p: string) => Promise<Response>, jobId: number): Promise<Progress> {
      for (let i = 0; i < 300; i++) {
        const progress = (await (await call('GET', `/imports/${jobId}`)).json()) as Progress;
        if (progress.state === 'done' || progress.state === 'failed') return progress;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`import ${jobId} did not finish`);
    }

    it('imports an uploaded WordPress export in the background and reports its summary', async () => {
      const admin = await signedInAs(site.store, site.url, 'admin');
      const categories = [{ slug: 'local', name: 'Local' }];
      const xml = wxr({ categories, items: [1, 2, 3].map((n) => item({ id: 90 + n, title: `Uploaded story ${n}`, slug: `uploaded-${n}`, content: 'Text.', categories, comments: 1 })) });
      const form = new FormData();
      form.append('file', new Blob([xml], { type: 'application/xml' }), 'site.wordpress.xml');
      const response = await fetch(`${site.url}/admin/api/imports`, { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken }, body: form });
      expect(response.status).toBe(202);
      const { jobId } = (await response.json()) as { jobId: number };
      const progress = await finished(admin.call, jobId);
      expect(progress).toMatchObject({ state: 'done', error: null });
      expect(progress.summary?.created.stories).toBe(3);
      expect(progress.summary?.commentsLeft).toBe(3);
      await expectPageContract(site, await redirectOf(site, '/?p=92'));
    });

    it('refuses a file that is no export, and anyone but an admin', async () => {
      const admin = await signedInAs(site.store, site.url, 'admin');
      const form = new FormData();
      form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'notes.txt');
      const refused = await fetch(`${site.url}/admin/api/imports`, { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken }, body: form });
      expect(refused.status).toBe(400);
      const editor = await signedInAs(site.store, site.url, 'editor');
      expect((await editor.call('POST', '/imports/url', { url: 'https://paper.example/story' })).status).toBe(403);
      // A URL that cannot be reached fails inside the job, and the progress says why.
      const started = await admin.call('POST', '/imports/url', { url: 'http://127.0.0.1:9/story' });
      expect(started.status).toBe(202);
      const progress = await finished(admin.call, ((await started.json()) as { jobId: number }).jobId);
      expect(progress.state).toBe('done');
      expect(JSON.stringify(progress.summary)).toMatch(/loopback/);
    });

    it('brings an archive in as drafts under a chosen section, and lists it among past imports', async () => {
      const admin = await signedInAs(site.store, site.url, 'admin');
      const section = await site.store.sections.create({ slug: 'archive-desk', name: 'Archive desk', position: 50, inMenu: false });
      const xml = wxr({ items: [1, 2].map((n) => item({ id: 700 + n, title: `Review me ${n}`, slug: `review-me-${n}`, content: 'Text.' })) });
      const form = new FormData();
      form.append('statuses', 'drafts');
      form.append('uncategorizedSection', 'archive-desk');
      form.append('file', new Blob([xml], { type: 'application/xml' }), 'review.xml');
      const response = await fetch(`${site.url}/admin/api/imports`, { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken }, body: form });
      expect(response.status).toBe(202);
      const { jobId } = (await response.json()) as { jobId: number };
      expect((await finished(admin.call, jobId)).summary?.created.stories).toBe(2);
      const stories = await site.store.db.kysely.selectFrom('articles').select(['status', 'section_id', 'headline']).where('headline', 'like', 'Review me %').execute();
      expect(stories).toHaveLength(2);
      for (const story of stories) expect(story).toMatchObject({ status: 'draft', section_id: section.id });
      // Drafts are not on the site.
      expect((await fetch(`${site.url}/archive-desk/review-me-1`)).status).toBe(404);

      const past = (await (await admin.call('GET', '/imports')).json()) as Array<{ jobId: number; name: string; state: string; created: { stories: number } | null }>;
      expect(past[0]).toMatchObject({ jobId, name: 'review.xml', state: 'done', created: { stories: 2 } });
      expect(past.length).toBeGreaterThan(1);
    });

    it('refuses wrong options before any work starts, and leaves no upload behind', async () => {
      const admin = await signedInAs(site.store, site.url, 'admin');
      const folder = path.join(site.config.dataDir, 'imports');
      const before = await readdir(folder).catch(() => []);
      const attempts: Array<[Record<string, string>, string, RegExp]> = [
        [{ uncategorizedSection: 'no-such-section' }, 'site.xml', /no section “no-such-section”/],
        [{ statuses: 'everything' }, 'site.xml', /must be “as-is” or “drafts”/],
        [{ ghostUrl: 'javascript:alert(1)' }, 'ghost.json', /not an http\(s\) address/],
        [{ ghostUrl: 'https://blog.example.com' }, 'site.xml', /applies to Ghost exports/],
        [{ '../../etc/passwd': 'x' }, 'site.xml', /unexpected field/],
      ];
      for (const [fields, name, message] of attempts) {
        const form = new FormData();
        for (const [key, value] of Object.entries(fields)) form.append(key, value);
        form.append('file', new Blob([name.endsWith('.json') ? '{}' : wxr({ items: [] })]), name);
        const refused = await fetch(`${site.url}/admin/api/imports`, { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken }, body: form });
        expect(refused.status, JSON.stringify(fields)).toBe(400);
        expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(message);
      }
      expect(await readdir(folder).catch(() => [])).toEqual(before);
      const editor = await signedInAs(site.store, site.url, 'editor');
      expect((await editor.call('GET', '/imports')).status).toBe(403);
    });
  });
}
