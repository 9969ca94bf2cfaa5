import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatEntry } from '../../src/cli/webhook-command.js';
import { JOB_KINDS, type JobLog, JobRunner } from '../../src/jobs/index.js';
import { parseAllowList } from '../../src/net/index.js';
import { createStore, openDatabase, type Store } from '../../src/store/index.js';
import { type Clock, deliverWebhookHandler, type SendWebhook, WebhookDispatcher, webhookSender } from '../../src/webhooks/index.js';
import { DIALECTS, startTestSite, TEST_SITE_URL, type TestSite } from '../support/test-site.js';
import { type ReceivedWebhook, startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const SECRET = 'whsec_integration_test_secret';

/** The receiver's check, written from docs/webhooks.md rather than imported from the sender. */
function verifiedAsDocumented(hook: ReceivedWebhook, secret = SECRET): boolean {
  const timestamp = String(hook.headers['x-dateline-timestamp']);
  const signature = String(hook.headers['x-dateline-signature']);
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${hook.body}`).digest('hex')}`;
  return signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
}

async function storyInput(store: Store, headline: string) {
  const news = await store.sections.bySlug('news');
  const author = await store.db.kysely.selectFrom('authors').select('id').orderBy('id').executeTakeFirstOrThrow();
  return {
    headline,
    summary: `Summary of ${headline}`,
    bodyHtml: `<p>Body of ${headline}</p>`,
    label: 'news' as const,
    status: 'published' as const,
    sectionId: news!.id,
    authorIds: [author.id],
    publishedAt: new Date(),
  };
}

const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));
const silent: JobLog = { info() {}, warn() {}, error() {} };

