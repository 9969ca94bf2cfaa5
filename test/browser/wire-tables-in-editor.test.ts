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
import { ingest, pwsStory } from '../wire/wire-helpers.js';

// Issue 10 item 2: an editor opens a wire story with the agency's table, a figure without <figcaption> and a
// quote, changes a word and saves; the published page still has the table (its caption and every row) and the
// rest, and on a phone the table scrolls inside its own box instead of widening the page.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHOTS = path.join(ROOT, 'test-results');
const PASSWORD = 'correct horse battery staple';
const FINISHERS = [
  ['1', 'Ada Lindqvist', 'Seawall Striders', 'Port Alder', 'F30–34', '16:41'],
  ['2', 'Tomás Okafor', 'Cedar Coast Runners', 'Kessel Bay', 'M25–29', '16:58'],
  ['3', 'Mira Haldane', 'Harbor Track Club', 'Olympia', 'F40–44', '17:12'],
];
const TABLE =
  '<table><caption>Harbor 5K, top finishers</caption><thead><tr><th scope="col">Place</th><th scope="col">Runner</th><th scope="col">Club</th><th scope="col">Hometown</th><th scope="col">Age group</th><th scope="col">Time</th></tr></thead><tbody>' +
  FINISHERS.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('') +
  '</tbody></table>';
const BODY =
  '<p>Runners crowded the seawall on Saturday for the harbor race.</p>' +
  TABLE +
  // Agencies send figures without <figcaption>; the picture itself stays with the agency (the wire keeps no <img>).
  '<figure><img src="https://pictures.pws.example/finish.jpg" alt=""><p>Runners cross the line at the ferry terminal.</p></figure>' +
  '<blockquote><p>It was the fastest course we have ever run.</p></blockquote>' +
  '<p>The race returns next spring.</p>';

describe.skipIf(process.env.DATELINE_SKIP_BROWSER === '1')('a wire story with a table in the newsroom editor, in Chromium', () => {
  let site: TestSite;
  let app: NewsroomApp;
  let browser: Browser;
  let story: { id: number; path: string };
  const now = new Date();

  beforeAll(async () => {
    app = await buildNewsroomApp();
    await mkdir(SHOTS, { recursive: true });
    site = await startTestSite('sqlite', { env: { PAGE_CACHE_SECONDS: '0' } });
    await new Accounts(site.store.db).addUser({ email: 'ines@example.test', name: 'Ines Admin', role: 'admin', password: PASSWORD }, new Date());
    const report = await ingest(site, pwsStory({ uri: 'urn:pws:tables:1', headline: 'Harbor 5K draws a record field', body: BODY, firstcreated: now.toISOString(), versioncreated: now.toISOString() }), now);
    const item = report.items[0]!;
    expect(item.outcome, JSON.stringify(report.items)).toBe('new');
    story = { id: item.articleId!, path: item.path! };
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

  const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  /** Elements that reach past the right edge of the screen (outside any box that scrolls them): none on a page that fits. */
  const overflowing = (page: Page) =>
    page.evaluate(() => {
      const out: string[] = [];
      for (const el of document.body.querySelectorAll('*')) {
        const right = el.getBoundingClientRect().right;
        if (right <= window.innerWidth + 1) continue;
        let clipped = false;
        for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
          if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(up).overflowX)) clipped = true;
        }
        if (!clipped) out.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} (${Math.round(right)}px)`);
      }
      return out;
    });

  it('keeps the table, the figure’s text and the quote when an editor changes a word and saves', { timeout: 180_000 }, async () => {
    const { context, page } = await signedIn(1280);
    await page.goto(`${site.url}/admin/stories/${story.id}`);
    const body = page.locator('.ProseMirror[contenteditable="true"]');
    await body.waitFor();
    // The agency's table is a table in the editor, with its caption and every row.
    await body.getByRole('cell', { name: 'Tomás Okafor' }).waitFor();
    expect(await body.locator('table caption').textContent()).toBe('Harbor 5K, top finishers');
    expect(await body.locator('table tr').count()).toBe(1 + FINISHERS.length);
    await body.getByText('Runners cross the line at the ferry terminal.').waitFor();
    await body.locator('blockquote').getByText('It was the fastest course we have ever run.').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'editor-wire-table-1280.png'), fullPage: true });

    // Change one word: "seawall" becomes "boardwalk".
    await body.click();
    await page.evaluate(() => {
      const editor = document.querySelector('.ProseMirror') as HTMLElement;
      const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf('seawall') ?? -1;
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 'seawall'.length);
        const selection = window.getSelection() as Selection;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
      throw new Error('no "seawall" in the editor');
    });
    await page.keyboard.type('boardwalk');
    await page.getByTestId('save-state').filter({ hasText: /Saved/ }).waitFor();

    const saved = await site.store.db.kysely.selectFrom('articles').select('body_html').where('id', '=', story.id).executeTakeFirstOrThrow();
    expect(saved.body_html).toContain('boardwalk');
    expect(saved.body_html).not.toContain('seawall');
    // The editor's own table markup (column groups, inline widths) does not reach the stored story.
    expect(saved.body_html).not.toMatch(/<colgroup|<col\b|style=/);

    const published = await (await fetch(`${site.url}${story.path}`)).text();
    expect(published).toContain('crowded the boardwalk on Saturday');
    expect(published).toContain('<caption>Harbor 5K, top finishers</caption>');
    for (const [place, runner, club, , , time] of FINISHERS) {
      expect(published).toMatch(new RegExp(`<tr><td><p>${place}</p></td><td><p>${runner}</p></td><td><p>${club}</p></td>.*?<td><p>${time}</p></td></tr>`));
    }
    expect(published).toMatch(/<th[^>]*><p>Runner<\/p><\/th>/);
    expect(published).toContain('Runners cross the line at the ferry terminal.');
    expect(published).toMatch(/<blockquote><p>It was the fastest course we have ever run\.<\/p><\/blockquote>/);
    await context.close();

    const phone = await signedIn(390);
    await phone.page.goto(`${site.url}/admin/stories/${story.id}`);
    await phone.page.locator('.ProseMirror').getByRole('cell', { name: 'Tomás Okafor' }).waitFor();
    await phone.page.screenshot({ path: path.join(SHOTS, 'editor-wire-table-390.png'), fullPage: true });
    expect(await overflowing(phone.page)).toEqual([]);
    await phone.context.close();
  });

  it('shows the table on the reader page, scrolling sideways in its own box on a phone', { timeout: 120_000 }, async () => {
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${site.url}${story.path}`);
      const box = page.getByRole('region', { name: 'Harbor 5K, top finishers' });
      await box.getByRole('cell', { name: 'Mira Haldane' }).waitFor();
      expect(await box.getByRole('row').count()).toBe(1 + FINISHERS.length);
      expect(await fitsWidth(page)).toBe(true);
      if (width === 390) {
        // Wider than the phone: the box scrolls, the page does not.
        expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
        await box.evaluate((el) => el.scrollBy({ left: 400 }));
        await box.getByRole('cell', { name: '17:12' }).waitFor();
        await box.evaluate((el) => el.scrollTo({ left: 0 }));
      }
      await page.screenshot({ path: path.join(SHOTS, `reader-wire-table-${width}.png`), fullPage: true });
      const axe = await new AxeBuilder({ page }).include('.story').analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
      await context.close();
    }
  });
});
