import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowFor } from '../../src/cli/import-command.js';
import { importWordPress, type WordPressImportOptions } from '../../src/importers/wordpress/wordpress-import.js';
import { parseAllowList } from '../../src/net/index.js';
import { getPage, textOf } from '../support/reader-pages.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';
import { expectImagesLoad, expectPageContract, redirectOf } from './support/page-contract.js';
import { item, SITE, writePicture, wxr } from './support/wxr.js';

// Exports written for each case of issue 11: broken XML, encodings, namespaces, pictures over HTTP, statuses, redirects.

const NOW = new Date('2026-03-10T19:30:00Z');

for (const dialect of DIALECTS) {
  describe(`WordPress import edge cases on ${dialect}`, () => {
    let site: TestSite;
    let dir: string;
    let pictureServer: http.Server;
    let pictureBase: string;
    let requests = 0;

    const run = (file: string, extra: Partial<WordPressImportOptions> = {}) =>
      importWordPress(site.store, { file, statuses: 'as-is', outbound: {}, clock: () => NOW, ...extra });

    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'dateline-wp-cases-'));
      const picture = await writePicture(path.join(dir, 'served.jpg'), 900, 600, 90);
      pictureServer = http.createServer((request, response) => {
        requests++;
        if (request.url?.startsWith('/wp-content/uploads/2024/05/harbour')) response.writeHead(200, { 'content-type': 'image/jpeg' }).end(picture);
        else response.writeHead(404).end();
      });
      await new Promise<void>((resolve) => pictureServer.listen(0, '127.0.0.1', resolve));
      pictureBase = `http://127.0.0.1:${(pictureServer.address() as AddressInfo).port}`;
      site = await startTestSite(dialect, { demo: false, now: NOW });
    }, 120_000);

    afterAll(async () => {
      await site?.close();
      await new Promise((resolve) => pictureServer?.close(resolve));
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('imports the sound items of a broken file and lists each broken one with its line, column and reason', async () => {
      const xml = wxr({
        noVersion: true,
        categories: [{ slug: 'harbour', name: 'Harbour' }],
        items: [
          item({ id: 11, title: 'Sound before', slug: 'sound-before', content: 'First paragraph.\n\nSecond paragraph.', categories: [{ slug: 'harbour', name: 'Harbour' }] }),
          item({ id: 12, title: 'Stray closing tag', slug: 'stray', raw: '<wp:postmeta><wp:meta_key>x</wp:metakey></wp:postmeta>' }),
          item({ id: 13, title: 'Bad bytes MARK', slug: 'bad-bytes' }),
          item({ id: 14, title: 'Undefined entity', slug: 'entity', raw: '<wp:post_password>a&nbsp;b</wp:post_password>' }),
          item({ id: 15, title: 'CDATA edges', slug: 'cdata-edges', content: '<p>An end marker ]]> inside, and another ]]> too.</p>', categories: [{ slug: 'harbour', name: 'Harbour' }] }),
        ],
      });
      const bytes = Buffer.from(xml, 'utf8');
      const mark = bytes.indexOf('MARK');
      bytes[mark] = 0xff;
      bytes[mark + 1] = 0xfe;
      const file = path.join(dir, 'broken.xml');
      await writeFile(file, bytes);
      const lineOf = (needle: string) => xml.slice(0, xml.indexOf(needle)).split('\n').length;

      const summary = await run(file);
      expect(summary.created.stories).toBe(2);
      expect(summary.notImported.map((p) => p.where.replace(/, column \d+/, ''))).toEqual([
        expect.stringContaining(`line ${lineOf('Stray closing tag') - 1}`),
        expect.stringContaining(`line ${lineOf('Bad bytes') - 1}`),
        expect.stringContaining(`line ${lineOf('Undefined entity') - 1}`),
      ]);
      const [stray, badBytes, entity] = summary.notImported.map((p) => p.why);
      expect(stray).toMatch(new RegExp(`^line ${lineOf('</wp:metakey>')}, column \\d+: .*close tag`));
      expect(badBytes).toMatch(/not valid in the encoding/);
      expect(entity).toMatch(/undefined entity/);
      expect(summary.notes.map((n) => n.why)).toContain('no <wp:wxr_version>: read as WXR 1.2');

      const story = await redirectOf(site, '/?p=15');
      const page = await getPage(site, story);
      expect(textOf(page.document.querySelector('main'))).toContain('An end marker ]]> inside, and another ]]> too.');
      const first = await getPage(site, await redirectOf(site, '/2024/05/02/sound-before/'));
      expect([...first.document.querySelectorAll('main p')].map(textOf)).toEqual(expect.arrayContaining(['First paragraph.', 'Second paragraph.']));

      const again = await run(file);
      expect(again.created.stories).toBe(0);
      expect(again.unchanged.stories).toBe(2);
      expect(again.notImported).toHaveLength(3);
    });

    it('reads a file in the encoding it declares, and refuses one it cannot decode', async () => {
      const latin = wxr({ items: [item({ id: 21, title: 'Café at the Quai', slug: 'cafe-quai', content: 'Crème brûlée.' })] }).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
      const file = path.join(dir, 'latin1.xml');
      await writeFile(file, Buffer.from(latin, 'latin1'));
      const summary = await run(file);
      expect(summary.created.stories).toBe(1);
      const page = await getPage(site, await redirectOf(site, '/?p=21'));
      expect(textOf(page.document.querySelector('main h1'))).toBe('Café at the Quai');
      expect(textOf(page.document.querySelector('main'))).toContain('Crème brûlée.');

      const odd = path.join(dir, 'odd.xml');
      await writeFile(odd, latin.replace('ISO-8859-1', 'x-no-such-charset'));
      await expect(run(odd)).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('x-no-such-charset') });
      await expect(run(path.join(dir, 'missing.xml'))).rejects.toMatchObject({ code: 'BAD_INPUT' });
    });

    it('reads WordPress elements whose prefix the file forgot to declare, and says so', async () => {
      const xml = wxr({ items: [item({ id: 31, title: 'Undeclared', slug: 'undeclared' })] }).replace(' xmlns:wp="http://wordpress.org/export/1.2/"', '');
      const file = path.join(dir, 'undeclared.xml');
      await writeFile(file, xml);
      const summary = await run(file);
      expect(summary.created.stories).toBe(1);
      expect(summary.notes.some((n) => /prefix "wp:" is used without a namespace declaration/.test(n.why))).toBe(true);
    });

    it('fetches pictures through the guarded client: loopback refused by default, allowed with --allow-private-network', async () => {
      const pictureUrl = `${pictureBase}/wp-content/uploads/2024/05/harbour.jpg`;
      const items = (id: number, attachment: number) => [
        item({ id: attachment, title: 'Harbour at dawn', slug: `harbour-${attachment}`, type: 'attachment', status: 'inherit', parent: id, attachmentUrl: pictureUrl, excerpt: 'Boats at the harbour at dawn.', meta: [['_wp_attachment_image_alt', 'Fishing boats moored at dawn']] }),
        item({
          id,
          title: `Harbour story ${id}`,
          slug: `harbour-story-${id}`,
          content: `Morning at the harbour.\n\n[caption id="attachment_${attachment}" width="300"]<img src="${pictureBase}/wp-content/uploads/2024/05/harbour-300x200.jpg" alt="" width="300" height="200" /> The boats at dawn.[/caption]\n\n[gallery ids="${attachment}"]\n\n[embed]https://www.youtube.com/watch?v=abc[/embed]\n\n[contact-form-7 id="5"]`,
          meta: [['_thumbnail_id', String(attachment)]],
        }),
      ];
      const refusedFile = path.join(dir, 'refused.xml');
      await writeFile(refusedFile, wxr({ items: items(41, 40) }));
      const before = requests;
      const refused = await run(refusedFile);
      expect(requests).toBe(before);
      expect(refused.created.pictures).toBe(0);
      expect(refused.notImported[0]?.why).toMatch(/loopback.*--allow-private-network/);
      expect(refused.created.stories).toBe(1);

      const allowedFile = path.join(dir, 'allowed.xml');
      await writeFile(allowedFile, wxr({ items: items(51, 50) }));
      const allowed = await run(allowedFile, { outbound: { allow: allowFor(parseAllowList(''), true) } });
      expect(allowed.created.pictures).toBe(1);
      const story = await redirectOf(site, '/?p=51');
      const document = await expectPageContract(site, story);
      expect(await expectImagesLoad(site, document)).toBeGreaterThanOrEqual(3);
      const main = document.querySelector('main');
      expect([...(main?.querySelectorAll('figcaption') ?? [])].map(textOf)).toEqual(expect.arrayContaining(['The boats at dawn.']));
      expect(main?.innerHTML).not.toContain(pictureBase);
      expect(main?.querySelector('a[href="https://www.youtube.com/watch?v=abc"]')).not.toBeNull();
      expect(textOf(main)).not.toContain('contact-form-7');
      const whys = allowed.notes.map((n) => n.why);
      expect(whys).toEqual(expect.arrayContaining(['embed of www.youtube.com shown as a link', 'unknown shortcode [contact-form-7] removed']));
      // The attachment page goes to the story it belonged to.
      expect(await redirectOf(site, '/?attachment_id=50')).toBe(story);
    });

    it('maps statuses, keeps old slugs, folds deep categories and matches authors by email across sites', async () => {
      const categories = [
        { slug: 'region', name: 'Region' },
        { slug: 'north', name: 'North', parent: 'region' },
        { slug: 'north-coast', name: 'North Coast', parent: 'north' },
      ];
      const file = path.join(dir, 'statuses.xml');
      await writeFile(
        file,
        wxr({
          authors: [{ login: 'reporter', email: 'Reporter@Old.Example.org', name: 'Rae Porter' }],
          categories,
          items: [
            item({ id: 61, title: 'Pending one', slug: 'pending-one', status: 'pending' }),
            item({ id: 62, title: 'Private one', slug: 'private-one', status: 'private' }),
            item({ id: 63, title: 'Future one', slug: 'future-one', status: 'future', dateGmt: '2026-04-01 08:00:00' }),
            item({ id: 64, title: 'Renamed one', slug: 'renamed-one', meta: [['_wp_old_slug', 'first-name'], ['_wp_old_slug', 'second-name']], categories: [{ slug: 'north-coast', name: 'North Coast' }] }),
          ],
        }),
      );
      const summary = await run(file);
      const rows = await site.store.db.kysely.selectFrom('articles').select(['headline', 'status', 'path']).execute();
      const status = (headline: string) => rows.find((r) => r.headline === headline)?.status;
      expect([status('Pending one'), status('Private one'), status('Future one'), status('Renamed one')]).toEqual(['submitted', 'draft', 'scheduled', 'published']);
      const renamed = rows.find((r) => r.headline === 'Renamed one')?.path;
      expect(renamed).toBe('/region/north/renamed-one');
      expect(await redirectOf(site, '/2024/05/02/first-name/')).toBe(renamed);
      expect(await redirectOf(site, '/second-name/')).toBe(renamed);
      expect(summary.notes.some((n) => /3 levels deep .*its posts go to "North"/.test(n.why))).toBe(true);
      expect(await redirectOf(site, '/category/region/north/north-coast/')).toBe('/region/north');

      // Another site's export with the same person: matched by email, not made again.
      const authorsBefore = await site.store.db.kysely.selectFrom('authors').selectAll().execute();
      const other = path.join(dir, 'other-site.xml');
      await writeFile(other, wxr({ authors: [{ login: 'rae', email: 'reporter@old.example.org', name: 'Rae P.' }], items: [item({ id: 71, title: 'Elsewhere', slug: 'elsewhere', creator: 'rae' })] }).replaceAll(SITE, 'https://other.example.net'));
      const otherSummary = await run(other);
      expect(otherSummary.created.authors).toBe(0);
      expect(await site.store.db.kysely.selectFrom('authors').selectAll().execute()).toHaveLength(authorsBefore.length);

      const drafts = path.join(dir, 'drafts.xml');
      await writeFile(drafts, wxr({ items: [item({ id: 81, title: 'Was published', slug: 'was-published' })] }).replaceAll(SITE, 'https://third.example.net'));
      await run(drafts, { statuses: 'drafts', uncategorizedSection: 'region' });
      const draft = await site.store.db.kysely.selectFrom('articles').select(['status', 'path']).where('headline', '=', 'Was published').executeTakeFirstOrThrow();
      expect(draft).toEqual({ status: 'draft', path: '/region/was-published' });
    });
  });
}
