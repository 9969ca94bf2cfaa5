import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { startTestSite, TEST_SITE_URL, type TestSite } from '../support/test-site.js';

const READER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

describe.skipIf(process.env.DATELINE_SKIP_BROWSER === '1')('newsletters and counting in Chromium', () => {
  let site: TestSite;
  let smtp: SmtpSink;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const cookies: string[] = [];

  beforeAll(async () => {
    smtp = await startSmtpSink();
    site = await startTestSite('sqlite', { env: { SMTP_URL: smtp.url, NEWSLETTER_SUBSCRIBE_PER_MINUTE: '0' } });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await site?.close();
    await smtp?.close();
  });

  async function context(options: { javaScriptEnabled: boolean; userAgent?: string }) {
    const made = await browser.newContext({ ...options, userAgent: options.userAgent ?? READER_UA });
    made.on('response', (response) => {
      const cookie = response.headers()['set-cookie'];
      if (cookie) cookies.push(`${response.url()}: ${cookie}`);
    });
    contexts.push(made);
    return made;
  }

  /** Links in mail point at the public SITE_URL; the browser follows them to the test server. */
  const local = (url: string) => url.replace(TEST_SITE_URL, site.url);

  it('subscribes with JavaScript off, confirms with the button, gets the digest, and leaves with one click', async () => {
    const page = await (await context({ javaScriptEnabled: false })).newPage();
    await page.goto(`${site.url}/`);
    await page.getByLabel('Your email address').fill('browser-reader@example.org');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Check your inbox');
    expect(await page.locator('main').textContent()).toContain('within 48 hours');

    await smtp.waitFor(1);
    const confirmUrl = /https:\/\/\S+\/newsletters\/confirm\/[A-Za-z0-9_-]+/.exec(smtp.received[0]!.parsed.text ?? '')![0];
    await page.goto(local(confirmUrl));
    expect((await site.store.newsletters.subscriptions(1)).find((s) => s.email === 'browser-reader@example.org')?.status).toBe('pending');
    await page.getByRole('button', { name: 'Yes, subscribe me' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('You are subscribed');

    const list = (await site.store.newsletters.listBySlug('morning-tide'))!;
    const edition = await site.app.newsletters.sendDigestNow(list);
    await smtp.waitFor(2);
    await expect.poll(async () => (await site.store.newsletters.edition(edition.id))?.status, { timeout: 10_000 }).toBe('sent');
    const digest = smtp.received[1]!;
    expect(digest.to).toEqual(['browser-reader@example.org']);
    // The digest is the fronts' top stories with their pictures.
    expect(String(digest.parsed.html)).toMatch(/<img src="https:\/\/news\.example\.test\/media\/[0-9a-f]{32,64}\.jpe?g"/);

    const unsubscribeUrl = /Unsubscribe: (\S+)/.exec(digest.parsed.text ?? '')![1]!;
    await page.goto(local(unsubscribeUrl));
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('You are unsubscribed');

    const next = await site.app.newsletters.sendDigestNow(list);
    await expect.poll(async () => (await site.store.newsletters.edition(next.id))?.status, { timeout: 10_000 }).toBe('sent');
    expect(smtp.received).toHaveLength(2);
  }, 60_000);

  it('counts a story view with JavaScript off and on (with its referrer), through the page cache, and not a headless bot', async () => {
    const story = (await site.store.articles.list({ scope: { kind: 'all' }, limit: 2, now: new Date() })).items[1]!;
    // The demo's related-story jobs run for a while after seeding, and one finishing purges the story's page;
    // the check below is that a page served from the cache is counted, so it starts once they are done.
    await expect
      .poll(
        async () =>
          (await site.store.db.kysely.selectFrom('jobs').select('id').where('kind', 'in', ['related.story', 'related.refresh']).where('state', 'in', ['waiting', 'running']).executeTakeFirst()) ===
          undefined,
        { timeout: 30_000 },
      )
      .toBe(true);
    const noJs = await (await context({ javaScriptEnabled: false })).newPage();
    await noJs.goto(`${site.url}${story.path}`);
    expect(site.app.cachedPages()).toContain(story.path);
    const withJs = await (await context({ javaScriptEnabled: true })).newPage();
    await withJs.goto(`${site.url}${story.path}`, { referer: 'https://www.search.example/results?q=ferry' });
    await withJs.waitForLoadState('networkidle');
    // Chromium's own headless user agent says HeadlessChrome: isbot knows it, so it is not a reader.
    const bot = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
    await bot.goto(`${site.url}${story.path}`);
    await bot.waitForLoadState('networkidle');
    await bot.context().close();

    const day = new Date(Date.now() - 86_400_000);
    await expect.poll(async () => (await site.store.audience.top('story', 'd', day, 10, [String(story.id)]))[0], { timeout: 10_000 }).toEqual({ key: String(story.id), views: 2, visitors: 1 });
    expect(await site.store.audience.top('referrer', 'd', day, 10)).toEqual([{ key: 'search.example', views: 1, visitors: 1 }]);
    expect(cookies, 'Set-Cookie on reader responses').toEqual([]);
  }, 60_000);
});
