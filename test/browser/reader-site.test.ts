// The reader site in a real browser (Debian's Chromium via playwright-core), read the way a
// reader without JavaScript reads it: every page a reader opens here is opened in a context
// with JavaScript disabled. Skipped when `npm test` finds no Chromium (DATELINE_SKIP_BROWSER=1).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { startTestSite, type TestSite } from '../support/test-site.js';

const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots', import.meta.url));
const WIDE = 1280;
const NARROW = 390;
const HEIGHT = 900;

/** Human-readable list of axe violations, so a failure says what to fix and where. */
function describeViolations(
  violations: Array<{ id: string; impact?: string | null; help: string; helpUrl: string; nodes: Array<{ target: unknown; failureSummary?: string }> }>,
): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 8)
        .map((n) => `      at ${JSON.stringify(n.target)}${n.failureSummary ? `\n        ${n.failureSummary.replace(/\n/g, '\n        ')}` : ''}`)
        .join('\n');
      const more = v.nodes.length > 8 ? `\n      … and ${v.nodes.length - 8} more` : '';
      return `  - ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
    })
    .join('\n');
}

describe.skipIf(process.env.DATELINE_SKIP_BROWSER === '1')('reader site in Chromium with JavaScript off', () => {
  let site: TestSite;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** A section front and the first story on it, found from the served HTML. */
  const sectionPath = '/news';
  let articlePath = '';

  beforeAll(async () => {
    site = await startTestSite('sqlite');
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
    const sectionHtml = await (await fetch(`${site.url}${sectionPath}`)).text();
    const first = /class="teaser-headline"><a href="([^"]+)"/.exec(sectionHtml);
    if (!first?.[1]) throw new Error(`No story link found on ${sectionPath}`);
    articlePath = first[1];
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await site?.close();
  });

  /** A fresh page as a reader without JavaScript gets it. */
  async function readerPage(width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: HEIGHT }, javaScriptEnabled: false });
    contexts.push(context);
    return context.newPage();
  }

  async function open(page: Page, pathname: string, status = 200): Promise<void> {
    const response = await page.goto(`${site.url}${pathname}`, { waitUntil: 'load' });
    expect(response?.status(), `status of ${pathname}`).toBe(status);
  }

  it('takes a reader from the home page through a section front to a complete story (1280 px)', async () => {
    const page = await readerPage(WIDE);
    await open(page, '/');

    const nav = page.locator('nav[aria-label="Sections"]');
    await expect(nav.isVisible()).resolves.toBe(true);
    const newsLink = nav.locator('a', { hasText: /^News$/ });
    expect(await newsLink.isVisible(), 'the News link in the section menu is visible at 1280 px').toBe(true);

    await newsLink.click();
    await page.waitForURL(`${site.url}/news`);
    await expect(page.locator('main h1').textContent()).resolves.toBe('News');
    expect(await nav.locator('a[aria-current="page"]').textContent()).toBe('News');

    const firstHeadline = page.locator('main .teaser-headline a').first();
    const headline = (await firstHeadline.textContent())?.trim() ?? '';
    expect(headline.length).toBeGreaterThan(0);
    await firstHeadline.click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe(articlePath);

    const article = page.locator('main article');
    expect(await article.count()).toBe(1);
    const visible = async (selector: string) => ({ selector, visible: await article.locator(selector).first().isVisible() });

    // Section label, headline, publication time.
    expect(await visible('.section-label a')).toEqual({ selector: '.section-label a', visible: true });
    expect(await article.locator('.section-label a').getAttribute('href')).toMatch(/^\/news(\/|$)/);
    expect(await visible('h1')).toEqual({ selector: 'h1', visible: true });
    expect((await article.locator('h1').textContent())?.trim()).toBe(headline);
    const time = article.locator('time[datetime]').first();
    expect(await time.isVisible()).toBe(true);
    expect(await time.getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?([+-]\d\d:\d\d|Z)$/);
    expect((await time.textContent())?.trim()).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d [AP]M$/);

    // Lead figure: the picture really loaded, and its caption carries the credit.
    const image = article.locator('figure img').first();
    expect(await image.isVisible(), 'lead image visible').toBe(true);
    const loaded = await image.evaluate((img: HTMLImageElement) => ({ complete: img.complete, naturalWidth: img.naturalWidth, src: img.currentSrc }));
    expect(loaded.naturalWidth, `lead image ${loaded.src} did not load`).toBeGreaterThan(0);
    expect(await image.getAttribute('alt')).toBeTruthy();
    const caption = article.locator('figure figcaption');
    expect(await caption.isVisible()).toBe(true);
    expect(await caption.textContent()).toMatch(/Credit: \S/);

    // Byline, body, tags.
    const byline = article.locator('.byline');
    expect(await byline.isVisible()).toBe(true);
    expect((await byline.textContent())?.trim()).toMatch(/^By \S/);
    expect(await article.locator('.byline a[rel="author"]').first().isVisible()).toBe(true);
    const paragraphs = article.locator('.story-body p');
    expect(await paragraphs.count()).toBeGreaterThanOrEqual(2);
    expect(await paragraphs.first().isVisible()).toBe(true);
    const tags = article.locator('a[rel="tag"]');
    expect(await tags.count()).toBeGreaterThan(0);
    expect(await tags.first().isVisible()).toBe(true);

    // The rail: more from the section, and the sponsored box.
    const moreIn = page.getByRole('heading', { name: /^More in / });
    expect(await moreIn.isVisible(), '"More in …" heading visible').toBe(true);
    expect(await page.locator('section.more-in .teaser-headline a').count()).toBeGreaterThan(0);
    const sponsored = page.locator('aside[aria-label="Sponsored"]');
    expect(await sponsored.isVisible(), 'sponsored box visible').toBe(true);
    expect(await sponsored.getByRole('heading', { name: 'Sponsored Articles' }).isVisible()).toBe(true);
    const sponsoredLinks = sponsored.locator('a');
    expect(await sponsoredLinks.count()).toBeGreaterThan(0);
    for (const rel of await sponsoredLinks.evaluateAll((links) => links.map((a) => a.getAttribute('rel')))) expect(rel).toBe('sponsored');
  });

  // axe-core schedules its work with setTimeout, and Chromium never fires timers in a page whose
  // script execution is disabled (axe.run hangs; @axe-core/playwright then reports the target as
  // closed). So the audit alone runs in a context with JavaScript on, after checking the page
  // carries no script a browser would execute but the optional view counter: what axe
  // audits is the very DOM a reader without JavaScript gets.
  it.each([
    ['home', '/', 200],
    ['section front', '/news', 200],
    ['article', '', 200],
    ['404 page', '/no-such-page-here', 404],
  ] as const)('the %s passes axe-core with no violations', async (_name, pathname, status) => {
    const context = await browser.newContext({ viewport: { width: WIDE, height: HEIGHT }, javaScriptEnabled: true });
    contexts.push(context);
    const page = await context.newPage();
    await open(page, pathname || articlePath, status);
    // The one script a reader page may carry is the first-party view counter (src/analytics), which nothing on the page needs.
    const scripts = await page
      .locator('script')
      .evaluateAll((nodes) => nodes.map((s) => s.getAttribute('src') ?? s.getAttribute('type') ?? 'text/javascript'));
    expect(scripts.filter((type) => type !== 'application/ld+json' && type !== '/count.js'), 'executable scripts on the page').toEqual([]);

    const results = await new AxeBuilder({ page }).analyze();
    const report = describeViolations(results.violations);
    expect(results.violations.length, `axe-core violations on ${pathname || articlePath}:\n${report}`).toBe(0);
  });

  it.each([WIDE, NARROW])('saves full-page screenshots of home, section and article at %i px', async (width) => {
    const page = await readerPage(width);
    for (const [name, pathname] of [
      ['home', '/'],
      ['section', sectionPath],
      ['article', articlePath],
    ] as const) {
      await open(page, pathname);
      const file = path.join(SCREENSHOTS, `${name}-${width}.png`);
      const shot = await page.screenshot({ path: file, fullPage: true });
      expect(shot.length).toBeGreaterThan(1000);
    }
  });

  it('opens and closes the section menu without JavaScript at 390 px', async () => {
    const page = await readerPage(NARROW);
    await open(page, '/');
    const sectionLinks = page.locator('nav[aria-label="Sections"] ul a');
    const menu = page.locator('header a', { hasText: /^Menu$/ });
    const close = page.locator('nav[aria-label="Sections"] a', { hasText: /^Close$/ });
    expect(await sectionLinks.count()).toBeGreaterThan(0);

    expect(await menu.isVisible(), '"Menu" link visible at 390 px').toBe(true);
    expect(await sectionLinks.first().isVisible(), 'section links hidden behind "Menu" at 390 px').toBe(false);

    await menu.click();
    await page.waitForURL(/#site-menu$/);
    for (const link of await sectionLinks.all()) expect(await link.isVisible(), `after "Menu": ${await link.textContent()} visible`).toBe(true);
    expect(await close.isVisible(), '"Close" visible while the menu is open').toBe(true);

    await close.click();
    await page.waitForURL((url) => !url.hash.endsWith('site-menu'));
    expect(await sectionLinks.first().isVisible(), 'section links hidden again after "Close"').toBe(false);
    expect(await menu.isVisible()).toBe(true);
  });

  it('lays the article out without horizontal scrolling at 390 px', async () => {
    const page = await readerPage(NARROW);
    await open(page, articlePath);
    const layout = await page.evaluate((limit) => {
      const scrollWidth = document.documentElement.scrollWidth;
      const offenders: string[] = [];
      for (const el of Array.from(document.body.querySelectorAll('*'))) {
        const box = el.getBoundingClientRect();
        if (box.right > limit + 0.5 && box.width > 0) {
          // Report only the outermost overflowing elements.
          const parent = el.parentElement?.getBoundingClientRect();
          if (parent && parent.right > limit + 0.5) continue;
          const cls = el.getAttribute('class');
          offenders.push(`${el.tagName.toLowerCase()}${cls ? `.${cls.trim().split(/\s+/).join('.')}` : ''} (right edge ${Math.round(box.right)} px, width ${Math.round(box.width)} px)`);
        }
      }
      return { scrollWidth, offenders: offenders.slice(0, 10) };
    }, NARROW);
    expect(layout.scrollWidth, `page is ${layout.scrollWidth} px wide; too wide:\n  ${layout.offenders.join('\n  ')}`).toBeLessThanOrEqual(NARROW);
  });
});