for (const dialect of DIALECTS) {
  describe(`webhooks on ${dialect}`, () => {
    let site: TestSite;
    const receivers: WebhookReceiver[] = [];
    const receiver = async (answer?: (n: number) => number) => {
      const r = await startWebhookReceiver(answer);
      receivers.push(r);
      return r;
    };

    beforeAll(async () => {
      site = await startTestSite(dialect, { env: { WEBHOOK_RETRY_SCHEDULE: '100ms,100ms,100ms', OUTBOUND_ALLOW: '127.0.0.1' } });
    });
    afterAll(async () => {
      await site?.close();
      await Promise.all(receivers.map((r) => r.close()));
    });

    it('sends publish, update and withdrawal of a new story, in order, signed, and none of the seeded backlog', async () => {
      const hooks = await receiver();
      const subscriber = await site.store.webhooks.add({ url: hooks.url, secret: SECRET, events: ['published', 'updated', 'corrected', 'withdrawn'] });
      expect(subscriber.startAfterEventId).toBeGreaterThan(0); // the demo's own publish events are history

      const input = await storyInput(site.store, 'Harbor bridge reopens after repairs');
      const { id, path } = await site.store.articleWriter.create(input);
      await site.store.articleWriter.update(id, { headline: 'Harbor bridge reopens after repairs, with tolls', updatedAt: new Date() });
      await site.store.articleWriter.update(id, { status: 'withdrawn' });

      const got = await hooks.waitFor(3);
      await settle();
      expect(hooks.received).toHaveLength(3);
      expect(got.map((h) => h.headers['x-dateline-event'])).toEqual(['published', 'updated', 'withdrawn']);
      expect(got.map((h) => h.json.event)).toEqual(['published', 'updated', 'withdrawn']);
      for (const hook of got) {
        expect(verifiedAsDocumented(hook)).toBe(true);
        expect(verifiedAsDocumented(hook, 'the wrong secret')).toBe(false);
        expect(hook.headers['content-type']).toBe('application/json');
        expect(hook.headers['user-agent']).toBe('Dateline-Webhooks/1');
        expect(hook.headers['x-dateline-delivery']).toBe(hook.json.id);
        expect(hook.json.article).toMatchObject({ id, url: `${TEST_SITE_URL}${path}`, section: { slug: 'news' } });
        expect(Date.parse(hook.json.occurredAt)).not.toBeNaN();
      }
      expect(new Set(got.map((h) => h.json.id)).size).toBe(3);
      const [published, updated, withdrawn] = got.map((h) => h.json.article);
      expect(published.status).toBe('published');
      expect(updated).toMatchObject({ status: 'published', headline: 'Harbor bridge reopens after repairs, with tolls' });
      expect(updated.updatedAt).not.toBeNull();
      expect(withdrawn.status).toBe('withdrawn');
      expect(withdrawn).not.toHaveProperty('bodyHtml');
      expect(withdrawn).not.toHaveProperty('summary');
    });

    it('sends only the chosen events, and never a plain edit', async () => {
      const hooks = await receiver();
      await site.store.webhooks.add({ url: hooks.url, secret: SECRET, events: ['withdrawn'] });
      const { id } = await site.store.articleWriter.create(await storyInput(site.store, 'Ferry schedule changes for winter'));
      await site.store.articleWriter.update(id, { summary: 'A quiet edit' }); // 'changed': never sent
      await site.store.articleWriter.update(id, { status: 'withdrawn' });
      await hooks.waitFor(1);
      await settle();
      expect(hooks.received.map((h) => h.json.event)).toEqual(['withdrawn']);
    });

    it('retries a receiver that answers 500 twice, then delivers on the third attempt, and logs each attempt', async () => {
      const hooks = await receiver((n) => (n < 2 ? 500 : 200));
      const subscriber = await site.store.webhooks.add({ url: hooks.url, secret: SECRET, events: ['published'] });
      await site.store.articleWriter.create(await storyInput(site.store, 'Storm closes coast highway'));

      const got = await hooks.waitFor(3);
      await settle();
      expect(hooks.received).toHaveLength(3);
      expect(new Set(got.map((h) => h.json.id)).size).toBe(1); // one delivery, three attempts
      expect(got.every((h) => verifiedAsDocumented(h))).toBe(true);

      const [entry] = await site.store.webhooks.log({ subscriberId: subscriber.id, limit: 10 });
      expect(entry).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200, headline: 'Storm closes coast highway' });
      expect(entry!.attemptLog.map((a) => a.statusCode)).toEqual([500, 500, 200]);
      expect(entry!.attemptLog.map((a) => a.nextAttemptAt !== null)).toEqual([true, true, false]);
      for (const a of entry!.attemptLog) expect(a.durationMs).toBeGreaterThanOrEqual(0);
      const shown = formatEntry(entry!);
      expect(shown).toContain('delivered, 3 attempt(s), last answer 200');
      expect(shown.match(/HTTP 500/g)).toHaveLength(2);
      expect(shown).toContain('retry at');
    });

    it('gives up after the last scheduled retry and marks the delivery failed', async () => {
      const hooks = await receiver(() => 503);
      const subscriber = await site.store.webhooks.add({ url: hooks.url, secret: SECRET, events: ['published'] });
      await site.store.articleWriter.create(await storyInput(site.store, 'Council delays vote on marina'));
      await hooks.waitFor(4);
      await settle(600);
      expect(hooks.received).toHaveLength(4); // the first attempt and three retries
      const [entry] = await site.store.webhooks.log({ subscriberId: subscriber.id, limit: 10 });
      expect(entry).toMatchObject({ status: 'failed', attempts: 4, lastStatusCode: 503, nextAttemptAt: null });
    });

    it('disables a subscriber whose receiver answers 410 Gone', async () => {
      const hooks = await receiver(() => 410);
      const subscriber = await site.store.webhooks.add({ url: hooks.url, secret: SECRET, events: ['published'] });
      await site.store.articleWriter.create(await storyInput(site.store, 'Library extends weekend hours'));
      await hooks.waitFor(1);
      await settle();
      expect(await site.store.webhooks.byId(subscriber.id)).toMatchObject({ status: 'disabled' });
      await site.store.articleWriter.create(await storyInput(site.store, 'Library adds Sunday story time'));
      await settle(600);
      expect(hooks.received).toHaveLength(1);
      const [entry] = await site.store.webhooks.log({ subscriberId: subscriber.id, limit: 10 });
      expect(entry).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: 410 });
    });

    it('records an unreachable receiver as a network error with a next retry', async () => {
      const gone = await startWebhookReceiver();
      const url = gone.url;
      await gone.close(); // nothing listens there now
      const subscriber = await site.store.webhooks.add({ url, secret: SECRET, events: ['published'] });
      await site.store.articleWriter.create(await storyInput(site.store, 'Tide tables for the week'));
      const deadline = Date.now() + 10_000;
      let entry: Awaited<ReturnType<Store['webhooks']['log']>>[number] | undefined;
      while (Date.now() < deadline) {
        [entry] = await site.store.webhooks.log({ subscriberId: subscriber.id, limit: 1 });
        if (entry && entry.attempts > 0) break;
        await settle(50);
      }
      expect(entry!.attemptLog[0]).toMatchObject({ statusCode: null, error: 'ECONNREFUSED' });
      await site.store.webhooks.remove(subscriber.id);
    });
  });

  describe(`webhook dispatcher and jobs with a driven clock on ${dialect}`, () => {
    let site: TestSite;
    beforeAll(async () => {
      // This node sends no webhooks itself, so the test's dispatchers are the only ones.
      site = await startTestSite(dialect, { env: { WEBHOOKS: 'false' } });
    });
    afterAll(() => site?.close());

    it('waits out the backoff by the clock and, after a restart, sends what it missed', async () => {
      let now = new Date('2030-01-01T00:00:00Z');
      const clock: Clock = { now: () => now };
      const sent: string[] = [];
      let up = false;
      const send: SendWebhook = async (request) => {
        if (!up) throw Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNRESET' } });
        sent.push(request.headers['X-Dateline-Event']!);
        return { status: 204 };
      };
      // A node: the dispatcher turns outbox events into deliveries and their jobs; its runner sends them.
      const node = () => {
        const dispatcher = new WebhookDispatcher({ repo: site.store.webhooks, jobs: site.store.jobs, articles: site.store.articles, siteUrl: TEST_SITE_URL, clock });
        const runner = new JobRunner(site.store, { log: silent, clock: () => now });
        runner.register(JOB_KINDS.webhookDeliver, deliverWebhookHandler({ repo: site.store.webhooks, send, retrySchedule: [30_000], now: () => now, random: () => 0.5 }));
        return { dispatcher, runner };
      };
      const subscriber = await site.store.webhooks.add({ url: 'https://hooks.example.test/in', secret: SECRET, events: ['published', 'withdrawn'] });
      const { id } = await site.store.articleWriter.create(await storyInput(site.store, 'Clocked story'));

      const first = node();
      expect(await first.dispatcher.tick()).toEqual({ created: 1 });
      expect(await first.runner.runDue()).toBe(1); // attempted; the receiver is down
      const [tried] = await site.store.webhooks.log({ subscriberId: subscriber.id, limit: 5 });
      expect(tried).toMatchObject({ status: 'pending', attempts: 1, lastError: 'ECONNRESET', nextAttemptAt: new Date(now.getTime() + 30_000) });
      now = new Date(now.getTime() + 29_000);
      expect(await first.runner.runDue()).toBe(0); // not due yet
      await first.dispatcher.stop();
      await first.runner.stop();

      // While no node runs, the story is withdrawn; a restarted one finds the event in the outbox and the retry in the queue.
      await site.store.articleWriter.update(id, { status: 'withdrawn' });
      up = true;
      now = new Date(now.getTime() + 1_000);
      const second = node();
      expect(await second.dispatcher.tick()).toEqual({ created: 1 });
      expect(await second.runner.runDue()).toBe(2);
      expect(sent).toEqual(['published', 'withdrawn']);
      const log = await site.store.webhooks.log({ subscriberId: subscriber.id, limit: 5 });
      expect(log.map((e) => [e.event, e.status, e.attempts])).toEqual([
        ['withdrawn', 'delivered', 1],
        ['published', 'delivered', 2],
      ]);
      expect(await second.dispatcher.tick()).toEqual({ created: 0 });
      expect(await second.runner.runDue()).toBe(0);
      await second.dispatcher.stop();
    });
  });
}

