// The newsroom app in Chromium (Debian's, via playwright-core, as test/browser does): agency figures
// open and save in the editor without losing content, a one-time password shows only the form to
// choose one's own, and other sites' pictures are not fetched by the editor's browser.
// Skipped when `npm test` finds no Chromium (DATELINE_SKIP_BROWSER=1).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accounts } from '../../src/newsroom/accounts/index.js';
import { ADMIN_APP_DIR } from '../../src/newsroom/admin-app/serve-admin-app.js';
import { launchChromium } from '../support/chromium.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PASSWORD = 'correct horse battery staple';

/** What agencies send: figures without figcaption, a caption in a <p>, a figure around a quote, a picture from their server. */
const AGENCY_BODY = [
  '<p>Intro paragraph from the agency.</p>',
  '<figure><img src="/media/agency-harbor.jpg" alt="Harbor at dawn"></figure>',
  '<p>Middle paragraph.</p>',
  '<figure><img src="/media/agency-crane.jpg" alt="The new crane"><p>Caption in a paragraph</p></figure>',
  '<figure><blockquote><p>Quote in a figure</p></blockquote><figcaption>Said the mayor</figcaption></figure>',
  '<figure><img src="https://pictures.agency.example/p/ferry.jpg" alt="Ferry from the agency server"><figcaption>Agency caption</figcaption></figure>',
  '<p>Closing paragraph.</p>',
].join('');

describe.skipIf(process.env.DATELINE_SKIP_BROWSER === '1')('the newsroom app in Chromium, attacked', () => {
  for (const dialect of DIALECTS) {
    describe(dialect, () => {
      let site: TestSite;
      let browser: Browser;
      const contexts: BrowserContext[] = [];
      let storyId = 0;
      const external: string[] = [];

      beforeAll(async () => {
        if (!existsSync(path.join(ADMIN_APP_DIR, 'index.html'))) {
          const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
          if (build.status !== 0) throw new Error('npm run build failed: the newsroom app could not be built');
        }
        site = await startTestSite(dialect);
        const accounts = new Accounts(site.store.db);
        await accounts.addUser({ email: 'figures.editor@example.test', name: 'Figures Editor', role: 'editor', password: PASSWORD }, new Date());
        const news = await site.store.sections.bySlug('news');
        const author = await site.store.db.kysely.selectFrom('authors').select('id').orderBy('id').executeTakeFirstOrThrow();
        storyId = (
          await site.store.articleWriter.create({
            headline: 'Agency story with loose figures',
            summary: 'From the wire.',
            bodyHtml: AGENCY_BODY,
            label: 'news',
            status: 'draft',
            sectionId: news!.id,
            authorIds: [author.id],
            publishedAt: null,
          } as never)
        ).id;
        browser = await launchChromium();
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
        // A request the page's CSP blocks never leaves the browser (it fails with "csp"); any other
        // outcome (an answer, or a network error on this offline machine) means it was sent.
        page.on('requestfinished', (request) => {
          if (!request.url().startsWith(site.url)) external.push(request.url());
        });
        page.on('requestfailed', (request) => {
          if (!request.url().startsWith(site.url) && request.failure()?.errorText !== 'csp') external.push(request.url());
        });
        return page;
      }

      async function signIn(page: Page, email: string, password: string): Promise<void> {
        await page.goto(`${site.url}/admin/`);
        await page.getByLabel('Email').fill(email);
        await page.getByLabel('Password').fill(password);
        await page.getByRole('button', { name: 'Sign in' }).click();
      }

      it('opens agency figures in the editor and saves them without losing any content', async () => {
        const page = await newPage();
        await signIn(page, 'figures.editor@example.test', PASSWORD);
        await page.getByRole('heading', { level: 1, name: 'Stories' }).waitFor();
        await page.goto(`${site.url}/admin/stories/${storyId}`);
        const body = page.getByRole('textbox', { name: 'Body' });
        await body.waitFor();
        const shown = (await body.textContent()) ?? '';
        for (const text of ['Intro paragraph', 'Middle paragraph', 'Caption in a paragraph', 'Quote in a figure', 'Said the mayor', 'Agency caption', 'Closing paragraph']) {
          expect(shown, text).toContain(text);
        }
        expect(await body.locator('img').count()).toBe(3);

        await body.getByText('Closing paragraph.').click();
        await page.keyboard.press('End');
        await page.keyboard.type(' Edited in the newsroom.');
        await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 15_000 }).toMatch(/^(Saved|All changes saved)/);

        const saved = (await (await page.request.get(`${site.url}/admin/api/articles/${storyId}`)).json()) as { bodyHtml: string };
        for (const text of ['Intro paragraph', 'alt="Harbor at dawn"', 'alt="The new crane"', 'Caption in a paragraph', 'Quote in a figure', 'Said the mayor', 'Agency caption', 'Closing paragraph. Edited in the newsroom.']) {
          expect(saved.bodyHtml, text).toContain(text);
        }
        // The preview says the agency picture is not loaded, and offers the choice.
        await page.getByRole('button', { name: 'Preview' }).click();
        await expect.poll(() => page.getByRole('note').textContent()).toMatch(/One picture in this story comes from other sites/);
        // Neither the editor nor the preview fetched it from the editor's browser.
        expect(external.filter((url) => url.includes('agency.example'))).toEqual([]);
        // The preview is the server's page in a frame; the editor's choice loads it again with the pictures.
        expect(await page.locator('.preview-stage iframe').getAttribute('src')).not.toContain('images=external');
        await page.getByRole('button', { name: 'Show it' }).click();
        await expect.poll(() => page.locator('.preview-stage iframe').getAttribute('src')).toMatch(new RegExp(`^/admin/api/articles/${storyId}/preview\\?images=external`));
      });

      it('shows only the form to choose a password after signing in with a one-time password', async () => {
        const { temporaryPassword } = await new Accounts(site.store.db).addUser({ email: 'fresh.writer@example.test', name: 'Fresh Writer', role: 'writer' }, new Date());
        const page = await newPage();
        await signIn(page, 'fresh.writer@example.test', temporaryPassword as string);
        await page.getByRole('heading', { level: 1, name: 'Choose your password' }).waitFor();
        expect(await page.getByRole('navigation', { name: 'Newsroom' }).count()).toBe(0);
        await page.getByLabel('One-time password').fill(temporaryPassword as string);
        await page.getByLabel('New password').fill('a passphrase of my own');
        await page.getByRole('button', { name: 'Change password' }).click();
        await page.getByRole('heading', { level: 1, name: 'Stories' }).waitFor();
      });
    });
  }
});
