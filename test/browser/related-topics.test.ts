import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accounts } from '../../src/newsroom/accounts/index.js';
import { type LoadedStory, loadCorpus, relatedSettled } from '../related/corpus-support.js';
import { launchChromium, signInToNewsroom } from '../support/chromium.js';
import { buildNewsroomApp, type NewsroomApp } from '../support/newsroom-app.js';
import { startTestSite, type TestSite } from '../support/test-site.js';

// Topics and related stories as readers see them (JavaScript off) and the newsroom's Entities screen
// and story panel as editors use them, at 1280 and 390 px, axe-clean, with screenshots to look at.
// The newsroom app is built into a folder of this test's own (dist/admin is shared).

const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots', import.meta.url));
const PASSWORD = 'correct horse battery staple';
const WIDTHS = [1280, 390] as const;

describe.skipIf(process.env.DATELINE_SKIP_BROWSER === '1')('topics and related stories in Chromium', () => {
  let site: TestSite;
  let browser: Browser;
  let app: NewsroomApp;
  let stories: LoadedStory[];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    app = await buildNewsroomApp();
    site = await startTestSite('sqlite', { demo: false });
    stories = await loadCorpus(site.store, new Date());
    await relatedSettled(site.store);
    site.app.purgePages();
    await new Accounts(site.store.db).addUser({ email: 'eve@example.test', name: 'Eve Editor', role: 'editor', password: PASSWORD }, new Date());
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await site?.close();
    await app?.remove();
  });

  async function readerPage(width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  /**
   * axe-core needs timers, which Chromium never fires with script disabled: a reader page is
   * audited in a context with JavaScript on, at the same width (its DOM is the one readers get).
   */
  async function readerAxeClean(url: string, width: number): Promise<void> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(url);
    await axeClean(page);
  }

  async function axeClean(page: Page): Promise<void> {
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`)).toEqual([]);
  }

  for (const width of WIDTHS) {
    it(`shows a story's Topics line and Related block, and a topic page, at ${width} px`, { timeout: 60_000 }, async () => {
      const story = stories.find((s) => s.headline.startsWith('Talks resume as ferry strike'))!;
      const page = await readerPage(width);
      await page.goto(`${site.url}${story.path}`);
      const topics = page.getByRole('navigation', { name: 'Topics' });
      expect(await topics.getByRole('link', { name: 'Teresa Lindqvist' }).isVisible()).toBe(true);
      const related = page.getByRole('region', { name: 'Related' });
      const headlines = await related.getByRole('heading', { level: 3 }).allTextContents();
      expect(headlines.length).toBeGreaterThanOrEqual(3);
      for (const headline of headlines.slice(0, 3)) expect(stories.find((s) => s.headline === headline.trim())?.cluster, headline).toBe('ferry-strike');
      expect(headlines.map((h) => h.trim())).not.toContain(story.headline);
      await readerAxeClean(page.url(), width);
      await topics.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SCREENSHOTS, `story-topics-${width}.png`) });
      await related.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SCREENSHOTS, `story-related-${width}.png`) });

      await topics.getByRole('link', { name: 'Teresa Lindqvist' }).click();
      await page.waitForURL(/\/topics\/teresa-lindqvist$/);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Teresa Lindqvist');
      expect(await page.locator('.teaser-list > li').count()).toBe(5);
      await readerAxeClean(page.url(), width);
      await page.screenshot({ path: path.join(SCREENSHOTS, `topic-page-${width}.png`), fullPage: true });
    });
  }

  for (const width of WIDTHS) {
    it(`lets an editor confirm a suggestion on the Entities screen and see a story's panel at ${width} px`, { timeout: 90_000 }, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      contexts.push(context);
      await app.serve(context);
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      await signInToNewsroom(page, `${site.url}/admin/entities`, 'eve@example.test', PASSWORD, 'Entities');
      const suggestion = await site.store.db.kysely.selectFrom('entities').select(['id', 'name']).where('status', '=', 'suggested').orderBy('name').executeTakeFirstOrThrow();
      await page.getByRole('row').filter({ hasText: suggestion.name }).first().waitFor();
      await axeClean(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, `entities-screen-${width}.png`), fullPage: true });
      await page.getByRole('button', { name: `Confirm ${suggestion.name}`, exact: true }).click();
      await page.getByText(`${suggestion.name} is confirmed.`).waitFor();
      const row = await site.store.db.kysely.selectFrom('entities').select('status').where('id', '=', suggestion.id).executeTakeFirstOrThrow();
      expect(row.status).toBe('confirmed');
      await site.store.db.kysely.updateTable('entities').set({ status: 'suggested' }).where('id', '=', suggestion.id).execute();

      const story = stories.find((s) => s.cluster === 'trial')!;
      await page.goto(`${site.url}/admin/stories/${story.id}`);
      const panel = page.getByRole('region', { name: 'Topics and related' });
      await panel.getByText('Harold Pike').first().waitFor();
      await panel.scrollIntoViewIfNeeded();
      await axeClean(page);
      await panel.screenshot({ path: path.join(SCREENSHOTS, `story-entities-panel-${width}.png`) });
    });
  }
});
