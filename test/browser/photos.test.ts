import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminArticle, AdminMedia } from '../../src/newsroom/admin-api-contract.js';
import { IPTC, XMP } from '../fixtures/media/make-iptc-photo.js';
import { type AdminSession, signedInAs, TEST_PASSWORD } from '../support/admin-session.js';
import { launchChromium, signInToNewsroom } from '../support/chromium.js';
import { buildNewsroomApp, type NewsroomApp } from '../support/newsroom-app.js';
import { startTestSite, type TestSite } from '../support/test-site.js';

// Photos from the story editor in Chromium (issue 12): a JPEG whose IPTC/XMP carries caption, credit and
// source is uploaded from the lead-image picker, the dialog comes up filled from the file, the editor clicks
// the subject to set the focal point, and Publish asks for the alt text the photo still lacks.
// The app is built into this test's own folder (dist/admin is shared with suites running at the same time).

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = path.join(ROOT, 'test/fixtures/media/iptc-xmp-photo.jpg');
const SHOTS = path.join(ROOT, 'test-results');

async function axeClean(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`)).toEqual([]);
}

describe.skipIf(process.env.DATELINE_SKIP_BROWSER === '1')('photos in the story editor, in Chromium', () => {
  let site: TestSite;
  let browser: Browser;
  let app: NewsroomApp;
  let editor: AdminSession;

  beforeAll(async () => {
    app = await buildNewsroomApp();
    site = await startTestSite('sqlite', { env: { PAGE_CACHE_SECONDS: '60' } });
    editor = await signedInAs(site.store, site.url, 'editor', { email: 'photo.desk@example.test', name: 'Photo Desk' });
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await app?.remove();
  });

  for (const width of [1280, 390]) {
    it(`uploads a JPEG with IPTC/XMP from the story editor at ${width} px: fields filled from the file, focal point, alt text asked at publish`, { timeout: 150_000 }, async () => {
      const section = await site.store.db.kysely.selectFrom('sections').select('id').orderBy('id').executeTakeFirstOrThrow();
      const created = await editor.call('POST', '/articles', { headline: `Buoys return to the harbour (${width})`, sectionId: section.id, bodyHtml: '<p>The harbour master set the summer buoys on Tuesday.</p>' });
      expect(created.status).toBe(201);
      const story = (await created.json()) as AdminArticle;

      const context = await browser.newContext({ viewport: { width, height: width > 600 ? 900 : 844 } });
      await app.serve(context);
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      await signInToNewsroom(page, `${site.url}/admin/`, 'photo.desk@example.test', TEST_PASSWORD);
      await page.goto(`${site.url}/admin/stories/${story.id}`);
      await page.getByRole('button', { name: 'Choose lead image' }).click();
      const picker = page.getByRole('dialog', { name: 'Choose the lead image' });
      await picker.getByLabel(/Upload pictures/).setInputFiles(FIXTURE);

      // The dialog asks for the words, filled from the file's XMP (which wins over its IPTC) and marked as such.
      const caption = picker.getByLabel('Caption');
      await caption.waitFor().catch(async (error: unknown) => {
        await page.screenshot({ path: path.join(SHOTS, `photos-failed-${width}.png`) });
        throw error;
      });
      expect(await caption.inputValue()).toBe(XMP.description);
      expect(await picker.getByLabel('Credit').inputValue()).toBe(IPTC.credit);
      expect(await picker.getByLabel('Source').inputValue()).toBe(IPTC.source);
      expect(await picker.getByLabel('Alt text').inputValue()).toBe(XMP.alt);
      expect(await picker.getByText('From the photo’s embedded data — check it').count()).toBe(4);

      // The buoy sits right of centre: click it.
      const frame = picker.getByRole('slider', { name: /Focal point/ });
      const box = await frame.locator('img').boundingBox();
      if (!box) throw new Error('the picture in the focal point frame has no box');
      await page.mouse.click(box.x + box.width * 0.76, box.y + box.height * 0.6);
      await picker.getByText(/76% from the left, 60% from the top/).waitFor();
      await frame.focus();
      await page.keyboard.press('ArrowUp');
      await picker.getByText(/76% from the left, 58% from the top/).waitFor();
      await axeClean(page);
      await page.screenshot({ path: path.join(SHOTS, `photos-upload-dialog-${width}.png`), fullPage: false });

      // The photographer wrote no alt text the desk trusts here: the editor clears it, so Publish must ask.
      await picker.getByLabel('Alt text').fill('');
      await picker.getByRole('button', { name: 'Save and use this picture' }).click();
      await picker.waitFor({ state: 'detached' }).catch(() => picker.waitFor({ state: 'hidden' }));
      await page.getByText('No alt text yet: it will be asked for when the story is published.').waitFor();

      const media = (await (await editor.call('GET', `/media?q=${encodeURIComponent('buoy')}`)).json()) as { items: AdminMedia[] };
      const uploaded = media.items[0] as AdminMedia;
      expect(uploaded).toMatchObject({ credit: IPTC.credit, source: IPTC.source, alt: '' });
      expect(uploaded.focalX).toBeCloseTo(0.76, 1);
      expect(uploaded.focalY).toBeCloseTo(0.58, 1);

      await page.getByRole('button', { name: 'Publish now' }).click();
      const ask = page.getByRole('dialog', { name: 'Alt text needed before this goes out' });
      await ask.waitFor();
      await axeClean(page);
      await page.screenshot({ path: path.join(SHOTS, `photos-alt-text-dialog-${width}.png`), fullPage: false });
      // Nothing is published while the dialog is open.
      expect(((await (await editor.call('GET', `/articles/${story.id}`)).json()) as AdminArticle).status).toBe('draft');
      await ask.getByRole('button', { name: 'Save alt text and publish' }).click();
      await ask.getByText(/Describe the photo first/).waitFor();
      await ask.getByLabel(/Lead photo:/).fill('A red mooring buoy on grey water below the breakwater');
      await ask.getByRole('button', { name: 'Save alt text and publish' }).click();
      await page.getByText('Published.', { exact: true }).waitFor();
      // The lead image field knows the photo has its alt text now.
      expect(await page.getByText('No alt text yet').count()).toBe(0);
      await page.screenshot({ path: path.join(SHOTS, `photos-published-${width}.png`), fullPage: false });

      // The reader page: the alt text, the credit once, and pictures readers may now fetch.
      const published = (await (await editor.call('GET', `/articles/${story.id}`)).json()) as AdminArticle;
      const html = await (await fetch(`${site.url}${published.path}`)).text();
      expect(html).toContain('alt="A red mooring buoy on grey water below the breakwater"');
      expect(html).toContain(`Credit: ${IPTC.credit}`);
      expect(html).toContain(`(${IPTC.source})`);
      // The file's rights line, without naming the photographer a second time.
      expect(html).toContain('<span class="photo-rights">© 2026</span>');
      expect(html.match(new RegExp(IPTC.credit, 'g'))?.length).toBeLessThanOrEqual(3);
      expect((await fetch(`${site.url}${uploaded.thumbnailUrl}`)).status).toBe(200);
      await context.close();
    });
  }
});
