// The newsroom app at /admin in a real browser (Debian's Chromium via playwright-core): a writer
// writes a story with a picture and submits it, an editor publishes, schedules and corrects,
// and every screen passes axe-core. Skipped when `npm test` finds no Chromium (DATELINE_SKIP_BROWSER=1).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accounts } from '../../src/newsroom/accounts/index.js';
import type { Role } from '../../src/newsroom/admin-api-contract.js';
import { ADMIN_APP_DIR } from '../../src/newsroom/admin-app/serve-admin-app.js';
import { launchChromium, signInToNewsroom } from '../support/chromium.js';
import { startTestSite, type TestSite } from '../support/test-site.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCREENSHOTS = path.join(ROOT, 'test-results/screenshots');
const PASSWORD = 'correct horse battery staple';
const USERS: Record<'admin' | 'editor' | 'writer', { email: string; name: string; role: Role }> = {
  admin: { email: 'ada@example.test', name: 'Ada Admin', role: 'admin' },
  editor: { email: 'maya@example.test', name: 'Maya Okafor', role: 'editor' },
  writer: { email: 'wes@example.test', name: 'Wes Writer', role: 'writer' },
};

function describeViolations(violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown; failureSummary?: string }> }>): string {
  return violations.map((v) => `  - ${v.id}: ${v.help}\n${v.nodes.map((n) => `      at ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n')}`).join('\n');
}

describe.skipIf(process.env.DATELINE_SKIP_BROWSER === '1')('newsroom app in Chromium', () => {
  let site: TestSite;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let picture: Buffer;
  /** The story the writer writes; the editor publishes and corrects it. */
  let storyId = 0;
  const headline = `Harbour ferry returns after winter repairs ${Date.now().toString(36)}`;

  beforeAll(async () => {
    // The server serves dist/admin; build the app once when a fresh clone has not yet.
    if (!existsSync(path.join(ADMIN_APP_DIR, 'index.html'))) {
      const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
      if (build.status !== 0) throw new Error('npm run build failed: the newsroom app could not be built');
    }
    site = await startTestSite('sqlite');
    const accounts = new Accounts(site.store.db);
    for (const user of Object.values(USERS)) await accounts.addUser({ ...user, password: PASSWORD }, new Date());
    // The writer writes as an author of the demo newsroom: their stories start with that byline (issue 12).
    const writer = await accounts.users.findByEmail(USERS.writer.email);
    const author = await site.store.db.kysely.selectFrom('authors').select('id').orderBy('id').executeTakeFirstOrThrow();
    if (writer) await accounts.users.update(writer.id, { authorId: author.id });
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
    picture = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 40, g: 90, b: 140 } } })
      .png()
      .toBuffer();
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await site?.close();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, timezoneId: 'UTC' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  async function signIn(who: keyof typeof USERS): Promise<Page> {
    const page = await newPage();
    await signInToNewsroom(page, `${site.url}/admin/`, USERS[who].email, PASSWORD);
    return page;
  }

  async function expectNoAxeViolations(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(SCREENSHOTS, `newsroom-${name}.png`) });
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.length, `axe-core violations on ${name}:\n${describeViolations(results.violations)}`).toBe(0);
  }

  async function waitSaved(page: Page): Promise<void> {
    await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 15_000 }).toMatch(/^(Saved|All changes saved)/);
  }

  /** A POST from inside the signed-in page, with the session's CSRF token, as the app sends it. */
  async function apiPost(page: Page, url: string): Promise<number> {
    return page.evaluate(async (target) => {
      const session = await (await fetch('/admin/api/session')).json();
      const response = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken }, body: '{}' });
      return response.status;
    }, url);
  }

  it('refuses a wrong password with a clear message, then signs in', async () => {
    const page = await newPage();
    await page.goto(`${site.url}/admin/`);
    await expectNoAxeViolations(page, 'sign-in');
    await page.getByLabel('Email').fill(USERS.writer.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/\S/);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stories' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Newsroom' }).textContent()).toContain('Media');
  });

  it('lets a writer write a story with a picture and submit it, keyboard first', async () => {
    const page = await signIn('writer');
    // A writer sees their own stories only: none yet.
    await page.getByText('No stories match these filters.').waitFor();
    await expectNoAxeViolations(page, 'stories');

    await page.getByRole('button', { name: 'New story' }).click();
    await page.getByLabel('Headline', { exact: true }).fill(headline);
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/admin\/stories\/\d+$/);
    storyId = Number(/(\d+)$/.exec(page.url())?.[1]);
    await page.getByLabel('Summary').fill('The Kittiwake is back on the Port Alder run after three months in dry dock.');
    await page.getByRole('textbox', { name: 'Body' }).click();
    await page.keyboard.type('The ferry Kittiwake made its first crossing of the spring on Monday.');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Subheading' }).click();
    await page.keyboard.type('What changed');
    await page.keyboard.press('Enter');
    await page.keyboard.type('New engines cut the crossing by six minutes.');
    await page.getByLabel('Dateline').fill('PORT ALDER');
    await page.getByLabel('Tags').fill('ferries, transport');
    // The story starts with the writer's own byline, and a writer cannot add anyone else.
    await expect.poll(() => page.locator('.byline-list li').count()).toBe(1);
    expect(await page.getByLabel('Add an author').count()).toBe(0);

    // Lead image: upload in the picker, then choose it.
    await page.getByRole('button', { name: 'Choose lead image' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Upload pictures/).setInputFiles({ name: 'ferry.png', mimeType: 'image/png', buffer: picture });
    // The same dialog asks for the picture's words (issue 12); alt text is needed before the story goes out.
    await dialog.getByLabel('Alt text').fill('The ferry Cedar Belle at the landing', { timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Save and use this picture' }).click();
    await expect.poll(() => page.locator('.lead-preview img').count()).toBe(1);

    // The same picture in the body, with its caption.
    await page.getByRole('textbox', { name: 'Body' }).click();
    await page.keyboard.press('Control+End');
    await page.getByRole('button', { name: 'Insert image' }).click();
    await page.getByRole('dialog').locator('.media-choice').first().click();
    await expect.poll(() => page.locator('.prose-editor figure img').count()).toBe(1);
    await waitSaved(page);
    await expectNoAxeViolations(page, 'editor');

    const saved = (await (await page.request.get(`${site.url}/admin/api/articles/${storyId}`)).json()) as { bodyHtml: string; leadMediaId: number | null; headline: string };
    expect(saved.headline).toBe(headline);
    expect(saved.leadMediaId).not.toBeNull();
    expect(saved.bodyHtml).toMatch(/<h3>What changed<\/h3>/);
    expect(saved.bodyHtml).toMatch(/<figure[^>]*><img[^>]+src="\/media\//);

    // A writer sees no publish button, and the server refuses a publish anyway.
    expect(await page.getByRole('button', { name: 'Publish now' }).count()).toBe(0);
    expect(await apiPost(page, `/admin/api/articles/${storyId}/publish`)).toBe(403);

    await page.getByRole('button', { name: 'Submit for review' }).click();
    await expect.poll(() => page.locator('.status-line .status').textContent()).toBe('Submitted');
    // Leaving the editor releases the edit lock, so the editor can work on it at once.
    await page.getByRole('link', { name: 'Stories' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stories' }).waitFor();
  }, 120_000);

  it('lets an editor publish the submitted story and readers see it on the home page', async () => {
    expect(storyId).toBeGreaterThan(0);
    const page = await signIn('editor');
    // The demo newsroom's workflow stories (two drafts, one submitted) are on the desk too.
    await expect.poll(() => page.locator('.story-table tbody tr').count()).toBeGreaterThan(3);
    await page.getByLabel('Status').selectOption('submitted');
    await page.getByRole('link', { name: headline }).click();
    await page.getByRole('button', { name: 'Publish now' }).click();
    await expect.poll(() => page.locator('.status-line .status').textContent()).toBe('Published');
    await expect.poll(async () => (await (await fetch(`${site.url}/`)).text()).includes(headline), { timeout: 15_000 }).toBe(true);
  }, 60_000);

  it('adds a correction that shows on the public page', async () => {
    const page = await signIn('editor');
    await page.goto(`${site.url}/admin/stories/${storyId}`);
    await page.getByLabel('Note', { exact: true }).fill('An earlier version gave the wrong length of the repairs.');
    await page.getByRole('button', { name: 'Add correction' }).click();
    await page.locator('.correction-list li').first().waitFor();
    const article = (await (await page.request.get(`${site.url}/admin/api/articles/${storyId}`)).json()) as { path: string };
    await expect
      .poll(async () => (await (await fetch(`${site.url}${article.path}`)).text()).match(/Correction:[\s\S]{0,400}wrong length of the repairs/) !== null, { timeout: 15_000 })
      .toBe(true);
  }, 60_000);

  it('schedules a story that appears on the home page when its time comes', async () => {
    const page = await signIn('editor');
    const scheduled = `Council sets date for harbour vote ${Date.now().toString(36)}`;
    await page.getByRole('button', { name: 'New story' }).click();
    await page.getByLabel('Headline', { exact: true }).fill(scheduled);
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/admin\/stories\/\d+$/);
    await page.getByRole('textbox', { name: 'Body' }).click();
    await page.keyboard.type('The vote will be held in the council chamber.');
    await page.getByLabel('Add an author').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await waitSaved(page);
    const at = new Date(Date.now() + 6_000);
    // The field is the site's wall clock (SITE_TIME_ZONE), whatever the browser's zone.
    const wall = new Intl.DateTimeFormat('sv-SE', { timeZone: site.config.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    await page.getByLabel(/Publish at/).fill(wall.format(at).replace(' ', 'T'));
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await expect.poll(() => page.locator('.status-line .status').textContent()).toBe('Scheduled');
    expect((await (await fetch(`${site.url}/`)).text()).includes(scheduled)).toBe(false);
    await expect.poll(async () => (await (await fetch(`${site.url}/`)).text()).includes(scheduled), { timeout: 45_000, interval: 1000 }).toBe(true);
  }, 90_000);

  it('shows who else has a story open, lets an editor take over, and refuses a stale save with what changed', async () => {
    const maya = await signIn('editor');
    await maya.getByRole('link', { name: headline }).click();
    await maya.getByLabel('Summary').waitFor();
    await expect.poll(() => maya.locator('.banner.warn').count()).toBe(0);

    const ada = await signIn('admin');
    ada.on('dialog', (dialog) => void dialog.accept());
    await ada.goto(`${site.url}/admin/stories/${storyId}`);
    const banner = ada.locator('.banner.warn');
    await expect.poll(() => banner.textContent()).toContain('Maya Okafor is editing this story');
    expect(await ada.getByLabel('Summary').getAttribute('readonly')).not.toBeNull();
    await expectNoAxeViolations(ada, 'editor-locked');
    await ada.getByRole('button', { name: 'Take over' }).click();
    await expect.poll(() => banner.count()).toBe(0);
    await ada.getByLabel('Summary').fill('Ada rewrote the summary while Maya was away.');
    await waitSaved(ada);
    // Ada leaves; Maya, still on her old copy, types: her save is refused with what changed and by whom.
    await ada.getByRole('link', { name: 'Stories' }).click();
    await ada.getByRole('heading', { level: 1, name: 'Stories' }).waitFor();
    await maya.getByLabel('Dateline').fill('PORT ALDER, Monday');
    const conflict = maya.locator('.banner.conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toMatch(/Ada Admin saved this story while you were editing.*summary/);
    await maya.getByRole('button', { name: /Load their version/ }).click();
    await expect.poll(() => maya.getByLabel('Summary').inputValue()).toBe('Ada rewrote the summary while Maya was away.');
  }, 90_000);

  it('refuses a renamed text file in the media library with a clear error', async () => {
    const page = await signIn('editor');
    await page.getByRole('link', { name: 'Media' }).click();
    await page.getByRole('heading', { level: 1, name: 'Media library' }).waitFor();
    await page.getByLabel(/Upload pictures/).setInputFiles({ name: 'harbour.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('This is a text file, not a picture.\n') });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/harbour\.jpg: .*(picture|image)/i);
    await expectNoAxeViolations(page, 'media');
  }, 60_000);

  it.each([
    ['wire-queue', '/wire', 'Wire queue'],
    ['sections', '/sections', 'Sections'],
    ['authors', '/authors', 'Authors'],
    ['sponsors', '/sponsors', 'Sponsors'],
    ['users', '/users', 'Users'],
    ['account', '/account', 'My account'],
  ] as const)('the %s screen passes axe-core', async (name, route, title) => {
    const page = await signIn('admin');
    await page.goto(`${site.url}/admin${route}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.waitForLoadState('networkidle');
    // Open the first record's form too, where there is one, so its fields are checked.
    const first = page.locator('.record-button').first();
    if (await first.count()) await first.click();
    await expectNoAxeViolations(page, name);
  }, 60_000);
});
