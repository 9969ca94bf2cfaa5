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
import { pwsStory } from '../wire/wire-helpers.js';

// The site's look and the Settings screen in Chromium: the reader pages at 1280 and 390 px (masthead on one
// line, byline with its times, a columnist's opinion piece, a 404 that offers search and the sections), an
// admin who renames the site and uploads a logo, seen by readers on their next page load, and who sets the
// wire's default rules from Settings, followed by the next item that arrives; the newsroom's top bar on one
// line at 1280 px and folded behind Menu at 390.
// The newsroom app is built into a folder of this test's own (dist/admin is shared with other suites).

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHOTS = path.join(ROOT, 'test-results', 'settings-and-look');
const PASSWORD = 'correct horse battery staple';
const WIDTHS = [1280, 390] as const;

/** A lighthouse on a navy tile: the kind of mark a small paper uploads. */
const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" width="120" height="120">
  <rect width="120" height="120" rx="22" fill="#123b5c"/>
  <path d="M52 34h16l6 58H46z" fill="#f6f1e7"/>
  <path d="M49 58h22l1.6 12H47.4z" fill="#c8372d"/>
  <rect x="50" y="24" width="20" height="12" rx="2" fill="#f2c14e"/>
  <path d="M60 14l12 10H48z" fill="#f6f1e7"/>
  <path d="M0 96c20-6 40 6 60 0s40-6 60 0v24H0z" fill="#2f7fa3"/>
</svg>`;

function describeViolations(violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }>): string[] {
  return violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 5).join(', ')}`);
}

