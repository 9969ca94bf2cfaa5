// Issue 10 item 3: webhooks never stall. Fan-out to many subscribers is written in bounded chunks
// (30 subscribers × 500 events in one pass), and a failing dispatcher is an error, in the log once
// and in `dateline webhook log`, not a warning repeated forever.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_KINDS } from '../../src/jobs/index.js';
import type { WebhookRepo } from '../../src/store/webhook-repo.js';
import { WebhookDispatcher } from '../../src/webhooks/index.js';
import { DIALECTS, startTestSite, TEST_SITE_URL, type TestSite } from '../support/test-site.js';

const SUBSCRIBERS = 30;
const EVENTS = 500;

function recordingLog() {
  const lines: Array<{ level: string; message: string }> = [];
  const at = (level: string) => (_fields: object, message: string) => lines.push({ level, message });
  return { lines, log: { info: at('info'), warn: at('warn'), error: at('error') } };
}

for (const dialect of DIALECTS) {
  describe(`webhook fan-out (${dialect})`, () => {
    let site: TestSite;
    let sectionId: number;
    let authorId: number;

    beforeAll(async () => {
      // The site's own dispatcher stays off: this suite drives one by hand.
      site = await startTestSite(dialect, { demo: false, env: { WEBHOOKS: 'false' } });
      sectionId = (await site.store.sections.create({ slug: 'news', name: 'News' })).id;
      authorId = (
        await site.store.db.kysely
          .insertInto('authors')
          .values({ slug: 'fan-out-desk', name: 'Fan-out Desk', kind: 'organization', bio: '', picture_id: null })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    }, 60_000);
    afterAll(async () => {
      await site?.close();
    });

    it(`creates a delivery and its send job for each of ${SUBSCRIBERS} subscribers × ${EVENTS} events in one pass`, async () => {
      const { store } = site;
      for (let i = 0; i < SUBSCRIBERS; i++) await store.webhooks.add({ url: `https://hooks${i}.example.test/in`, secret: `secret-${i}`, events: ['published'] });
      for (let i = 0; i < EVENTS; i++) {
        await store.articleWriter.create({
          headline: `Fan-out story ${i}`,
          summary: '',
          bodyHtml: `<p>Story ${i}.</p>`,
          label: 'news',
          status: 'published',
          sectionId,
          authorIds: [authorId],
          publishedAt: new Date(),
        });
      }
      const { lines, log } = recordingLog();
      const dispatcher = new WebhookDispatcher({ repo: store.webhooks, jobs: store.jobs, articles: store.articles, siteUrl: TEST_SITE_URL, log });
      expect(await dispatcher.tick()).toEqual({ created: SUBSCRIBERS * EVENTS });
      const deliveries = await store.db.kysely.selectFrom('webhook_deliveries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(deliveries.n)).toBe(SUBSCRIBERS * EVENTS);
      const jobs = await store.db.kysely
        .selectFrom('jobs')
        .where('kind', '=', JOB_KINDS.webhookDeliver)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(jobs.n)).toBe(SUBSCRIBERS * EVENTS);
      // Every subscriber has every event, once.
      const perSubscriber = await store.db.kysely
        .selectFrom('webhook_deliveries')
        .select(['subscriber_id', (eb) => eb.fn.count<number>('event_id').distinct().as('n')])
        .groupBy('subscriber_id')
        .execute();
      expect(perSubscriber).toHaveLength(SUBSCRIBERS);
      expect(perSubscriber.every((r) => Number(r.n) === EVENTS)).toBe(true);
      // A second pass finds nothing new.
      expect(await dispatcher.tick()).toEqual({ created: 0 });
      expect(lines.filter((l) => l.level !== 'info')).toEqual([]);
    }, 300_000);

    it('logs a failing dispatcher as an error once, records it for `dateline webhook log`, and clears it when it works again', async () => {
      const { store } = site;
      let broken = true;
      const repo = new Proxy(store.webhooks, {
        get(target, key, receiver) {
          if (key === 'eventsAfter' && broken) return async () => Promise.reject(new Error('relation "article_events" is unreadable'));
          const value = Reflect.get(target, key, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }) as WebhookRepo;
      const { lines, log } = recordingLog();
      const dispatcher = new WebhookDispatcher({ repo, jobs: store.jobs, articles: store.articles, siteUrl: TEST_SITE_URL, log }, { pollMs: 20 });
      // A subscriber and an event to read, so each pass reaches the broken read.
      await store.webhooks.add({ url: 'https://late.example.test/in', secret: 'late-secret', events: ['published'] });
      await store.articleWriter.create({ headline: 'After the failure', summary: '', bodyHtml: '<p>x</p>', label: 'news', status: 'published', sectionId, authorIds: [authorId], publishedAt: new Date() });
      dispatcher.start();
      const until = async (what: string, ok: () => Promise<boolean>) => {
        const started = Date.now();
        while (!(await ok())) {
          if (Date.now() - started > 20_000) throw new Error(`waited too long for ${what}: ${JSON.stringify(lines)} ${JSON.stringify(await store.webhooks.dispatchFailure())}`);
          await new Promise((r) => setTimeout(r, 25));
        }
      };
      await until('three failed passes', async () => ((await store.webhooks.dispatchFailure())?.passes ?? 0) >= 3);
      const failure = await store.webhooks.dispatchFailure();
      expect(failure?.message).toBe('relation "article_events" is unreadable');
      expect(lines.filter((l) => l.level === 'error')).toHaveLength(1);
      expect(lines.filter((l) => l.level === 'warn')).toHaveLength(0);

      broken = false;
      await until('a pass that works', async () => (await store.webhooks.dispatchFailure()) === null);
      await dispatcher.stop();
      expect(lines.some((l) => l.level === 'info' && /works again/.test(l.message))).toBe(true);
    }, 60_000);
  });
}
