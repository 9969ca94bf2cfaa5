import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accounts } from '../../src/newsroom/accounts/index.js';
import { item, wxr } from '../importers/support/wxr.js';
import { launchChromium, signInToNewsroom } from '../support/chromium.js';
import { buildNewsroomApp, type NewsroomApp } from '../support/newsroom-app.js';
import { startTestSite, type TestSite } from '../support/test-site.js';

// The newsroom's Import screen in Chromium: an admin uploads a WordPress export and watches it finish.
// The app is built into a folder of this test's own (dist/admin is shared with suites running at the same
// time), and the browser is given those files for every /admin/ address that is not the API.

const PASSWORD = 'correct horse battery staple';

describe.skipIf(process.env.DATELINE_SKIP_BROWSER === '1')('the Import screen in Chromium', () => {
  let site: TestSite;
  let browser: Browser;
  let app: NewsroomApp;

  beforeAll(async () => {
    app = await buildNewsroomApp();
    site = await startTestSite('sqlite', { demo: false });
    await new Accounts(site.store.db).addUser({ email: 'ada@example.test', name: 'Ada Admin', role: 'admin', password: PASSWORD }, new Date());
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await app?.remove();
  });

  it('uploads a WordPress export, shows progress from the job and the summary', { timeout: 90_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await app.serve(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signInToNewsroom(page, `${site.url}/admin/`, 'ada@example.test', PASSWORD);
    const nav = page.getByRole('navigation', { name: 'Newsroom' });
    // The screens that set the site up sit under Manage.
    await nav.getByRole('button', { name: 'Manage' }).click();
    await nav.getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();

    const categories = [{ slug: 'local', name: 'Local' }];
    const xml = wxr({ categories, items: [1, 2].map((n) => item({ id: 300 + n, title: `Browser import ${n}`, slug: `browser-import-${n}`, content: 'Text.', categories })) });
    await page.getByLabel('WordPress export (.xml) or Ghost export (.json)').setInputFiles({ name: 'site.wordpress.xml', mimeType: 'application/xml', buffer: Buffer.from(xml) });
    await page.getByRole('button', { name: 'Import the archive' }).click();
    await page.getByText('Imported from wordpress:https://old.example.org: 2 stories').waitFor();
    expect(await page.getByText('Old addresses that now redirect:').textContent()).toMatch(/redirect: \d+/);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    const redirect = await fetch(`${site.url}/?p=301`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);

    // A second archive, as drafts: the options appear once a WordPress file is chosen.
    const more = wxr({ categories, items: [1, 2].map((n) => item({ id: 400 + n, title: `Held import ${n}`, slug: `held-import-${n}`, content: 'Text.' })) });
    await page.getByLabel('WordPress export (.xml) or Ghost export (.json)').setInputFiles({ name: 'held.xml', mimeType: 'application/xml', buffer: Buffer.from(more) });
    await page.getByLabel(/Bring every post in as a draft/).check();
    await page.getByLabel('Section for posts without a category').selectOption({ label: 'Local' });
    await page.getByRole('button', { name: 'Import the archive' }).click();
    await page.getByText('Imported from wordpress:https://old.example.org: 2 stories').waitFor();
    const held = await site.store.db.kysely.selectFrom('articles').select(['status', 'path']).where('headline', 'like', 'Held import %').execute();
    expect(held.map((s) => s.status)).toEqual(['draft', 'draft']);
    expect(held.every((s) => s.path.startsWith('/local/'))).toBe(true);
    const past = page.getByRole('region', { name: 'Past imports' });
    await past.getByRole('row', { name: /held\.xml.*Done.*2 stories/ }).waitFor();
    await past.getByRole('row', { name: /site\.wordpress\.xml.*Done/ }).waitFor();
    const again = await new AxeBuilder({ page }).analyze();
    expect(again.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.screenshot({ path: 'test-results/import-screen-1280.png', fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: 'test-results/import-screen-390.png', fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