describe.skipIf(process.env.DATELINE_SKIP_BROWSER === '1')('the site’s look and its Settings screen in Chromium', () => {
  let site: TestSite;
  let browser: Browser;
  let app: NewsroomApp;
  const contexts: BrowserContext[] = [];
  let storyPath = '';
  let opinionPath = '';

  beforeAll(async () => {
    app = await buildNewsroomApp();
    site = await startTestSite('sqlite');
    await new Accounts(site.store.db).addUser({ email: 'ada@example.test', name: 'Ada Admin', role: 'admin', password: PASSWORD }, new Date());
    browser = await launchChromium();
    await mkdir(SHOTS, { recursive: true });
    const now = new Date();
    const news = await site.store.articles.list({ scope: { kind: 'all' }, limit: 60, now });
    const withPicture = news.items.find((t) => t.label === 'news' && t.leadMedia && t.authors.length > 0);
    const opinion = news.items.find((t) => t.label === 'opinion' && t.authors.length > 0);
    if (!withPicture || !opinion) throw new Error('the demo has no news story with a picture or no opinion piece');
    storyPath = withPicture.path;
    opinionPath = opinion.path;
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await site?.close();
    await app?.remove();
  });

  /** A reader's page: JavaScript off, as the site is built to be read. */
  async function readerPage(width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  }

  /** The newsroom app, served from this test's own build, signed in as the admin. */
  async function newsroomPage(width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    contexts.push(context);
    await app.serve(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signInToNewsroom(page, `${site.url}/admin/`, 'ada@example.test', PASSWORD);
    return page;
  }

  /** Settings through the top bar: under Manage on a desktop, in the folded Menu on a phone. */
  async function openSettings(page: Page): Promise<void> {
    const nav = page.getByRole('navigation', { name: 'Newsroom' });
    const menu = page.getByRole('button', { name: 'Menu' });
    if (await menu.isVisible()) await menu.click();
    else await nav.getByRole('button', { name: 'Manage' }).click();
    await nav.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  }

  /** Screenshot of a reader page, and axe over the same address (axe needs script, so in a context that runs it). */
  async function shoot(page: Page, name: string, width: number): Promise<void> {
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0);
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    contexts.push(context);
    const checked = await context.newPage();
    await checked.goto(page.url());
    const axe = await new AxeBuilder({ page: checked }).analyze();
    expect(describeViolations(axe.violations), `${name} at ${width}px`).toEqual([]);
    await context.close();
  }

  /** The masthead on one line: logo, the whole name (no ellipsis) and the tools share one row. */
  async function mastheadOnOneLine(page: Page): Promise<{ height: number; name: string }> {
    return page.evaluate(() => {
      const masthead = document.querySelector('.masthead') as HTMLElement;
      const name = document.querySelector('.site-name span') as HTMLElement;
      const boxes = ['.site-name img', '.site-name span', '.search-link', '.menu-open']
        .map((s) => document.querySelector(s) as HTMLElement | null)
        .filter((el): el is HTMLElement => el !== null && el.getBoundingClientRect().height > 0)
        .map((el) => el.getBoundingClientRect());
      const lineHeight = Number.parseFloat(getComputedStyle(name).lineHeight) || Number.parseFloat(getComputedStyle(name).fontSize) * 1.2;
      const top = Math.max(...boxes.map((b) => b.top));
      const bottom = Math.min(...boxes.map((b) => b.bottom));
      return {
        height: masthead.getBoundingClientRect().height,
        name: name.textContent ?? '',
        // Every part overlaps one horizontal band, the name is one line high and not cut.
        oneRow: bottom > top,
        nameLines: Math.round(name.getBoundingClientRect().height / lineHeight),
        cut: name.scrollWidth > name.clientWidth + 1,
      };
    }).then((m) => {
      expect(m.oneRow, 'logo, name and tools share one row').toBe(true);
      expect(m.nameLines, 'the name takes one line').toBe(1);
      expect(m.cut, 'the name is shown whole').toBe(false);
      return { height: m.height, name: m.name };
    });
  }

  it('shows home, a story, an opinion piece and a 404 the way a regional daily would, at 1280 and 390 px', { timeout: 180_000 }, async () => {
    for (const width of WIDTHS) {
      const page = await readerPage(width);
      await page.goto(`${site.url}/`);
      const masthead = await mastheadOnOneLine(page);
      expect(masthead.name).toBe('Cedar Coast Dispatch');
      if (width === 390) expect(masthead.height).toBeLessThan(72);
      // The web fonts are self-hosted, preloaded and in use.
      const fonts = await page.evaluate(() => ({
        heading: getComputedStyle(document.querySelector('h2, h3') as Element).fontFamily,
        loaded: [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, '')),
        preloads: [...document.querySelectorAll('link[rel="preload"][as="font"]')].map((l) => l.getAttribute('href')),
      }));
      expect(fonts.heading).toMatch(/^"?Source Serif 4/);
      expect(fonts.loaded).toContain('Source Serif 4');
      expect(fonts.preloads.length).toBeGreaterThan(0);
      await shoot(page, 'home', width);

      await page.goto(`${site.url}${storyPath}`);
      await mastheadOnOneLine(page);
      // The byline and the times read as one unit, and no meta line starts with a separator.
      const byline = await page.evaluate(() => {
        const block = document.querySelector('article .byline') as HTMLElement;
        return { text: block.innerText, hasTime: block.querySelector('time') !== null };
      });
      expect(byline.text).toMatch(/^By /i);
      expect(byline.hasTime).toBe(true);
      await shoot(page, 'story', width);

      await page.goto(`${site.url}${opinionPath}`);
      const columnist = await page.evaluate(() => {
        const header = document.querySelector('article .story-header') as HTMLElement;
        const picture = header.querySelector('.byline-columnist .byline-picture') as HTMLImageElement | null;
        return {
          opinionWords: (header.innerText.match(/\bopinion\b/gi) ?? []).length,
          picture: picture ? { width: picture.getBoundingClientRect().width, loaded: picture.complete && picture.naturalWidth > 0 } : null,
        };
      });
      expect(columnist.opinionWords, '“Opinion” once in the header').toBe(1);
      expect(columnist.picture?.loaded).toBe(true);
      expect(columnist.picture?.width).toBeGreaterThanOrEqual(64);
      await shoot(page, 'opinion', width);

      const missing = await page.goto(`${site.url}/news/harbour-ferry-cuts-2019`);
      expect(missing?.status()).toBe(404);
      const search = page.getByRole('search', { name: 'Search stories' });
      await expect(search.getByRole('searchbox').inputValue()).resolves.toBe('harbour ferry cuts');
      const sections = await page.locator('.error-sections a').allTextContents();
      expect(sections).toEqual(expect.arrayContaining(['News', 'Sports', 'Opinion']));
      await shoot(page, '404', width);
    }
  });

  it('lets an admin rename the site and upload a logo that readers see on their next page load', { timeout: 180_000 }, async () => {
    const page = await newsroomPage(1280);
    await openSettings(page);

    // A colour too light to read is explained before saving and refused by the server.
    await page.getByLabel('Accent colour', { exact: true }).fill('#f4b400');
    await page.getByText(/Too light to read: contrast 1\.\d:1/).waitFor();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('alert').getByText(/too light to read/i).waitFor();
    await page.getByLabel('Accent colour', { exact: true }).fill('#8a1538');
    await page.getByText(/Readable: contrast \d+\.\d:1/).waitFor();

    await page.getByLabel('Name', { exact: true }).fill('Harbor Light Ledger');
    await page.getByRole('button', { name: 'Add a link' }).click();
    await page.getByLabel('Label').fill('Jobs at the Ledger');
    await page.getByLabel('Address').fill('https://jobs.example.org/ledger');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').getByText('Saved. Readers see the change on their next page, on every server.').waitFor();

    await page.getByLabel('SVG or PNG, at most 1 MB').setInputFiles({ name: 'ledger.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(LOGO_SVG) });
    await page.getByRole('button', { name: 'Upload logo' }).click();
    await page.getByText(/Logo saved/).waitFor();
    const logoUrl = await page.locator('.logo-preview').getAttribute('src');
    expect(logoUrl).toMatch(/^\/assets\/logo\.[0-9a-f]+\.svg$/);

    // The disclosures: write the corrections policy; it is linked from every page's footer.
    const corrections = page.locator('.trust-page', { hasText: 'Corrections policy' });
    await corrections.getByRole('button', { name: 'Write it' }).click();
    // Typed as plain text: the ampersand, quotes and angle brackets are words, never markup.
    const policy = 'We correct errors of fact promptly & say so at the top of the story, with the date.\n\nWrite to <corrections@example.org> with "Correction" in the subject.';
    await corrections.getByLabel('Text').fill(policy);
    await corrections.getByRole('button', { name: 'Save page' }).click();
    await corrections.getByText('In the footer').waitFor();
    // Opened again, the editor gives back exactly what was typed.
    await corrections.getByRole('button', { name: 'Edit' }).click();
    expect(await corrections.getByLabel('Text').inputValue()).toBe(policy);
    await corrections.getByRole('button', { name: 'Close' }).click();
    const policyPage = await readerPage(1280);
    await policyPage.goto(`${site.url}/policies/corrections`);
    expect(await policyPage.locator('main p').allTextContents()).toEqual(expect.arrayContaining(['We correct errors of fact promptly & say so at the top of the story, with the date.', 'Write to <corrections@example.org> with "Correction" in the subject.']));
    // The screen links to where each wire source's own rules are set (the Manage menu has the same link).
    await page.getByRole('main').getByRole('link', { name: 'Wire sources' }).waitFor();

    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(SHOTS, `settings-${width}.png`), fullPage: true });
      const axe = await new AxeBuilder({ page }).analyze();
      expect(describeViolations(axe.violations), `Settings at ${width}px`).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `Settings at ${width}px scrolls sideways`).toBeLessThanOrEqual(0);
    }

    // A reader's next page load: the new name, the logo in the masthead and as the icon, the colour, the footer.
    for (const width of WIDTHS) {
      const reader = await readerPage(width);
      await reader.goto(`${site.url}/`);
      const masthead = await mastheadOnOneLine(reader);
      expect(masthead.name).toBe('Harbor Light Ledger');
      const look = await reader.evaluate(() => ({
        logo: (document.querySelector('.site-name img') as HTMLImageElement).getAttribute('src'),
        logoLoaded: (document.querySelector('.site-name img') as HTMLImageElement).naturalWidth > 0,
        icon: document.querySelector('link[rel="icon"]')?.getAttribute('href'),
        title: document.title,
        footer: [...document.querySelectorAll('.site-footer a')].map((a) => a.textContent),
        accent: getComputedStyle(document.documentElement).getPropertyValue('--accent').trim(),
      }));
      expect(look.logo).toBe(logoUrl);
      expect(look.logoLoaded).toBe(true);
      expect(look.icon).toMatch(/^\/assets\/icon\.[0-9a-f]+\.png$/);
      expect(look.title).toContain('Harbor Light Ledger');
      expect(look.footer).toEqual(expect.arrayContaining(['Corrections policy', 'Jobs at the Ledger']));
      expect(look.accent).toBe('#8a1538');
      await shoot(reader, 'home-renamed', width);
    }
  });
  it('sets the wire’s default rules from Settings, and the next item that arrives follows them', { timeout: 180_000 }, async () => {
    const { token } = await site.store.wirePush.create('harbor-wire', null);
    const push = async (uri: string, headline: string) => {
      const response = await fetch(`${site.url}/wire/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: Buffer.from(pwsStory({ uri, headline })) });
      const answer = (await response.json()) as { items: Array<{ outcome: string }> };
      const story = await site.store.db.kysely.selectFrom('articles').select(['path', 'status']).where('headline', '=', headline).executeTakeFirstOrThrow();
      return { outcome: answer.items[0]?.outcome, ...story };
    };
    // Nobody has set rules: copy waits for the desk.
    const before = await push('urn:harbor-wire:1', 'Ferry terminal roof repairs start Monday');
    expect(before.outcome).toBe('held');

    const page = await newsroomPage(1280);
    await openSettings(page);
    const card = page.getByRole('region', { name: 'Wire copy: the default rules' });
    await card.getByText('Holds for the desk').waitFor();
    await card.getByText('Dateline’s defaults: copy waits for the desk.').waitFor();
    await card.getByLabel('Publish at once').check();
    await card.getByLabel('Default section').selectOption({ label: 'Sports' });
    await card.getByLabel('Agency name').fill('Harbor Wire');
    await card.getByRole('button', { name: /^Save/ }).click();
    await card.getByRole('status').getByText(/^Saved the rules for All sources\. The next item from any source without rules of its own follows them\./).waitFor();
    await card.getByText('Publishes at once').waitFor();
    await card.getByText(/Set here in the newsroom\. Last set by Ada Admin\./).waitFor();
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'settings-wire-rules-1280.png') });
    const axe = await new AxeBuilder({ page }).analyze();
    expect(describeViolations(axe.violations), 'Settings with the wire rules saved').toEqual([]);

    // The very next item: live at once, in Sports, credited to the agency named in Settings when it names no writer.
    const after = await push('urn:harbor-wire:2', 'Harbor Hawks clinch the league title at home');
    expect(after.outcome).toBe('new');
    expect(after.status).toBe('published');
    expect(after.path).toMatch(/^\/sports\//);
    expect((await fetch(`${site.url}${after.path}`)).status).toBe(200);

    // Reloaded, the screen shows the rule in force; the Wire sources screen shows the same default.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await expect(card.getByLabel('Publish at once').isChecked()).resolves.toBe(true);
    await expect(card.getByLabel('Default section').inputValue()).resolves.toBe('sports');
    const listed = (await (await page.request.get(`${site.url}/admin/api/wire-sources`)).json()) as { sources: Array<{ key: string; rules: { publish: string; defaultSection: string } }> };
    expect(listed.sources.find((s) => s.key === 'default')?.rules).toMatchObject({ publish: 'auto', defaultSection: 'sports' });
  });

  it('keeps the newsroom’s top bar on one line at 1280 px, and folds it behind Menu at 390 px', { timeout: 120_000 }, async () => {
    const wide = await newsroomPage(1280);
    await openSettings(wide);
    const [topbar, brand, navBox, link, who] = await wide.evaluate(() =>
      ['.topbar', '.brand', '.topbar nav', '.topbar nav a', '.whoami'].map((selector) => (document.querySelector(selector) as HTMLElement).getBoundingClientRect().toJSON() as DOMRect),
    );
    const bar = { topbar: topbar!, brand: brand!, nav: navBox!, link: link!, who: who! };
    // One line: the bar is as tall as one navigation link, and the brand, the links and who is signed in all sit in that row.
    expect(bar.topbar.height).toBeLessThanOrEqual(bar.link.height + 1);
    expect(bar.nav.height).toBeLessThanOrEqual(bar.link.height + 1);
    for (const part of [bar.brand, bar.nav, bar.who]) {
      expect(part.top).toBeGreaterThanOrEqual(bar.topbar.top);
      expect(part.bottom).toBeLessThanOrEqual(bar.topbar.bottom + 0.5);
    }
    expect(bar.brand.right).toBeLessThanOrEqual(bar.nav.left);
    expect(bar.nav.right).toBeLessThanOrEqual(bar.who.left);
    // Manage opens a list of the screens that set the site up, and closes on Escape.
    const nav = wide.getByRole('navigation', { name: 'Newsroom' });
    await nav.getByRole('button', { name: 'Manage' }).click();
    await nav.getByRole('link', { name: 'Wire sources' }).waitFor();
    await wide.screenshot({ path: path.join(SHOTS, 'newsroom-topbar-1280.png') });
    const axeOpen = await new AxeBuilder({ page: wide }).include('.topbar').analyze();
    expect(describeViolations(axeOpen.violations), 'the top bar with Manage open').toEqual([]);
    await wide.keyboard.press('Escape');
    await expect(nav.getByRole('link', { name: 'Wire sources' }).isVisible()).resolves.toBe(false);
    await expect(nav.getByRole('button', { name: 'Manage' }).evaluate((b) => b === document.activeElement)).resolves.toBe(true);

    const phone = await newsroomPage(390);
    expect(await phone.getByRole('navigation', { name: 'Newsroom' }).isVisible()).toBe(false);
    await openSettings(phone);
    // The choice folds the menu again; the Settings screen fits the phone.
    expect(await phone.getByRole('navigation', { name: 'Newsroom' }).isVisible()).toBe(false);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await phone.getByRole('button', { name: 'Menu' }).click();
    await phone.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Wire sources' }).waitFor();
    await phone.screenshot({ path: path.join(SHOTS, 'newsroom-menu-390.png') });
    const axePhone = await new AxeBuilder({ page: phone }).analyze();
    expect(describeViolations(axePhone.violations), 'Settings at 390 px with the menu open').toEqual([]);
  });
});
