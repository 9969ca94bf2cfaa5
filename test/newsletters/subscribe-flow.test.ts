import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawHeader, type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual' as const,
});

function linkIn(text: string, pattern: RegExp): string {
  const match = pattern.exec(text);
  if (!match) throw new Error(`no link matching ${pattern} in:\n${text}`);
  return match[0];
}

for (const dialect of DIALECTS) {
  describe(`newsletters over HTTP on ${dialect}`, () => {
    let site: TestSite;
    let smtp: SmtpSink;

    beforeAll(async () => {
      smtp = await startSmtpSink();
      site = await startTestSite(dialect, { env: { SMTP_URL: smtp.url, NEWSLETTER_SUBSCRIBE_PER_MINUTE: '0' } });
    }, 90_000);
    afterAll(async () => {
      await site?.close();
      await smtp?.close();
    });

    it('subscribes by form, confirms with a POST, sends the digest with RFC 8058 headers, and leaves with one POST', async () => {
      const home = await (await fetch(`${site.url}/`)).text();
      expect(home).toContain('action="/newsletters/morning-tide/subscribe"');

      const answer = await fetch(`${site.url}/newsletters/morning-tide/subscribe`, form({ email: 'Reader@Example.org', website: '' }));
      expect(answer.status).toBe(200);
      expect(answer.headers.get('set-cookie')).toBeNull();
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(await answer.text()).toContain('Check your inbox');
      await smtp.waitFor(1);
      const confirmMail = smtp.received[0]!;
      expect(confirmMail.to).toEqual(['reader@example.org']);
      const confirmUrl = linkIn(confirmMail.parsed.text ?? '', /https:\/\/news\.example\.test\/newsletters\/confirm\/[A-Za-z0-9_-]+/);
      const confirmPath = new URL(confirmUrl).pathname;

      // Opening the link (as a scanner would) confirms nothing; it shows a button that POSTs.
      const page = await (await fetch(`${site.url}${confirmPath}`)).text();
      expect(page).toContain(`action="${confirmPath}"`);
      expect(page).toContain('method="post"');
      expect((await site.store.newsletters.subscriptions(1))[0]!.status).toBe('pending');
      const confirmed = await fetch(`${site.url}${confirmPath}`, form({}));
      expect(confirmed.status).toBe(200);
      expect(await confirmed.text()).toContain('You are subscribed');

      // Subscribing again with a confirmed address sends nothing new.
      await fetch(`${site.url}/newsletters/morning-tide/subscribe`, form({ email: 'reader@example.org' }));
      await new Promise((r) => setTimeout(r, 300));
      expect(smtp.received).toHaveLength(1);

      const list = (await site.store.newsletters.listBySlug('morning-tide'))!;
      const edition = await site.app.newsletters.sendDigestNow(list);
      await smtp.waitFor(2);
      const digest = smtp.received[1]!;
      expect(digest.to).toEqual(['reader@example.org']);
      expect(digest.parsed.subject).toMatch(/^Morning Tide — /);
      expect(digest.parsed.html).toBeTruthy();
      expect(Buffer.byteLength(String(digest.parsed.html))).toBeLessThan(100 * 1024);
      expect(digest.parsed.text).toContain('Unsubscribe: https://news.example.test/newsletters/unsubscribe/');
      const listUnsubscribe = rawHeader(digest.raw, 'List-Unsubscribe');
      expect(listUnsubscribe).toMatch(/<https:\/\/news\.example\.test\/newsletters\/unsubscribe\/[^>]+>/);
      expect(listUnsubscribe).toMatch(/<mailto:/);
      expect(rawHeader(digest.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      await expect.poll(async () => (await site.store.newsletters.edition(edition.id))?.status, { timeout: 10_000 }).toBe('sent');

      // RFC 8058: one POST of List-Unsubscribe=One-Click, no session, no CSRF token.
      const unsubscribeUrl = /<(https:[^>]+)>/.exec(listUnsubscribe)![1]!;
      const unsubscribePath = new URL(unsubscribeUrl).pathname;
      const getPage = await (await fetch(`${site.url}${unsubscribePath}`)).text();
      expect(getPage).toContain('Unsubscribe</button>');
      const oneClick = await fetch(`${site.url}${unsubscribePath}`, form({ 'List-Unsubscribe': 'One-Click' }));
      expect(oneClick.status).toBe(200);
      expect(oneClick.headers.get('set-cookie')).toBeNull();
      expect((await site.store.newsletters.subscriptions(list.id))[0]!.status).toBe('unsubscribed');

      // The next edition goes to no one.
      const next = await site.app.newsletters.sendDigestNow(list);
      await expect.poll(async () => (await site.store.newsletters.edition(next.id))?.status, { timeout: 10_000 }).toBe('sent');
      expect(smtp.received).toHaveLength(2);
    }, 60_000);

    it('refuses a bad address with the form again, and lets a honeypot bot believe it worked', async () => {
      const bad = await fetch(`${site.url}/newsletters/morning-tide/subscribe`, form({ email: 'not an address' }));
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('does not look right');
      const before = smtp.received.length;
      const bot = await fetch(`${site.url}/newsletters/morning-tide/subscribe`, form({ email: 'bot@example.org', website: 'http://spam.example' }));
      expect(bot.status).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
      expect(smtp.received.length).toBe(before);
      expect((await site.store.newsletters.subscriptions(1)).some((s) => s.email === 'bot@example.org')).toBe(false);
    });

    it('says an unknown or forged link is not valid', async () => {
      expect((await fetch(`${site.url}/newsletters/confirm/nope`, form({}))).status).toBe(404);
      expect((await fetch(`${site.url}/newsletters/unsubscribe/1.${'A'.repeat(43)}`, form({}))).status).toBe(404);
    });
  });
}
