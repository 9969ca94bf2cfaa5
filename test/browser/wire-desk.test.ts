import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accounts } from '../../src/newsroom/accounts/index.js';
import { launchChromium, signInToNewsroom } from '../support/chromium.js';
import { buildNewsroomApp, type NewsroomApp } from '../support/newsroom-app.js';
import { startTestSite, type TestSite } from '../support/test-site.js';
import { ingest, PWS_RULES, pwsStory } from '../wire/wire-helpers.js';

// The wire desk in Chromium (issue 12): held copy is read and published deliberately, a body-less item is
// written in the editor and then published, and an admin turns a source's auto-publishing on.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHOTS = path.join(ROOT, 'test-results');
const PASSWORD = 'correct horse battery staple';
const HOLD = { ...PWS_RULES, publish: 'hold' as const };

describe.skipIf(process.env.DATELINE_SKIP_BROWSER === '1')('the wire desk in Chromium', () => {
  let site: TestSite;
  let browser: Browser;
  let app: NewsroomApp;
  const now = new Date();

  beforeAll(async () => {
    app = await buildNewsroomApp();
    await mkdir(SHOTS, { recursive: true });
    site = await startTestSite('sqlite', { env: { PAGE_CACHE_SECONDS: '0' } });
    await new Accounts(site.store.db).addUser({ email: 'ines@example.test', name: 'Ines Admin', role: 'admin', password: PASSWORD }, new Date());
    const table = '<table><thead><tr><th scope="col">Race</th><th scope="col">Winner</th></tr></thead><tbody><tr><td>Harbor 5K</td><td>Ada Lindqvist</td></tr></tbody></table>';
    await ingest(site, pwsStory({ uri: 'urn:pws:desk:1', headline: 'Harbor race draws a record field of runners', body: `<p>Runners crowded the seawall on Saturday.</p>${table}`, firstcreated: now.toISOString(), versioncreated: now.toISOString() }), now, { rules: HOLD });
    await ingest(site, pwsStory({ uri: 'urn:pws:desk:2', headline: 'Council schedules a vote on the ferry dock lease', body: '', firstcreated: now.toISOString(), versioncreated: now.toISOString() }), now, { rules: HOLD });
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await app?.remove();
  });

  async function signedIn(width: number): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    await app.serve(context);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await signInToNewsroom(page, `${site.url}/admin/`, 'ines@example.test', PASSWORD);
    return { context, page };
  }

  async function axeClean(page: Page): Promise<void> {
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  }

  const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it('shows the agency and the copy as readers would read it, at 1280 px and on a phone, and publishes only when an editor says so', { timeout: 180_000 }, async () => {
    const { context, page } = await signedIn(1280);
    await page.goto(`${site.url}/admin/wire`);
    await page.getByRole('heading', { level: 1, name: 'Wire queue' }).waitFor();
    const card = page.getByRole('listitem').filter({ hasText: 'Harbor race draws a record field of runners' });
    await expect(card.getByText('Pacific Wire Service', { exact: true }).count()).resolves.toBe(1);
    expect(await card.textContent()).not.toMatch(/file:|pws-item\.json/);
    await card.getByText('Read the copy').click();
    // The table is a table, not markup shown as text.
    await card.getByRole('cell', { name: 'Ada Lindqvist' }).waitFor();
    expect(await card.textContent()).not.toContain('<td>');
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'wire-queue-1280.png'), fullPage: true });
    await axeClean(page);

    const phone = await signedIn(390);
    await phone.page.goto(`${site.url}/admin/wire`);
    await phone.page.getByRole('heading', { level: 1, name: 'Wire queue' }).waitFor();
    await phone.page.getByText('Read the copy').first().click();
    expect(await fitsWidth(phone.page)).toBe(true);
    await phone.page.screenshot({ path: path.join(SHOTS, 'wire-queue-390.png'), fullPage: true });
    await axeClean(phone.page);
    await phone.context.close();

    // Held: not on the site until the editor publishes.
    const held = await site.store.db.kysely.selectFrom('articles').select(['path', 'status']).where('headline', '=', 'Harbor race draws a record field of runners').executeTakeFirstOrThrow();
    expect(held.status).toBe('submitted');
    expect((await fetch(`${site.url}${held.path}`)).status).toBe(404);
    await card.getByRole('button', { name: /^Publish/ }).click();
    await page.getByText('Published: Harbor race draws a record field of runners').waitFor();
    expect((await fetch(`${site.url}${held.path}`)).status).toBe(200);
    await context.close();
  });

  it('sends an item without a body to the editor, where it is written and published', { timeout: 180_000 }, async () => {
    const { context, page } = await signedIn(1280);
    await page.goto(`${site.url}/admin/wire`);
    const card = page.getByRole('listitem').filter({ hasText: 'Council schedules a vote on the ferry dock lease' });
    await card.getByText('This item arrived without a body').waitFor();
    expect(await card.getByRole('button', { name: /^Publish/ }).count()).toBe(0);
    await card.getByRole('link', { name: /Write in the editor/ }).click();
    const body = page.locator('.ProseMirror[contenteditable="true"]');
    await body.click();
    await page.keyboard.type('The council will vote Tuesday on a new lease for the ferry dock.');
    await page.getByTestId('save-state').filter({ hasText: /Saved/ }).waitFor();
    await page.getByRole('button', { name: 'Publish now' }).click();
    const story = await site.store.db.kysely.selectFrom('articles').select(['path', 'status']).where('headline', '=', 'Council schedules a vote on the ferry dock lease').executeTakeFirstOrThrow();
    await expect.poll(async () => (await fetch(`${site.url}${story.path}`)).status, { timeout: 20_000 }).toBe(200);
    expect(await (await fetch(`${site.url}${story.path}`)).text()).toContain('a new lease for the ferry dock');
    await page.goto(`${site.url}/admin/wire`);
    await page.getByRole('heading', { level: 1, name: 'Wire queue' }).waitFor();
    await page.locator('.wire-queue, .empty').first().waitFor();
    expect(await page.getByText('Council schedules a vote on the ferry dock lease').count()).toBe(0);
    await context.close();
  });

  it('lets an admin turn auto-publishing on for all sources on the Wire sources screen', { timeout: 180_000 }, async () => {
    const { context, page } = await signedIn(1280);
    const nav = page.getByRole('navigation', { name: 'Newsroom' });
    await nav.getByRole('button', { name: 'Manage' }).click();
    await nav.getByRole('link', { name: 'Wire sources' }).click();
    await page.getByRole('heading', { level: 1, name: 'Wire sources' }).waitFor();
    const all = page.getByRole('region', { name: 'All sources' });
    await all.getByText('Holds for the desk').waitFor();
    await all.getByLabel('Publish at once').check();
    await all.getByRole('button', { name: /^Save/ }).click();
    await page.getByText('Saved the rules for All sources').waitFor();
    await all.getByText('Publishes at once').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'wire-sources-1280.png'), fullPage: true });
    await axeClean(page);
    const stored = await site.store.db.kysely.selectFrom('wire_source_rules').select('rules_json').where('name', '=', '*').executeTakeFirstOrThrow();
    expect(JSON.parse(stored.rules_json)).toMatchObject({ publish: 'auto' });

    const phone = await signedIn(390);
    await phone.page.goto(`${site.url}/admin/sources`);
    await phone.page.getByRole('heading', { level: 1, name: 'Wire sources' }).waitFor();
    expect(await fitsWidth(phone.page)).toBe(true);
    await phone.page.screenshot({ path: path.join(SHOTS, 'wire-sources-390.png'), fullPage: true });
    await axeClean(phone.page);
    await phone.context.close();
    await context.close();
  });
});
