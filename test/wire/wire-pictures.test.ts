import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowList } from '../../src/net/index.js';
import { fetchPicture } from '../../src/wire/fetch-picture.js';
import { retryDuePictures } from '../../src/wire/picture-desk.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';
import { ingest, pwsStory, text } from './wire-helpers.js';

const NOW = new Date('2031-03-05T12:00:00Z');

function picture(href: string, words: { caption?: string; notice?: string } = {}) {
  return {
    name: 'featureimage',
    uri: `urn:pws:picture:${href}`,
    type: 'picture',
    by: 'Lena Oduya/Pacific Wire Service',
    copyrightholder: 'Pacific Wire Service',
    copyrightnotice: words.notice ?? '(c) 2031 Pacific Wire Service',
    descriptions: [
      { role: 'caption', value: words.caption ?? 'The ferry Kessel Queen docks at Port Alder.' },
      { role: 'alt', value: 'A white ferry at a wooden dock.' },
    ],
    renditions: [{ name: 'highres', href, contenttype: 'image/jpeg', width: 800, height: 533 }],
  };
}

for (const dialect of DIALECTS) {
  describe(`wire pictures (${dialect})`, () => {
    let site: TestSite;
    let server: http.Server;
    let base: string;
    let failing = true;
    let requests = 0;
    let jpeg: Buffer;
    let otherJpeg: Buffer;
    let folder: string;

    beforeAll(async () => {
      site = await startTestSite(dialect, { now: NOW, env: { PAGE_CACHE_SECONDS: '0' } });
      jpeg = await sharp({ create: { width: 800, height: 533, channels: 3, background: { r: 40, g: 90, b: 140 } } }).jpeg().toBuffer();
      otherJpeg = await sharp({ create: { width: 800, height: 533, channels: 3, background: { r: 150, g: 110, b: 60 } } }).jpeg().toBuffer();
      server = http.createServer((request, response) => {
        requests++;
        const url = new URL(request.url ?? '/', base);
        if (failing || url.pathname !== '/ferry.jpg') {
          response.writeHead(503).end('busy');
          return;
        }
        response.writeHead(200, { 'content-type': 'image/jpeg' }).end(url.search ? otherJpeg : jpeg);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      folder = await mkdtemp(path.join(os.tmpdir(), 'dateline-wire-pictures-'));
    }, 60_000);
    afterAll(async () => {
      server?.close();
      await site?.close();
      if (folder) await rm(folder, { recursive: true, force: true });
    });

    // The agency's picture server is on loopback here, which the guarded client refuses unless allowed.
    const loopbackFetch = (href: string, baseDir: string | null) => fetchPicture(href, baseDir, { outbound: { allow: parseAllowList('127.0.0.1') } });

    it('publishes the story without a picture that cannot be fetched, queues it, and adds it when a retry succeeds', async () => {
      const report = await ingest(
        site,
        pwsStory({ uri: 'urn:pws:pic:remote', headline: 'Ferry returns to service', associations: [picture(`${base}/ferry.jpg`)] }),
        NOW,
        { pictures: { fetch: loopbackFetch } },
      );
      expect(report.counts.new).toBe(1);
      expect(requests).toBeGreaterThan(0);
      const path = report.items[0]!.path!;
      const before = await text(site, path);
      expect(before.status).toBe(200);
      expect(before.body).not.toContain('lead-figure');
      const pending = await site.store.wire.pendingPictures();
      expect(pending).toHaveLength(1);
      expect(pending[0]?.last_error).toMatch(/503/);

      failing = false;
      // Not due yet: the backoff waits a minute.
      expect((await retryDuePictures(site.store, { fetch: loopbackFetch, now: () => NOW })).fetched).toBe(0);
      const later = new Date(NOW.getTime() + 5 * 60_000);
      expect(await retryDuePictures(site.store, { fetch: loopbackFetch, now: () => later })).toEqual({ fetched: 1, failed: 0, gaveUp: 0 });
      const after = await text(site, path);
      expect(after.body).toContain('lead-figure');
      expect(after.body).toContain('The ferry Kessel Queen docks at Port Alder.');
      expect(after.body).toContain('Credit: Pacific Wire Service');
      // The credit names the agency once: the photographer's part of "Lena Oduya/Pacific Wire Service" follows it.
      expect(after.body).toContain('<span class="photo-source">(Lena Oduya)</span>');
      expect(after.body).toMatch(/srcset="\/media\/[0-9a-f]{32}\.avif \d+w/);
      expect(await site.store.wire.pendingPictures()).toHaveLength(0);
    });

    it("takes an update's corrected caption for the agency's picture, keeps an editor's caption, and swaps in the agency's new picture", async () => {
      const uri = 'urn:pws:pic:corrected';
      const first = await ingest(site, pwsStory({ uri, headline: 'Ferry crew honoured', associations: [picture(`${base}/ferry.jpg`)] }), NOW, {
        pictures: { fetch: loopbackFetch },
      });
      const storyPath = first.items[0]!.path!;
      expect((await text(site, storyPath)).body).toContain('The ferry Kessel Queen docks at Port Alder.');

      // The agency corrects the caption (and its rights line) in version 2 and sends the same picture.
      const corrected = picture(`${base}/ferry.jpg`, { caption: 'The ferry Kessel Queen docks at Port Alder on Friday.', notice: '(c) 2031 Pacific Wire Service Ltd' });
      const second = await ingest(site, pwsStory({ uri, version: 2, headline: 'Ferry crew honoured', associations: [corrected] }), NOW, { pictures: { fetch: loopbackFetch } });
      expect(second.counts.updated).toBe(1);
      let page = (await text(site, storyPath)).body;
      expect(page).toContain('The ferry Kessel Queen docks at Port Alder on Friday.');
      expect(page).toContain('2031 Pacific Wire Service Ltd');
      // Nothing fetched again: the same picture, new words.
      const articleId = first.items[0]!.articleId as number;
      const leadId = (await site.store.articles.byId(articleId))?.leadMedia?.id;
      expect(leadId).toBeDefined();

      // An editor rewrites the caption; the agency's version 3 brings its own wording again.
      await site.store.transaction((tx) =>
        site.store.media.edit(tx, leadId as number, { caption: 'Crew members wave from the Kessel Queen.' }, [
          { media_id: leadId as number, user_id: null, at: NOW.getTime(), field: 'caption', before: 'The ferry Kessel Queen docks at Port Alder on Friday.', after: 'Crew members wave from the Kessel Queen.' },
        ]),
      );
      const third = picture(`${base}/ferry.jpg`, { caption: 'The ferry Kessel Queen at Port Alder.', notice: '(c) 2031 Pacific Wire Service Ltd.' });
      await ingest(site, pwsStory({ uri, version: 3, headline: 'Ferry crew honoured', associations: [third] }), NOW, { pictures: { fetch: loopbackFetch } });
      page = (await text(site, storyPath)).body;
      expect(page).toContain('Crew members wave from the Kessel Queen.');
      expect(page).not.toContain('The ferry Kessel Queen at Port Alder.');
      expect(page).toContain('2031 Pacific Wire Service Ltd.');

      // Version 4 sends a different picture: it replaces the agency's own once fetched.
      const other = { ...picture(`${base}/ferry.jpg?v=dock`, { caption: 'The crew on the dock at Port Alder.' }) };
      await ingest(site, pwsStory({ uri, version: 4, headline: 'Ferry crew honoured', associations: [other] }), NOW, { pictures: { fetch: loopbackFetch } });
      expect((await site.store.articles.byId(articleId))?.leadMedia?.id).not.toBe(leadId);
      expect((await text(site, storyPath)).body).toContain('The crew on the dock at Port Alder.');
    });

    it('reads a rendition from a path relative to the item file, and refuses one that leaves its folder', async () => {
      await mkdir(path.join(folder, 'photos'), { recursive: true });
      await writeFile(path.join(folder, 'photos', 'dock.jpg'), jpeg);
      const report = await ingest(
        site,
        pwsStory({ uri: 'urn:pws:pic:relative', headline: 'Dock repairs finish early', associations: [picture('photos/dock.jpg')] }),
        NOW,
        { pictures: { fetch: loopbackFetch } },
      );
      // ingest() names the file without a folder; pass one through the source.
      expect(report.counts.new).toBe(1);
      const { ingestFile } = await import('../../src/wire/ingest/index.js');
      const { PWS_RULES } = await import('./wire-helpers.js');
      const local = await ingestFile(
        site.store,
        pwsStory({ uri: 'urn:pws:pic:relative-2', headline: 'Dock crane arrives', associations: [picture('photos/dock.jpg')] }),
        { kind: 'file', name: path.join(folder, 'item.json'), dir: folder },
        { rules: PWS_RULES, now: () => NOW, pictures: { fetch: loopbackFetch } },
      );
      expect((await text(site, local.items[0]!.path!)).body).toContain('Credit: Pacific Wire Service');
      const log: string[] = [];
      const escaping = await ingestFile(
        site.store,
        pwsStory({ uri: 'urn:pws:pic:escape', headline: 'Escape attempt story', associations: [picture('../../etc/passwd')] }),
        { kind: 'file', name: path.join(folder, 'item2.json'), dir: folder },
        { rules: PWS_RULES, now: () => NOW, pictures: { fetch: loopbackFetch, log: (line) => log.push(line) } },
      );
      expect((await text(site, escaping.items[0]!.path!)).status).toBe(200);
      expect(log.join('\n')).toMatch(/leaves the item's folder.*given up/);
    });
  });
}