if (DIALECTS.includes('postgres')) {
  describe('webhooks on postgres with several nodes', () => {
    let site: TestSite;
    const others: Array<{ store: Store; dispatcher: WebhookDispatcher; runner: JobRunner }> = [];
    let hooks: WebhookReceiver;

    beforeAll(async () => {
      site = await startTestSite('postgres', { env: { OUTBOUND_ALLOW: '127.0.0.1' } });
      hooks = await startWebhookReceiver(async () => {
        await new Promise((r) => setTimeout(r, 5)); // a receiver that takes a moment, so nodes overlap
        return 200;
      });
      // Two more nodes besides the site: each follows the outbox and runs webhook jobs.
      for (let i = 0; i < 2; i++) {
        const store = createStore(await openDatabase({ databaseUrl: site.config.databaseUrl, dataDir: site.config.dataDir }));
        await store.changes.follow();
        const dispatcher = new WebhookDispatcher({ repo: store.webhooks, jobs: store.jobs, articles: store.articles, siteUrl: TEST_SITE_URL }, { pollMs: 50 });
        const runner = new JobRunner(store, { log: silent, pollMs: 50, nodeId: `node-${i + 2}` });
        runner.register(JOB_KINDS.webhookDeliver, deliverWebhookHandler({ repo: store.webhooks, send: webhookSender({ allow: parseAllowList('127.0.0.1') }) }));
        others.push({ store, dispatcher, runner });
      }
    });
    afterAll(async () => {
      for (const { store, dispatcher, runner } of others) {
        await dispatcher.stop();
        await runner.stop();
        await store.changes.close();
        await store.db.close();
      }
      await site?.close();
      await hooks?.close();
    });

    it('delivers each event exactly once across three nodes on one database', async () => {
      await site.store.webhooks.add({ url: hooks.url, secret: SECRET, events: ['published', 'withdrawn'] });
      for (const { store, dispatcher, runner } of others) {
        dispatcher.start(store.changes);
        await runner.start();
      }
      const stories = 12;
      const ids: number[] = [];
      for (let i = 0; i < stories; i++) {
        const { id } = await site.store.articleWriter.create(await storyInput(site.store, `Node test story ${i}`));
        ids.push(id);
      }
      await Promise.all(ids.slice(0, 4).map((id) => site.store.articleWriter.update(id, { status: 'withdrawn' })));
      const expected = stories + 4;
      await hooks.waitFor(expected, 20_000);
      await settle(800);
      expect(hooks.received).toHaveLength(expected);
      const eventIds = hooks.received.map((h) => h.json.eventId);
      expect(new Set(eventIds).size).toBe(expected);
      expect(new Set(hooks.received.map((h) => h.json.id)).size).toBe(expected);
      expect(hooks.received.every((h) => verifiedAsDocumented(h))).toBe(true);
      const rows = await site.store.db.kysely.selectFrom('webhook_deliveries').select(['status', 'attempts']).execute();
      expect(rows).toHaveLength(expected);
      expect(rows.every((r) => r.status === 'delivered' && r.attempts === 1)).toBe(true);
      const jobs = await site.store.jobs.list({ kind: JOB_KINDS.webhookDeliver, limit: 100 });
      expect(jobs).toHaveLength(expected);
      expect(jobs.every((j) => j.state === 'done' && j.attempts === 1)).toBe(true);
    });
  });
}
