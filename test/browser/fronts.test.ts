import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Teaser } from '../../src/domain/article.js';
import { createUser } from '../support/admin-session.js';
import { launchChromium, signInToNewsroom } from '../support/chromium.js';
import { buildNewsroomApp, type NewsroomApp } from '../support/newsroom-app.js';
import { startTestSite, type TestSite } from '../support/test-site.js';

// Issue 12 in Chromium: an editor opens Fronts, pins a lead on the home page and on a section
// front, reorders with the keyboard and by dragging, and sees it on the reader pages.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHOTS = path.join(ROOT, 'test-results');

async function axeClean(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${what}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** Screenshots at a desktop and a phone width, saved for people to look at. */
async function shots(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    // Lazy pictures below the fold load once scrolled to, so the whole page is drawn.
    await page.evaluate(async () => {
      for (let y = 0; y < document.body.scrollHeight; y += 600) {
        window.scrollTo(0, y);
        await new Promise((r) => setTimeout(r, 30));
      }
      window.scrollTo(0, 0);
    });
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe.skipIf(process.env.DATELINE_SKIP_BROWSER === '1')('the Fronts screen in Chromium', () => {
  let site: TestSite;
  let browser: Browser;
  let context: BrowserContext;
  let app: NewsroomApp | undefined;
  let editorEmail: string;
  let stories: Teaser[];

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    app = await buildNewsroomApp();
    site = await startTestSite('sqlite');
    editorEmail = (await createUser(site.store, 'editor', { email: 'ed@example.test', name: 'Eda Editor' })).email;
    stories = (await site.store.articles.list({ scope: { kind: 'all' }, limit: 60, now: new Date() })).items;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await app.serve(context);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await app?.remove();
  });

  const oldStory = (under: string) => {
    const story = [...stories].reverse().find((s) => s.path.startsWith(under) && s.leadMedia);
    if (!story) throw new Error(`no old story under ${under}`);
    return story;
  };

  async function pinLead(page: Page, story: Teaser, frontHeadline?: string) {
    await page.getByRole('button', { name: 'Pin a story as lead story' }).click();
    const form = page.locator('form.front-pin-form');
    await form.getByLabel('Find a published story').fill(story.headline.split(' ').slice(0, 4).join(' '));
    await form.getByRole('button', { name: 'Search', exact: true }).click();
    await form.getByRole('button', { name: `Choose “${story.headline}”` }).click();
    if (frontHeadline) await form.getByLabel('Front headline (optional)').fill(frontHeadline);
    await form.getByLabel('Pin for').selectOption({ label: '1 day' });
    await form.getByRole('button', { name: 'Pin story' }).click();
    await page.getByText(`“${story.headline}” pinned as lead story`).waitFor();
  }

  it('pins a lead on the home page and on a section front, and readers see both', { timeout: 120_000 }, async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signInToNewsroom(page, `${site.url}/admin/`, editorEmail, 'correct horse battery staple');
    await page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Fronts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fronts' }).waitFor();
    await page.getByRole('list', { name: 'Slots on Home' }).waitFor();

    // Home: an old sports story leads, with a front-only headline, for a day.
    const sports = oldStory('/sports/');
    const frontHeadline = `Weekend read: ${sports.headline}`;
    await pinLead(page, sports, frontHeadline);
    const lead = page.locator('.front-slot').first();
    await expect.poll(() => lead.locator('.front-slot-headline').textContent()).toBe(frontHeadline);
    expect(await lead.textContent()).toMatch(/Pinned until [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M P[SD]T\./);
    expect(await lead.locator('img').count()).toBe(1);
    await axeClean(page, 'fronts screen');
    await shots(page, 'fronts-screen');

    // Keyboard: the second slot's story moves up, then back down, with the buttons alone.
    const second = page.locator('.front-slot').nth(1);
    const secondHeadline = (await second.locator('.front-slot-headline').textContent()) ?? '';
    await second.getByRole('button', { name: /^Move “.*” up to slot 1$/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.front-slot').first().locator('.front-slot-headline').textContent()).toBe(secondHeadline);
    await page.locator('.front-slot').first().getByRole('button', { name: /down to slot 2$/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.front-slot').first().locator('.front-slot-headline').textContent()).toBe(frontHeadline);

    // Drag: slot 3's story dragged onto slot 2, the two swap.
    const third = page.locator('.front-slot').nth(2);
    const thirdHeadline = (await third.locator('.front-slot-headline').textContent()) ?? '';
    await third.dragTo(page.locator('.front-slot').nth(1));
    await expect.poll(() => page.locator('.front-slot').nth(1).locator('.front-slot-headline').textContent()).toBe(thirdHeadline);

    // A section: the News front gets its own lead.
    await page.getByLabel('Front').selectOption({ label: 'News' });
    await page.getByRole('list', { name: 'Slots on News' }).waitFor();
    const news = oldStory('/news/');
    await pinLead(page, news);

    const reader = await context.newPage();
    await reader.goto(`${site.url}/`);
    const homeLead = reader.locator('main .front-lead .teaser-headline a');
    expect(await homeLead.textContent()).toBe(frontHeadline);
    expect(await homeLead.getAttribute('href')).toBe(sports.path);
    expect(await reader.locator('main .front-lead img').isVisible()).toBe(true);
    await axeClean(reader, 'home page');
    await shots(reader, 'fronts-home');

    await reader.goto(`${site.url}/news`);
    expect(await reader.locator('main .front-lead .teaser-headline a').textContent()).toBe(news.headline);
    expect(await reader.locator('main .front-lead img').isVisible()).toBe(true);
    await axeClean(reader, 'news front');
    await shots(reader, 'fronts-news');
  });

  it('lays out a front without a hole when the newest story has no photo', { timeout: 60_000 }, async () => {
    const section = await site.store.sections.bySlug('sports');
    const author = (await site.store.authors.bySlug('maya-okafor'))?.id as number;
    await site.store.articleWriter.create(
      {
        headline: 'Fact check: no, the stadium vote was not moved to Sunday',
        summary: 'A post shared hundreds of times named the wrong day. The council’s agenda still lists Thursday at 6 p.m.',
        bodyHtml: '<p>The post claimed the vote had been moved.</p>',
        label: 'news',
        status: 'published',
        sectionId: section?.id as number,
        publishedAt: new Date(),
        authorIds: [author],
      },
      new Date(),
    );
    const reader = await context.newPage();
    await reader.goto(`${site.url}/sports`);
    const teaser = reader.locator('main li.teaser', { hasText: 'Fact check: no, the stadium vote' });
    await teaser.waitFor();
    expect(await teaser.locator('.teaser-image').count()).toBe(0);
    // The lead still has its picture, drawn at its full width: no empty box anywhere.
    const box = await reader.locator('main .front-lead img').boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(400);
    for (const image of await reader.locator('main .teaser-image').all()) expect((await image.boundingBox())?.height ?? 0).toBeGreaterThan(20);
    await axeClean(reader, 'sports front');
    await shots(reader, 'fronts-sports-photo-less');
  });
});
