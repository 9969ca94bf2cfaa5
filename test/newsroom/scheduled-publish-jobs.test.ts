// Scheduled publishing on the job queue, as an editor and a reader see it: a story goes out at its time
// through its own `article.publish` job (no sweep running), a new time or an unschedule is honoured, a
// story scheduled behind the newsroom's back is caught by the sweep, and a schedule survives a node that
// runs no jobs until one does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_KINDS, JobRunner } from '../../src/jobs/index.js';
import type { AdminArticle } from '../../src/newsroom/admin-api-contract.js';
import { registerSchedulerJobs } from '../../src/newsroom/articles/index.js';
import { type AdminSession, signedInAs } from '../support/admin-session.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const silent = { info() {}, warn() {}, error() {} };

async function newsroom(site: TestSite) {
  const writer = await signedInAs(site.store, site.url, 'writer');
  const editor = await signedInAs(site.store, site.url, 'editor');
  return { writer, editor };
}

async function draft(writer: AdminSession, headline: string): Promise<AdminArticle> {
  const response = await writer.call('POST', '/articles', { headline, bodyHtml: `<p>${headline}: the whole story.</p>`, summary: 'A summary.' });
  return (await response.json()) as AdminArticle;
}

const status = async (site: TestSite, path: string) => (await fetch(`${site.url}${path}`)).status;

async function waitForPage(site: TestSite, path: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let code = await status(site, path);
  while (code !== 200 && Date.now() < deadline) {
    await sleep(100);
    code = await status(site, path);
  }
  return code;
}

const publishedEvents = async (site: TestSite, id: number) =>
  (await site.store.db.kysely.selectFrom('article_events').select('kind').where('article_id', '=', id).where('kind', '=', 'published').execute()).length;

for (const dialect of DIALECTS) {
  describe(`scheduled publishing by job (${dialect})`, () => {
    let site: TestSite;
    let writer: AdminSession;
    let editor: AdminSession;

    beforeAll(async () => {
      // No sweep on this node: what goes out on time goes out by its own job.
      site = await startTestSite(dialect, { env: { SCHEDULER_INTERVAL_MS: '0', PAGE_CACHE_SECONDS: '0' } });
      ({ writer, editor } = await newsroom(site));
    }, 120_000);
    afterAll(() => site?.close());

    it('publishes a story at its time through its article.publish job, once', async () => {
      const story = await draft(writer, 'Harbor dredging starts at dawn');
      const at = new Date(Date.now() + 1200);
      expect((await editor.call('POST', `/articles/${story.id}/schedule`, { at: at.toISOString() })).status).toBe(200);
      const [job] = await site.store.jobs.list({ kind: JOB_KINDS.articlePublish, state: 'waiting', limit: 50 }).then((jobs) => jobs.filter((j) => j.key === String(story.id)));
      expect(job).toMatchObject({ runAt: at, payload: { articleId: story.id } });
      expect(await status(site, story.path)).toBe(404);

      expect(await waitForPage(site, story.path, 8000)).toBe(200);
      expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
      expect(await site.store.jobs.byId(job!.id)).toMatchObject({ state: 'done', attempts: 1 });
      await sleep(300);
      expect(await publishedEvents(site, story.id)).toBe(1);
    });

    it('moves the job when the story is rescheduled, and does not publish at the old time', async () => {
      const story = await draft(writer, 'Council moves budget vote');
      const first = new Date(Date.now() + 800);
      const later = new Date(Date.now() + 2500);
      await editor.call('POST', `/articles/${story.id}/schedule`, { at: first.toISOString() });
      expect((await editor.call('POST', `/articles/${story.id}/schedule`, { at: later.toISOString() })).status).toBe(200);
      const jobs = (await site.store.jobs.list({ kind: JOB_KINDS.articlePublish, limit: 50 })).filter((j) => j.key === String(story.id));
      expect(jobs).toHaveLength(1);
      expect(jobs[0]).toMatchObject({ state: 'waiting', runAt: later });

      await sleep(first.getTime() - Date.now() + 700);
      expect(await status(site, story.path)).toBe(404);
      expect(await waitForPage(site, story.path, 8000)).toBe(200);
      expect(Date.now()).toBeGreaterThanOrEqual(later.getTime());
      const after = (await (await editor.call('GET', `/articles/${story.id}`)).json()) as AdminArticle;
      expect(after.publishedAt).toBe(later.toISOString());
    });

    it('leaves an unscheduled story alone when its old time comes', async () => {
      const story = await draft(writer, 'Ferry strike called off');
      const at = new Date(Date.now() + 600);
      await editor.call('POST', `/articles/${story.id}/schedule`, { at: at.toISOString() });
      expect((await editor.call('POST', `/articles/${story.id}/unpublish`)).status).toBe(200);
      await sleep(1500);
      expect(await status(site, story.path)).toBe(404);
      const after = (await (await editor.call('GET', `/articles/${story.id}`)).json()) as AdminArticle;
      expect(after.status).toBe('draft');
      const [job] = (await site.store.jobs.list({ kind: JOB_KINDS.articlePublish, limit: 50 })).filter((j) => j.key === String(story.id));
      expect(job?.state).toBe('done'); // it ran, found nothing to publish
    });
  });

  describe(`the scheduling sweep and a node without jobs (${dialect})`, () => {
    let site: TestSite;

    beforeAll(async () => {
      // This node runs no jobs: work waits in the queue for a node that does.
      site = await startTestSite(dialect, { env: { JOBS: 'false', PAGE_CACHE_SECONDS: '0' } });
    }, 120_000);
    afterAll(() => site?.close());

    it('keeps a schedule made while no node runs jobs, and a runner started later publishes it', async () => {
      const { writer, editor } = await newsroom(site);
      const story = await draft(writer, 'Cannery whistle returns');
      const at = new Date(Date.now() + 500);
      await editor.call('POST', `/articles/${story.id}/schedule`, { at: at.toISOString() });
      // A story scheduled behind the newsroom's back (no job): only the sweep can find it.
      const news = await site.store.sections.bySlug('news');
      const { id: hidden, path: hiddenPath } = await site.store.articleWriter.create({
        headline: 'Tide gauge back online',
        bodyHtml: '<p>Body.</p>',
        label: 'news',
        status: 'scheduled',
        sectionId: news!.id,
        authorIds: [],
      });
      await site.store.db.kysely.updateTable('articles').set({ scheduled_at: Date.now() + 300 }).where('id', '=', hidden).execute();
      await sleep(1200);
      expect(await status(site, story.path)).toBe(404);
      expect(await status(site, hiddenPath)).toBe(404);

      const runner = new JobRunner(site.store, { log: silent, pollMs: 100 });
      registerSchedulerJobs(runner, site.store, { intervalMs: 300, clock: () => new Date() });
      await runner.start();
      try {
        expect(await waitForPage(site, story.path, 5000)).toBe(200);
        expect(await waitForPage(site, hiddenPath, 5000)).toBe(200);
        expect(await publishedEvents(site, hidden)).toBe(1);
        const sweeps = await site.store.jobs.list({ kind: JOB_KINDS.articlePublishDue, limit: 10 });
        expect(sweeps.map((j) => j.key)).toEqual(['periodic']);
      } finally {
        await runner.stop();
      }
    });
  });
}
