// The story editor as an editor expects it (issue 12), in Debian's Chromium: the dateline typed in the
// editor on the live page, a writer's byline choices, Unschedule, a reworded correction, the preview at
// phone width with a share link opened in a fresh browser, and the story list and editor at 390 px.
// Screenshots at 1280 and 390 px go to test-results/screenshots/story-editor-day-*.png; every screen is axe-clean.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accounts } from '../../src/newsroom/accounts/index.js';
import type { AdminArticle, Role } from '../../src/newsroom/admin-api-contract.js';
import { ADMIN_APP_DIR } from '../../src/newsroom/admin-app/serve-admin-app.js';
import { launchChromium, signInToNewsroom } from '../support/chromium.js';
import { startTestSite, type TestSite } from '../support/test-site.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCREENSHOTS = path.join(ROOT, 'test-results/screenshots');
const PASSWORD = 'correct horse battery staple';
const USERS: Record<'admin' | 'editor' | 'writer', { email: string; name: string; role: Role }> = {
  admin: { email: 'ines@example.test', name: 'Ines Admin', role: 'admin' },
  editor: { email: 'desk@example.test', name: 'Dana Desk', role: 'editor' },
  writer: { email: 'june@example.test', name: 'June Halvorsen', role: 'writer' },
};
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

function describeViolations(violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown; failureSummary?: string }> }>): string {
  return violations.map((v) => `  - ${v.id}: ${v.help}\n${v.nodes.map((n) => `      at ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n')}`).join('\n');
}

describe.skipIf(process.env.DATELINE_SKIP_BROWSER === '1')('the story editor in Chromium (issue 12)', () => {
  let site: TestSite;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let juneAuthor = 0;
  let mayaAuthor = 0;

  beforeAll(async () => {
    if (!existsSync(path.join(ADMIN_APP_DIR, 'index.html'))) {
      const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
      if (build.status !== 0) throw new Error('npm run build failed: the newsroom app could not be built');
    }
    site = await startTestSite('sqlite', { env: { PAGE_CACHE_SECONDS: '0', SITE_TIME_ZONE: 'America/Los_Angeles' } });
    const accounts = new Accounts(site.store.db);
    for (const user of Object.values(USERS)) await accounts.addUser({ ...user, password: PASSWORD }, new Date());
    const authors = await site.store.db.kysely.selectFrom('authors').select(['id', 'name']).execute();
    juneAuthor = authors.find((a) => a.name === 'June Halvorsen')?.id ?? 0;
    mayaAuthor = authors.find((a) => a.name === 'Maya Okafor')?.id ?? 0;
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await site?.close();
  });

  async function newPage(viewport = DESKTOP): Promise<Page> {
    // The browser is in Berlin on purpose: the newsroom still shows the site's (Pacific) time.
    const context = await browser.newContext({ viewport, timezoneId: 'Europe/Berlin' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  }

  async function signIn(who: keyof typeof USERS, viewport = DESKTOP): Promise<Page> {
    const page = await newPage(viewport);
    await signInToNewsroom(page, `${site.url}/admin/`, USERS[who].email, PASSWORD);
    return page;
  }

  async function shoot(page: Page, name: string, options: { axe?: boolean; fullPage?: boolean } = {}): Promise<void> {
    await page.screenshot({ path: path.join(SCREENSHOTS, `story-editor-day-${name}.png`), fullPage: options.fullPage ?? false });
    if (options.axe === false) return;
    // A preview frame is the reader page (its own suite checks it) and runs no script, so axe cannot enter it.
    const results = await new AxeBuilder({ page }).exclude('.preview-stage iframe').analyze();
    expect(results.violations.length, `axe-core violations on ${name}:\n${describeViolations(results.violations)}`).toBe(0);
  }

  async function waitSaved(page: Page): Promise<void> {
    await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 20_000 }).toMatch(/^(Saved|All changes saved)/);
  }

  async function newStory(page: Page, headline: string, body: string): Promise<number> {
    await page.getByRole('button', { name: 'New story' }).click();
    await page.getByLabel('Headline', { exact: true }).fill(headline);
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/admin\/stories\/\d+$/);
    await page.getByRole('textbox', { name: 'Body' }).click();
    await page.keyboard.type(body);
    return Number(/(\d+)$/.exec(page.url())?.[1]);
  }

  const story = async (page: Page, id: number) => (await (await page.request.get(`${site.url}/admin/api/articles/${id}`)).json()) as AdminArticle;

  it('links a writer to their author on the Users screen', async () => {
    const page = await signIn('admin');
    await page.getByRole('button', { name: 'Manage' }).click();
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await page.getByRole('button', { name: /June Halvorsen/ }).click();
    await page.getByLabel('Writes as (byline)').selectOption(String(juneAuthor));
    await page.getByRole('button', { name: /^Save/ }).click();
    await expect.poll(() => page.getByText('writes as June Halvorsen').count()).toBeGreaterThan(0);
    await shoot(page, 'users-1280');
  }, 90_000);

  it('starts a writer’s story with their own byline and offers only the co-authors an editor allowed', async () => {
    const page = await signIn('writer');
    const id = await newStory(page, 'Cedar County library adds Sunday hours', 'The main branch opens on Sundays from next month.');
    await expect.poll(() => page.locator('.byline-list .byline-name').allTextContents()).toEqual(['June Halvorsen']);
    // Nobody else to add: the writer is told who can.
    expect(await page.getByLabel('Add an author').count()).toBe(0);
    await waitSaved(page);
    await shoot(page, 'writer-byline-1280');

    // The writer leaves (the edit lock goes with her); an editor adds Maya Okafor as co-author.
    await page.getByRole('link', { name: 'Stories' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stories' }).waitFor();
    const editor = await signIn('editor');
    await editor.goto(`${site.url}/admin/stories/${id}`);
    await editor.getByLabel('Add an author').selectOption(String(mayaAuthor));
    await editor.getByRole('button', { name: 'Add', exact: true }).click();
    await waitSaved(editor);
    const editorOptions = await editor.getByLabel('Add an author').locator('option').count();
    expect(editorOptions).toBeGreaterThan(3);
    await editor.getByRole('link', { name: 'Stories' }).click();

    await page.goto(`${site.url}/admin/stories/${id}`);
    await expect.poll(() => page.locator('.byline-list .byline-name').allTextContents()).toEqual(['June Halvorsen', 'Maya Okafor']);
    await page.getByRole('button', { name: 'Remove Maya Okafor' }).click();
    // Until saved, she may come back; the only choice offered is her.
    const options = await page.getByLabel('Add an author').locator('option').allTextContents();
    expect(options).toEqual(['Add an author…', 'Maya Okafor']);
    await page.getByLabel('Add an author').selectOption(String(mayaAuthor));
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await waitSaved(page);
    expect((await story(page, id)).authorIds).toEqual([juneAuthor, mayaAuthor]);
  }, 120_000);

  it('opens the published story with the dateline typed in the editor, exactly as the preview showed it', async () => {
    const page = await signIn('editor');
    const id = await newStory(page, 'Ferry dock repairs begin on the north pier', 'Crews began replacing the pilings on Monday.');
    await page.getByLabel('Dateline').fill('PORT ALDER, Wash.');
    await waitSaved(page);

    await page.getByRole('button', { name: 'Preview' }).click();
    const frame = page.frameLocator('.preview-stage iframe');
    await expect.poll(() => frame.locator('.story-body p').first().textContent()).toBe('PORT ALDER, Wash. — Crews began replacing the pilings on Monday.');
    await shoot(page, 'preview-desktop-1280');
    await page.getByText('Phone', { exact: true }).click();
    await expect.poll(() => page.locator('.preview-stage iframe').evaluate((el) => el.getBoundingClientRect().width)).toBeLessThanOrEqual(392);
    await expect.poll(() => frame.locator('.story-body p').first().textContent()).toBe('PORT ALDER, Wash. — Crews began replacing the pilings on Monday.');
    await shoot(page, 'preview-phone-1280');

    // A share link, opened in a fresh browser with no session.
    await page.getByText(/Share a preview link/).click();
    await page.getByLabel('Link works for').selectOption('168');
    await page.getByRole('button', { name: 'Make link' }).click();
    const url = await page.getByLabel('Preview link').inputValue();
    expect(url).toMatch(/\/admin\/api\/shared-preview\/\d+\/[A-Za-z0-9_-]{43}$/);
    await expect.poll(() => page.locator('.share-list li').count()).toBe(1);
    await shoot(page, 'preview-share-1280');
    const stranger = await newPage(PHONE);
    const response = await stranger.goto(url);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['x-robots-tag']).toContain('noindex');
    await expect.poll(() => stranger.locator('h1').textContent()).toBe('Ferry dock repairs begin on the north pier');
    await shoot(stranger, 'shared-preview-390', { axe: false });
    // A tampered token opens nothing.
    const tampered = await stranger.goto(url.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')));
    expect(tampered?.status()).toBe(404);
    await page.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Publish now' }).click();
    await expect.poll(() => page.locator('.status-line .status').textContent()).toBe('Published');
    const live = await newPage();
    await live.goto(`${site.url}${(await story(page, id)).path}`);
    expect(await live.locator('.story-body p').first().textContent()).toBe('PORT ALDER, Wash. — Crews began replacing the pilings on Monday.');
    expect(await live.locator('.story-body .dateline').count()).toBe(1);
    await shoot(live, 'live-dateline-1280', { axe: false });
    // The revocation stops the link.
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText(/Share a preview link/).click();
    await page.getByRole('button', { name: /^Revoke/ }).click();
    await page.getByText('Link revoked').waitFor();
    expect((await stranger.goto(url))?.status()).toBe(410);
  }, 180_000);

  it('schedules in the site’s time and unschedules back to where the story was', async () => {
    const page = await signIn('editor');
    const id = await newStory(page, 'Harbor commission moves its vote', 'The commission will vote in March.');
    await waitSaved(page);
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await expect.poll(() => page.locator('.status-line .status').textContent()).toBe('Submitted');
    // The label names the site's zone, whatever the browser's (Berlin here).
    expect(await page.locator('label[for="schedule-at"]').textContent()).toMatch(/\(P[SD]T, the site’s time\)/);
    await page.getByLabel(/Publish at/).fill('2031-03-04T09:30');
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await expect.poll(() => page.locator('.status-line .status').textContent()).toBe('Scheduled');
    expect((await story(page, id)).scheduledAt).toBe('2031-03-04T17:30:00.000Z');
    expect(await page.locator('.status-line').textContent()).toContain('Mar 4, 2031, 9:30 AM PST');
    await shoot(page, 'scheduled-1280');
    await page.getByRole('button', { name: 'Unschedule' }).click();
    await expect.poll(() => page.locator('.status-line .status').textContent()).toBe('Submitted');
    expect((await story(page, id)).scheduledAt).toBeNull();
    await page.getByText('Unscheduled').waitFor();
  }, 120_000);

  it('rewords a correction: the panel keeps the history, the page says it was updated', async () => {
    const page = await signIn('editor');
    const id = await newStory(page, 'Council names a new city clerk', 'The council named Ada Okonkwo as city clerk.');
    await waitSaved(page);
    await page.getByRole('button', { name: 'Publish now' }).click();
    await expect.poll(() => page.locator('.status-line .status').textContent()).toBe('Published');
    await page.getByLabel('Note', { exact: true }).fill('An earlier version misspelled the clerk’s name.');
    await page.getByRole('button', { name: 'Add correction' }).click();
    await page.getByRole('button', { name: /^Edit/ }).click();
    await page.getByLabel('New wording').fill('An earlier version misspelled the clerk’s family name, Okonkwo.');
    await page.getByRole('button', { name: 'Save the new wording' }).click();
    await page.getByText('reworded', { exact: false }).first().waitFor();
    await page.getByText('Earlier wording').click();
    await page.getByText('An earlier version misspelled the clerk’s name.').waitFor();
    await page.locator('#corrections-title').scrollIntoViewIfNeeded();
    await shoot(page, 'correction-edited-1280');
    const reader = await newPage(PHONE);
    await reader.goto(`${site.url}${(await story(page, id)).path}`);
    const note = reader.locator('.story-note').first();
    expect(await note.textContent()).toMatch(/^Correction, updated \w{3} \d{1,2}, \d{4}: An earlier version misspelled the clerk’s family name, Okonkwo\./);
    await note.scrollIntoViewIfNeeded();
    await shoot(reader, 'reader-correction-390', { axe: false });
  }, 120_000);

  it('works at 390 px: the navigation folds, the story list and the editor fit', async () => {
    const page = await signIn('editor', PHONE);
    const nav = page.getByRole('navigation', { name: 'Newsroom' });
    expect(await nav.isVisible()).toBe(false);
    await shoot(page, 'story-list-390');
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Menu' }).click();
    expect(await nav.isVisible()).toBe(true);
    await shoot(page, 'menu-open-390');
    await nav.getByRole('link', { name: 'Stories' }).click();
    expect(await nav.isVisible()).toBe(false);

    await page.locator('.story-table a').first().click();
    await page.getByLabel('Headline', { exact: true }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await shoot(page, 'editor-390');
    await shoot(page, 'editor-390-full', { axe: false, fullPage: true });

    const desk = await signIn('editor');
    await shoot(desk, 'story-list-1280');
    // The app names itself in the tab with its own icon.
    expect(await desk.locator('link[rel="icon"]').getAttribute('href')).toMatch(/favicon|^data:image\/svg/);
  }, 120_000);
});
