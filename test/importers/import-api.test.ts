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
  });
}
