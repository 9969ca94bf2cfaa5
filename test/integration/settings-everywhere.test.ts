import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/cli/open-store.js';
import { loadConfig } from '../../src/config.js';
import { dayOf } from '../../src/domain/zoned-day.js';
import { type App, buildApp } from '../../src/server.js';
import type { Store } from '../../src/store/index.js';
import { type AdminSession, signedInAs } from '../support/admin-session.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { DIALECTS, startTestSite, TEST_SITE_URL, type TestSite } from '../support/test-site.js';

// The name, language and time zone an admin sets in the Settings screen reach everything that shows them, not
// only the reader pages: newsletter mail (preview, confirmation, the digest's day), the content API's OpenAPI
// document and its times and day filters, the admin API's document, feeds, the search page and the bad-address
// page — on the node that saved them and on another node of the same database, on its next request.

const NAME = 'Harbor Light Ledger';
const ZONE = 'Pacific/Auckland';
const HEADLINE = 'Quayside cranes come down after forty years';

/** 23:30 UTC yesterday: still that day in Los Angeles (the configured zone), already the next in Auckland. */
function lateYesterdayUtc(): Date {
  const at = new Date();
  at.setUTCDate(at.getUTCDate() - 1);
  at.setUTCHours(23, 30, 0, 0);
  return at;
}

