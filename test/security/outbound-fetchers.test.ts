import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeSendError, webhookSender } from '../../src/webhooks/send-webhook.js';
import { pollDue } from '../../src/wire/sources/index.js';
import { wireRules } from '../../src/wire/wire-source-rules.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';
import { PWS_RULES, pwsStory } from '../wire/wire-helpers.js';
import { type LoopbackServer, startLoopbackServer } from './internal-service.js';

function picture(href: string) {
  return { name: 'featureimage', uri: `urn:pws:picture:${href}`, type: 'picture', renditions: [{ name: 'highres', href, contenttype: 'image/jpeg' }] };
}

async function until<T>(what: string, check: () => Promise<T | undefined | false>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const dialect of DIALECTS) {
  describe(`every fetcher goes through the guard (${dialect})`, () => {
    let site: TestSite;
    let token: string;
    let internal: LoopbackServer;
    /** An allowed (OUTBOUND_ALLOW=127.0.0.2) agency server that answers slowly or redirects inside. */
    let agency: LoopbackServer;
    const held: Array<() => void> = [];

    beforeAll(async () => {
      internal = await startLoopbackServer();
      agency = await startLoopbackServer((request, response) => {
        if (request.url?.startsWith('/redirect')) return void response.writeHead(302, { location: `${internal.url}/latest.json` }).end();
        // Holds the picture request until the test lets it go.
        held.push(() => response.writeHead(404).end());
      }, '127.0.0.2');
      site = await startTestSite(dialect, { env: { PAGE_CACHE_SECONDS: '0', WIRE_POLLING: 'false', OUTBOUND_ALLOW: '127.0.0.2' } });
      token = (await site.store.wirePush.create('pws', JSON.stringify(PWS_RULES))).token;
    }, 60_000);
    afterAll(async () => {
      for (const release of held) release();
      await site?.close();
      await internal?.close();
      await agency?.close();
    });

    const push = (body: Uint8Array) =>
      fetch(`${site.url}/wire/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: Buffer.from(body) });

    it('a pushed item whose picture points at an internal address stores the story and never reaches the address', async () => {
      const response = await push(pwsStory({ uri: 'urn:pws:ssrf:picture', headline: 'Harbor story with a hostile picture', associations: [picture(`${internal.url}/latest/meta-data/`)] }));
      expect(response.status).toBe(200);
      const failed = await until('the picture attempt', async () => {
        const rows = await site.store.db.kysely.selectFrom('wire_picture_fetches').select(['last_error', 'done_at']).where('url', 'like', `${internal.url}%`).execute();
        return rows[0]?.last_error ? rows[0] : undefined;
      });
      expect(failed.last_error).toMatch(/loopback/);
      expect(failed.done_at).not.toBeNull(); // refused for good, not retried
      expect(internal.hits).toEqual([]);
    });

    it('answers a push at once, however long the picture server takes (no timing oracle)', async () => {
      const started = Date.now();
      const response = await push(pwsStory({ uri: 'urn:pws:ssrf:slow', headline: 'Harbor story with a slow picture', associations: [picture(`${agency.url}/slow.jpg`)] }));
      const took = Date.now() - started;
      expect(response.status).toBe(200);
      // The picture server has the request and holds it; the answer did not wait for it.
      await until('the picture request', async () => agency.hits.some((h) => h.includes('/slow.jpg')));
      expect(took).toBeLessThan(2000);
      for (const release of held.splice(0)) release();
    });

    it('a feed URL that is internal, or redirects inside, is refused and counted as a failure', async () => {
      const later = new Date(Date.now() + 3_600_000);
      await site.store.wirePoll.add({ name: 'ssrf-direct', url: `${internal.url}/latest.json`, intervalMs: 60_000, rulesJson: null }, later);
      await site.store.wirePoll.add({ name: 'ssrf-redirect', url: `${agency.url}/redirect`, intervalMs: 60_000, rulesJson: null }, later);
      const runs = await pollDue({ store: site.store, rules: wireRules([PWS_RULES]), clock: () => later, outbound: { allow: site.config.outboundAllow } });
      const byName = Object.fromEntries(runs.map((r) => [r.source, r]));
      expect(byName['ssrf-direct']?.error).toMatch(/loopback address and is not contacted/);
      expect(byName['ssrf-redirect']?.error).toMatch(/loopback address and is not contacted/);
      expect(agency.hits.some((h) => h.startsWith('GET /redirect'))).toBe(true);
      expect(internal.hits).toEqual([]);
    });

    it('a webhook receiver on an internal address is never posted to', async () => {
      const send = webhookSender({ allow: site.config.outboundAllow });
      const error = await send({ url: `${internal.url}/hooks`, headers: {}, body: '{}', timeoutMs: 2000 }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(describeSendError(error, 2000)).toMatch(/loopback address and is not contacted/);
      expect(internal.hits).toEqual([]);
    });
  });
}
