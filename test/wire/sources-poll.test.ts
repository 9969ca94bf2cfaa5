import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollDue } from '../../src/wire/sources/index.js';
import { wireRules } from '../../src/wire/wire-source-rules.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';
import { PWS_RULES, pwsStory, text } from './wire-helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, fn: () => Promise<T | undefined | null | false>, ms = 5000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() - start > ms) throw new Error(`${what} did not happen within ${ms} ms`);
    await sleep(50);
  }
}

/** A fictional agency feed: one document with an ETag; answers 304 to a matching If-None-Match. */
function agencyFeed() {
  const state = { etag: '"v1"', body: pwsStory({ uri: 'urn:pws:poll:gauge', headline: 'River gauge reads high at Alder Falls' }), status: 200 };
  const requests: Array<{ headers: IncomingHttpHeaders; answered: number }> = [];
  const server: Server = createServer((req, res) => {
    if (state.status !== 200) {
      requests.push({ headers: req.headers, answered: state.status });
      res.writeHead(state.status).end('agency trouble');
      return;
    }
    const answered = req.headers['if-none-match'] === state.etag ? 304 : 200;
    requests.push({ headers: req.headers, answered });
    if (answered === 304) res.writeHead(304, { etag: state.etag }).end();
    else res.writeHead(200, { 'content-type': 'application/json', etag: state.etag }).end(Buffer.from(state.body));
  });
  return { state, requests, server };
}

for (const dialect of DIALECTS) {
  describe(`wire feed polling (${dialect})`, () => {
    let site: TestSite;
    const feed = agencyFeed();
    let feedUrl: string;

    beforeAll(async () => {
      await new Promise<void>((resolve) => feed.server.listen(0, '127.0.0.1', resolve));
      feedUrl = `http://127.0.0.1:${(feed.server.address() as AddressInfo).port}/latest.json`;
      site = await startTestSite(dialect, { env: { PAGE_CACHE_SECONDS: '0', OUTBOUND_ALLOW: '127.0.0.1' } });
    }, 60_000);
    afterAll(async () => {
      await site?.close();
      await new Promise((resolve) => feed.server.close(resolve));
    });

    const pollNow = (name: string) => site.store.db.kysely.updateTable('wire_poll_sources').set({ next_poll_at: 0 }).where('name', '=', name).execute();

    it('ingests on the first poll, gets 304 with If-None-Match on the second, and updates the story on a new ETag', async () => {
      await site.store.wirePoll.add({ name: 'pws-latest', url: feedUrl, intervalMs: 60_000, rulesJson: JSON.stringify(PWS_RULES) });
      // The server polls by itself (WIRE_POLLING is on by default).
      const history = await until('the first poll', () => site.store.wire.history('urn:pws:poll:gauge'));
      expect(feed.requests[0]?.headers['if-none-match']).toBeUndefined();
      const articleId = history.item.article_id as number;
      const story = await site.store.articles.byId(articleId);
      expect((await text(site, story!.path)).status).toBe(200);

      await pollNow('pws-latest');
      await until('the second poll', async () => feed.requests.length >= 2 && (await site.store.wirePoll.list())[0]?.lastStatus === '304');
      expect(feed.requests[1]).toMatchObject({ headers: { 'if-none-match': '"v1"' }, answered: 304 });

      feed.state.etag = '"v2"';
      feed.state.body = pwsStory({ uri: 'urn:pws:poll:gauge', version: 2, versioncreated: '2031-03-05T09:00:00Z', headline: 'River gauge falls back at Alder Falls' });
      await pollNow('pws-latest');
      await until('the update', async () => (await site.store.articles.byId(articleId))?.headline === 'River gauge falls back at Alder Falls');
      expect(feed.requests[2]).toMatchObject({ headers: { 'if-none-match': '"v1"' }, answered: 200 });
      const page = await text(site, story!.path);
      expect(page.status).toBe(200);
      expect(page.body).toContain('River gauge falls back at Alder Falls');
      const [source] = await site.store.wirePoll.list();
      expect(source).toMatchObject({ etag: '"v2"', lastError: null, failures: 0 });
      expect(source?.lastStatus).toMatch(/^200: 0 new, 1 updated/);
    });

    it('backs off after an error, keeping the validators, and polls each source once however many nodes try', async () => {
      // Due only in the future, so the server's own poller leaves it to this test's clock.
      const later = new Date(Date.now() + 3_600_000);
      const added = await site.store.wirePoll.add({ name: 'pws-flaky', url: feedUrl, intervalMs: 10_000, rulesJson: null }, later);
      await site.store.wirePoll.polled(added.id, { status: '304', error: null, etag: '"v2"', failures: 0, nextPollAt: later }, later);
      feed.state.status = 503;
      try {
        const deps = { store: site.store, rules: wireRules([PWS_RULES]), clock: () => later, outbound: { allow: site.config.outboundAllow } };
        // Two "nodes" at once: the lease lets one of them poll.
        const [a, b] = await Promise.all([pollDue(deps), pollDue(deps)]);
        expect([...a!, ...b!].filter((r) => r.source === 'pws-flaky')).toHaveLength(1);
        const source = (await site.store.wirePoll.list()).find((s) => s.name === 'pws-flaky');
        expect(source).toMatchObject({ lastStatus: 'error', failures: 1, etag: '"v2"' });
        expect(source?.lastError).toContain('HTTP 503');
        expect(source?.nextPollAt.getTime()).toBe(later.getTime() + 20_000);
      } finally {
        feed.state.status = 200;
      }
    });
  });
}
