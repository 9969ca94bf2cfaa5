import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accounts } from '../../src/newsroom/accounts/index.js';
import { launchChromium, signInToNewsroom } from '../support/chromium.js';
import { startTestSite, type TestSite } from '../support/test-site.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ASSETS = path.join(ROOT, 'dist', 'admin', 'assets');
const PASSWORD = 'correct horse battery staple';
const EDITOR = { email: 'nina-editor@example.test', name: 'Nina Editor', role: 'editor' as const };
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** Whether dist/admin holds a build with the audience screens (an older build lacks them). */
function builtWithAudience(): boolean {
  try {
    return readdirSync(ASSETS).some((f) => f.endsWith('.js') && readFileSync(path.join(ASSETS, f), 'utf8').includes('Top stories now'));
  } catch {
    return false;
  }
}

describe.skipIf(process.env.DATELINE_SKIP_BROWSER === '1')('audience and newsletter screens in Chromium', () => {
  let site: TestSite;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let headline = '';

  beforeAll(async () => {
    if (!builtWithAudience()) {
      const build = spawnSync('npm', ['run', 'build:admin'], { cwd: ROOT, stdio: 'inherit' });
      if (build.status !== 0) throw new Error('npm run build:admin failed');
    }
    site = await startTestSite('sqlite');
    await new Accounts(site.store.db).addUser({ ...EDITOR, password: PASSWORD }, new Date());
    browser = await launchChromium();
    const story = (await site.store.articles.list({ scope: { kind: 'all' }, limit: 1, now: new Date() })).items[0]!;
    headline = story.headline;
    for (const ua of [UA, `${UA} Edg/131.0`]) {
      await fetch(`${site.url}/count.gif?a=${story.id}&s=${story.section.id}&r=news.example.org`, { headers: { 'user-agent': ua } });
    }
    // Counts reach the database with the collector's next flush (every 2 s).
    for (let i = 0; i < 100 && ((await site.store.audience.series('d', new Date(Date.now() - 86_400_000)))[0]?.views ?? 0) < 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 240_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await site?.close();
  });

  async function signIn(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, timezoneId: 'UTC' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInToNewsroom(page, `${site.url}/admin/`, EDITOR.email, PASSWORD);
    return page;
  }

  async function noAxeViolations(page: Page) {
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`)).toEqual([]);
  }

  it('shows the dashboard with its charts, the top stories and referrers, and views in the story list', async () => {
    const page = await signIn();
    await expect.poll(() => page.locator('.story-table tbody tr').filter({ hasText: headline }).first().textContent()).toContain('2 (2 visitors)');
    await page.getByRole('link', { name: 'Audience' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audience' }).waitFor();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('2 views by 2 visitors');
    expect(await page.locator('.chart canvas').count()).toBe(2);
    const today = page.getByRole('table', { name: 'Top stories today' });
    expect(await today.getByRole('row').nth(1).textContent()).toContain(headline);
    expect(await page.getByRole('table', { name: 'Referrers today' }).textContent()).toContain('news.example.org');
    await noAxeViolations(page);
  }, 60_000);

  it('shows the lists and says plainly that mail is not configured', async () => {
    const page = await signIn();
    await page.getByRole('link', { name: 'Newsletters' }).click();
    await page.getByRole('heading', { level: 1, name: 'Newsletters' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Mail is not configured');
    expect(await page.locator('table').first().textContent()).toContain('Morning Tide');
    expect(await page.locator('table').first().textContent()).toContain('Daily at 06:00');
    await page.getByLabel('Intro').fill('Good morning from the coast.');
    await page.getByRole('button', { name: 'New edition' }).click();
    expect(await page.getByRole('button', { name: 'Send now' }).first().isDisabled()).toBe(true);
    // Audited before the preview opens: the preview is a sandboxed mail (no script runs in it, axe's neither).
    await noAxeViolations(page);
    await page.getByRole('button', { name: 'Preview' }).first().click();
    await page.getByTitle(/^Preview of /).waitFor();
    expect(await page.getByRole('heading', { level: 3 }).textContent()).toMatch(/^Preview: Morning Tide — .+ \(\d+ stories, \d+ KB\)$/);
  }, 60_000);
});
