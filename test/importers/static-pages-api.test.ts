import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../support/admin-session.js';
import { getPage, textOf } from '../support/reader-pages.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';
import { expectPageContract } from './support/page-contract.js';

// Static pages edited through the newsroom API: who may, what paths, and what readers then see.

for (const dialect of DIALECTS) {
  describe(`static pages through the newsroom API on ${dialect}`, () => {
    let site: TestSite;

    beforeAll(async () => {
      site = await startTestSite(dialect, { now: new Date('2026-03-10T19:30:00Z') });
    }, 120_000);

    afterAll(async () => {
      await site?.close();
    });

    it('lets an editor publish a corrections policy that readers find at its path, in the footer and the sitemap', async () => {
      const editor = await signedInAs(site.store, site.url, 'editor');
      const created = await editor.call('POST', '/pages', {
        path: '/policies/corrections',
        title: 'Corrections policy',
        description: 'How we correct mistakes.',
        bodyHtml: '<p>We correct errors promptly.<script>alert(1)</script></p>',
        inFooter: true,
      });
      expect(created.status).toBe(201);
      const page = (await created.json()) as { id: number; bodyHtml: string };
      expect(page.bodyHtml).toBe('<p>We correct errors promptly.</p>');

      const document = await expectPageContract(site, '/policies/corrections');
      expect(textOf(document.querySelector('main h1'))).toBe('Corrections policy');
      // Every page's footer links it, the front page's too.
      const home = await getPage(site, '/');
      expect([...home.document.querySelectorAll('footer a')].map((a) => a.getAttribute('href'))).toContain('/policies/corrections');
      expect(await (await fetch(`${site.url}/sitemaps/pages.xml`)).text()).toContain('/policies/corrections</loc>');

      const renamed = await editor.call('PATCH', `/pages/${page.id}`, { title: 'How we correct', published: false });
      expect(renamed.status).toBe(200);
      expect((await getPage(site, '/policies/corrections')).status).toBe(404);
      const again = await getPage(site, '/');
      expect([...again.document.querySelectorAll('footer a')].map((a) => a.getAttribute('href'))).not.toContain('/policies/corrections');

      expect((await editor.call('DELETE', `/pages/${page.id}`)).status).toBe(403);
      const admin = await signedInAs(site.store, site.url, 'admin');
      expect((await admin.call('DELETE', `/pages/${page.id}`)).status).toBe(204);
      expect((await admin.call('GET', `/pages/${page.id}`)).status).toBe(404);
    });

    it('refuses writers, malformed paths and paths a section or another page holds', async () => {
      const writer = await signedInAs(site.store, site.url, 'writer');
      expect((await writer.call('POST', '/pages', { path: '/about', title: 'About', bodyHtml: '<p>x</p>' })).status).toBe(403);
      const editor = await signedInAs(site.store, site.url, 'editor');
      const bad = await editor.call('POST', '/pages', { path: '/About Us/', title: 'About', bodyHtml: '<p>x</p>' });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('BAD_INPUT');
      const reserved = await editor.call('POST', '/pages', { path: '/admin/x', title: 'X', bodyHtml: '<p>x</p>' });
      expect(reserved.status).toBe(400);
      const section = await editor.call('POST', '/pages', { path: '/news', title: 'News', bodyHtml: '<p>x</p>' });
      expect(section.status).toBe(409);
      expect((await editor.call('POST', '/pages', { path: '/contact', title: 'Contact', bodyHtml: '<p>Call us.</p>' })).status).toBe(201);
      expect((await editor.call('POST', '/pages', { path: '/contact', title: 'Contact again', bodyHtml: '<p>x</p>' })).status).toBe(409);
    });
  });
}
