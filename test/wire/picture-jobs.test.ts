// Wire pictures retried by the job queue: the `wire.picture` job a fetch is queued with tries it again at
// the desk's backoff, attaches it when the agency answers, and fails with the reason when it gives up.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_KINDS, JobRunner } from '../../src/jobs/index.js';
import { parseAllowList } from '../../src/net/index.js';
import { fetchPicture } from '../../src/wire/fetch-picture.js';
import { registerPictureJobs } from '../../src/wire/picture-jobs.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';
import { ingest, pwsStory, text } from './wire-helpers.js';

const NOW = new Date('2031-06-01T08:00:00Z');
const silent = { info() {}, warn() {}, error() {} };

function picture(href: string) {
  return {
    name: 'featureimage',
    uri: `urn:pws:picture:${href}`,
    type: 'picture',
    by: 'Ana Ruiz/Pacific Wire Service',
    descriptions: [{ role: 'caption', value: 'Crab boats wait out the storm.' }],
    renditions: [{ name: 'highres', href, contenttype: 'image/jpeg', width: 640, height: 400 }],
  };
}

for (const dialect of DIALECTS) {
  describe(`wire picture jobs (${dialect})`, () => {
    let site: TestSite;
    let server: http.Server;
    let base: string;
    let answer = 503;
    let jpeg: Buffer;
    const loopbackFetch = (href: string, baseDir: string | null) => fetchPicture(href, baseDir, { outbound: { allow: parseAllowList('127.0.0.1') } });

    beforeAll(async () => {
      // The site's own runner keeps the frozen clock, so only the test's runner below ever finds these jobs due.
      site = await startTestSite(dialect, { now: NOW, env: { PAGE_CACHE_SECONDS: '0' } });
      jpeg = await sharp({ create: { width: 640, height: 400, channels: 3, background: { r: 90, g: 60, b: 30 } } }).jpeg().toBuffer();
      server = http.createServer((_request, response) => {
        if (answer !== 200) response.writeHead(answer).end('no');
        else response.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }, 60_000);
    afterAll(async () => {
      server?.close();
      await site?.close();
    });

    it('retries a picture at its backoff through its job and attaches it once the agency answers', async () => {
      let now = NOW;
      const runner = new JobRunner(site.store, { log: silent, clock: () => now });
      registerPictureJobs(runner, site.store, { now: () => now, fetch: loopbackFetch });
      const report = await ingest(site, pwsStory({ uri: 'urn:pws:pic:job', headline: 'Crab season delayed by storm', associations: [picture(`${base}/crab.jpg`)] }), NOW, {
        pictures: { fetch: loopbackFetch },
      });
      const path = report.items[0]!.path!;
      const [fetch] = await site.store.wire.pendingPictures();
      const [job] = (await site.store.jobs.list({ kind: JOB_KINDS.wirePicture, limit: 10 })).filter((j) => j.key === String(fetch!.id));
      // Ingest tried once and failed: the job waits for the desk's next try, a minute on.
      expect(job).toMatchObject({ state: 'waiting', runAt: new Date(fetch!.next_attempt_at) });
      expect(fetch!.next_attempt_at).toBe(NOW.getTime() + 60_000);

      now = new Date(NOW.getTime() + 61_000);
      expect(await runner.runDue()).toBe(1); // still 503
      expect(await site.store.jobs.byId(job!.id)).toMatchObject({ state: 'waiting', attempts: 1, lastError: expect.stringMatching(/503/) });
      const [again] = await site.store.wire.pendingPictures();
      expect(again).toMatchObject({ attempts: 2 });
      expect((await site.store.jobs.byId(job!.id))?.runAt).toEqual(new Date(again!.next_attempt_at));

      answer = 200;
      now = new Date(again!.next_attempt_at);
      expect(await runner.runDue()).toBe(1);
      expect(await site.store.jobs.byId(job!.id)).toMatchObject({ state: 'done', attempts: 2 });
      expect(await site.store.wire.pendingPictures()).toHaveLength(0);
      expect((await text(site, path)).body).toContain('Crab boats wait out the storm.');
      await runner.stop();
    });

    it('fails the job with the reason when the picture is given up', async () => {
      answer = 503;
      let now = NOW;
      const runner = new JobRunner(site.store, { log: silent, clock: () => now });
      registerPictureJobs(runner, site.store, { now: () => now, fetch: loopbackFetch, maxAttempts: 2 });
      await ingest(site, pwsStory({ uri: 'urn:pws:pic:gone', headline: 'Pier lights restored', associations: [picture(`${base}/pier.jpg`)] }), NOW, {
        pictures: { fetch: loopbackFetch, maxAttempts: 2 },
      });
      const fetch = (await site.store.wire.pendingPictures()).at(-1)!;
      now = new Date(fetch.next_attempt_at);
      expect(await runner.runDue()).toBe(1);
      const [job] = (await site.store.jobs.list({ kind: JOB_KINDS.wirePicture, state: 'failed', limit: 10 })).filter((j) => j.key === String(fetch.id));
      expect(job?.lastError).toMatch(/503.*given up/);
      expect((await site.store.wire.pendingPictures()).find((p) => p.id === fetch.id)).toBeUndefined();
      await runner.stop();
    });
  });
}