async function within(withinMs: number, check: () => Promise<boolean>): Promise<void> {
  const start = performance.now();
  for (;;) {
    if (await check()) return;
    if (performance.now() - start > withinMs) throw new Error(`not true within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const monthDay = (at: Date, timeZone: string) => new Intl.DateTimeFormat('en-US', { month: 'long', day: 'numeric', timeZone }).format(at);

for (const dialect of DIALECTS) {
  describe(`the site's name and time zone from Settings, beyond the reader pages (${dialect}, two nodes)`, () => {
    const now = lateYesterdayUtc();
    const published = new Date(now.getTime() - 3_600_000);
    const configuredDay = dayOf(published, 'America/Los_Angeles');
    const newDay = dayOf(published, ZONE);
    let smtp: SmtpSink;
    let one: TestSite;
    let two: { app: App; store: Store; url: string };
    let admin: AdminSession;
    let apiKey = '';
    let listId = 0;

    const api = (base: string, pathname: string) => fetch(`${base}/api/v1${pathname}`, { headers: { authorization: `Bearer ${apiKey}` } });
    const text = async (base: string, pathname: string) => (await fetch(`${base}${pathname}`)).text();

    beforeAll(async () => {
      smtp = await startSmtpSink();
      const env = { SMTP_URL: smtp.url, NEWSLETTER_SUBSCRIBE_PER_MINUTE: '0', RATE_LIMIT_SEARCH: '0' };
      one = await startTestSite(dialect, { demo: false, now, env });
      // A second server on the same database (the same SQLite file, or the same PostgreSQL), as in change-path.test.ts.
      const config = loadConfig({
        ...(one.config.databaseUrl && { DATABASE_URL: one.config.databaseUrl }),
        DATA_DIR: one.config.dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        SITE_URL: TEST_SITE_URL,
        DEMO: 'false',
        RATE_LIMIT_SIGN_IN: '0',
        ...env,
      });
      const store = await openStore(config);
      const app = await buildApp({ config, store, clock: () => now });
      two = { app, store, url: await app.fastify.listen({ port: 0, host: '127.0.0.1' }) };

      const section = await one.store.sections.create({ slug: 'news', name: 'News' });
      const authorId = await one.store.authors.create({ slug: 'port-desk', name: 'Port Desk', kind: 'organization', bio: '' });
      await one.store.articleWriter.create(
        { headline: HEADLINE, bodyHtml: '<p>The last two quayside cranes were lifted onto a barge.</p>', label: 'news', status: 'published', sectionId: section.id, authorIds: [authorId], publishedAt: published },
        published,
      );
      const list = await one.store.newsletters.createList(
        { slug: 'evening-brief', name: 'Evening Brief', description: 'The day’s news at six.', fromName: 'The desk', fromAddress: 'desk@example.test', replyTo: null, kind: 'digest', sendAt: null },
        now,
      );
      listId = list!.id;
      apiKey = (await one.store.apiKeys.create('settings test', now)).key;
      admin = await signedInAs(one.store, one.url, 'admin');
    }, 180_000);

    afterAll(async () => {
      await two?.app.fastify.close();
      await two?.store.db.close();
      await one?.close();
      await smtp?.close();
    });

    it('starts from the configuration: its name and its time zone’s days', async () => {
      for (const base of [one.url, two.url]) {
        const doc = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as { info: { title: string } };
        expect(doc.info.title).toBe('Cedar Coast Dispatch content API');
        const found = (await (await api(base, `/search?q=quayside&from=${configuredDay}&to=${configuredDay}`)).json()) as { total: number };
        expect(found.total).toBe(1);
        const other = (await (await api(base, `/search?q=quayside&from=${newDay}&to=${newDay}`)).json()) as { total: number };
        expect(other.total).toBe(0);
      }
    });

    it('shows a new name, language and time zone on the next request of every node, with no restart', async () => {
      const saved = await admin.call('PATCH', '/settings', { name: NAME, language: 'en-NZ', timeZone: ZONE });
      expect(saved.status, await saved.clone().text()).toBe(200);

      for (const base of [one.url, two.url]) {
        // The other node hears of the change through the outbox (at once on this one).
        await within(3000, async () => ((await (await fetch(`${base}/api/v1/openapi.json`)).json()) as { info: { title: string } }).info.title === `${NAME} content API`);
        const doc = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as { info: { title: string; description: string } };
        expect(doc.info.description).toContain(NAME);
        expect(await text(base, '/api/v1/docs')).toContain(`${NAME} content API`);
        const adminDoc = (await (await fetch(`${base}/admin/api/openapi.json`)).json()) as { info: { title: string } };
        expect(adminDoc.info.title).toBe(`${NAME} newsroom admin API`);

        // The content API reads days and writes times in the new zone.
        const found = (await (await api(base, `/search?q=quayside&from=${newDay}&to=${newDay}`)).json()) as { total: number; data: Array<{ publishedAt: string }> };
        expect(found.total, base).toBe(1);
        expect(found.data[0]?.publishedAt).toMatch(/\+1[23]:00$/);
        expect(((await (await api(base, `/search?q=quayside&from=${configuredDay}&to=${configuredDay}`)).json()) as { total: number }).total).toBe(0);

        // The reader's search page: the name in its title, its day filter in the new zone.
        const search = await text(base, `/search?q=quayside&from=${newDay}&to=${newDay}`);
        expect(search).toContain(`${NAME}</title>`);
        expect(search).toContain('<html lang="en-NZ"');
        expect(search).toContain(HEADLINE);
        expect(await text(base, `/search?q=quayside&from=${configuredDay}&to=${configuredDay}`)).not.toContain(HEADLINE);

        expect(await text(base, '/rss.xml')).toContain(`<title>${NAME}</title>`);

        const bad = await fetch(`${base}/news/%E0%A4%A`);
        expect(bad.status).toBe(400);
        const badBody = await bad.text();
        expect(badBody).toContain('<html lang="en-NZ">');
        expect(badBody).toContain(`Bad address | ${NAME}`);
      }
    });

    it('names the site anew in newsletter mail: the preview, the confirmation, the digest’s day', async () => {
      for (const base of [one.url, two.url]) {
        const created = await admin.call('POST', `${base}/admin/api/newsletters/${listId}/editions`, { kind: 'digest' });
        expect(created.status, await created.clone().text()).toBe(201);
        const edition = (await created.json()) as { id: number; subject: string };
        // An edition's default subject carries the day in the site's zone.
        expect(edition.subject).toBe(`Evening Brief — ${newDay}`);
        const preview = (await (await admin.call('GET', `${base}/admin/api/editions/${edition.id}/preview`)).json()) as { html: string; text: string };
        expect(preview.html).toContain(NAME);
        expect(preview.text).toContain(`You get this because you subscribed to Evening Brief from ${NAME}`);
        expect(preview.html).not.toContain('Cedar Coast Dispatch');

        const before = smtp.received.length;
        const email = `reader-${base.split(':').pop()}@example.org`;
        const answer = await fetch(`${base}/newsletters/evening-brief/subscribe`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ email, website: '' }).toString(),
        });
        expect(answer.status).toBe(200);
        await smtp.waitFor(before + 1);
        const mail = smtp.received.find((m) => m.to.includes(email));
        expect(mail?.parsed.text).toContain(`Please confirm that you want Evening Brief from ${NAME}.`);
      }

      // `dateline newsletter send` and the newsroom's Send now name the digest after the site's day, on either node.
      const list = (await one.store.newsletters.listBySlug('evening-brief'))!;
      for (const app of [one.app, two.app]) {
        const digest = await app.newsletters.sendDigestNow(list);
        expect(digest.subject).toContain(monthDay(now, ZONE));
        expect(digest.subject).not.toContain(monthDay(now, 'America/Los_Angeles'));
      }
    });

    it('renames the newsletter in every page’s sign-up box on the next request of every node, cached pages included', async () => {
      for (const base of [one.url, two.url]) expect(await text(base, '/')).toContain('Evening Brief');
      const renamed = await admin.call('PATCH', `${one.url}/admin/api/newsletters/${listId}`, { name: 'The Six O’Clock' });
      expect(renamed.status).toBe(200);
      for (const base of [one.url, two.url]) {
        await within(3000, async () => (await text(base, '/')).includes('The Six O’Clock'));
        expect(await text(base, '/')).not.toContain('Evening Brief');
      }
    });
  });
}
