// Issue 10 item 1: the agency's copyright notice is kept with the story and its pictures — small print under
// the story, the picture's credit line, the JSON-LD and the content API — and an agency update refreshes it.
// Real IPTC examples (test/fixtures/iptc is a copy of the shared fixtures): ninjs 1.4, 2.1 and 3.0, NewsML-G2.
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';
import { ingest, text } from './wire-helpers.js';

const NOW = new Date('2031-03-05T12:00:00Z');
const fixture = (name: string) => readFile(new URL(`../fixtures/iptc/${name}`, import.meta.url), 'utf8');
const bytes = (s: string) => new TextEncoder().encode(s);

/** What a reader sees in the story's small print, as text. */
function smallPrint(html: string): string | null {
  const match = /<p class="story-rights"><small>([^<]*)<\/small><\/p>/.exec(html);
  return match ? decode(match[1] as string) : null;
}

function decode(s: string): string {
  return s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

function jsonLd(html: string): Record<string, any> {
  const match = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  const doc = JSON.parse(match?.[1] ?? '{}');
  return (doc['@graph']?.find((n: any) => /Article/.test(n['@type'])) ?? doc) as Record<string, any>;
}

/** The lead picture's caption as plain text, parts separated by single spaces. */
function figcaption(html: string): string {
  const match = /<figure class="lead-figure">[\s\S]*?<figcaption>([\s\S]*?)<\/figcaption>/.exec(html);
  return decode((match?.[1] ?? '').replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim();
}

for (const dialect of DIALECTS) {
  describe(`copyright notices (${dialect})`, () => {
    let site: TestSite;
    let apiKey: string;
    let jpeg: Buffer;

    beforeAll(async () => {
      site = await startTestSite(dialect, { now: NOW, env: { PAGE_CACHE_SECONDS: '0' } });
      apiKey = (await site.store.apiKeys.create('copyright tests')).key;
      jpeg = await sharp({ create: { width: 800, height: 533, channels: 3, background: { r: 90, g: 60, b: 40 } } }).jpeg().toBuffer();
    }, 60_000);
    afterAll(async () => {
      await site?.close();
    });

    async function api(id: number): Promise<Record<string, any>> {
      const response = await fetch(`${site.url}/api/v1/articles/${id}`, { headers: { authorization: `Bearer ${apiKey}` } });
      expect(response.status).toBe(200);
      return (await response.json()) as Record<string, any>;
    }

    async function story(file: string, raw: string) {
      const report = await ingest(site, bytes(raw), NOW, { sectionSlug: 'news' }, file);
      const item = report.items[0]!;
      expect(item.outcome, JSON.stringify(report.items)).toMatch(/new|updated/);
      const page = await text(site, item.path!);
      expect(page.status).toBe(200);
      return { id: item.articleId!, page: page.body, json: await api(item.articleId!) };
    }

    it('keeps a ninjs 2.1 notice (dpa) under the story, in its JSON-LD and in the API; an update refreshes it', async () => {
      const raw = await fixture('ninjs/examples/2.1/dpa_text.json');
      const first = await story('dpa_text.json', raw);
      const notice = 'Copyright 2019, dpa (www.dpa.de). Alle Rechte vorbehalten';
      expect(smallPrint(first.page)).toBe(notice);
      expect(jsonLd(first.page)).toMatchObject({ copyrightNotice: notice, copyrightHolder: { '@type': 'Organization', name: 'dpa' } });
      expect(first.json).toMatchObject({ copyrightNotice: notice, copyrightHolder: 'dpa' });

      const doc = JSON.parse(raw) as Record<string, unknown>;
      const update = JSON.stringify({ ...doc, version: '3', versioncreated: '2019-05-10T18:00:00+02:00', copyrightnotice: 'Copyright 2019, dpa. Nur für Abonnenten' });
      const second = await story('dpa_text-v3.json', update);
      expect(second.id).toBe(first.id);
      expect(smallPrint(second.page)).toBe('Copyright 2019, dpa. Nur für Abonnenten');
      expect(second.json.copyrightNotice).toBe('Copyright 2019, dpa. Nur für Abonnenten');
    });

    it('keeps a ninjs 1.4 notice and a ninjs 3.0 one', async () => {
      const old = await story('ninjsExMediumText1.json', await fixture('ninjs/examples/1.4/ninjsExMediumText1.json'));
      expect(smallPrint(old.page)).toBe('Copyright 2013 The News Agency, www.tna.org - all rights reserved.');
      expect(old.json.copyrightNotice).toBe('Copyright 2013 The News Agency, www.tna.org - all rights reserved.');

      // The same dpa item as the 2.1 example (same uri): a uri of its own keeps it a story apart from the one above.
      const doc3 = JSON.parse(await fixture('ninjs/examples/3.0/dpa_text.json')) as { uri: string; copyrightNotice?: string; copyrightHolder?: string };
      const current = await story('dpa_text-3.0.json', JSON.stringify({ ...doc3, uri: `${doc3.uri}-3.0` }));
      expect(doc3.copyrightNotice).toBeTruthy();
      expect(smallPrint(current.page)).toBe(doc3.copyrightNotice);
      expect(current.json).toMatchObject({ copyrightNotice: doc3.copyrightNotice, copyrightHolder: doc3.copyrightHolder });
    });

    it('prints "© HOLDER" for an agency that names only the holder (NTB, an empty notice)', async () => {
      const ntb = await story('ntb_text.json', await fixture('ninjs/examples/2.1/ntb_text.json'));
      expect(smallPrint(ntb.page)).toBe('© NTB');
      expect(ntb.json).toMatchObject({ copyrightNotice: null, copyrightHolder: 'NTB' });
      expect(jsonLd(ntb.page).copyrightNotice).toBeUndefined();
    });

    it('keeps a NewsML-G2 rightsInfo notice and holder', async () => {
      const g2 = await story('LISTING_2.xml', await fixture('newsml-g2/examples/LISTING_2_NewsML-G2_Text_Document.xml'));
      expect(smallPrint(g2.page)).toBe('Copyright 2017-18 Acme News and Media LLC');
      expect(jsonLd(g2.page)).toMatchObject({ copyrightNotice: 'Copyright 2017-18 Acme News and Media LLC', copyrightHolder: { name: 'Acme News and Media LLC' } });
      expect(g2.json).toMatchObject({ copyrightNotice: 'Copyright 2017-18 Acme News and Media LLC', copyrightHolder: 'Acme News and Media LLC' });
    });

    it('keeps a NewsML-G2 photo’s notice in its credit line without naming the holder twice; an update refreshes it', async () => {
      const raw = await fixture('newsml-g2/examples/LISTING_3_Photo_in_NewsML-G2.xml');
      const fetch = async () => jpeg;
      const report = await ingest(site, bytes(raw), NOW, { pictures: { fetch } }, 'LISTING_3.xml');
      expect(report.items[0]?.outcome, JSON.stringify(report.items)).toBe('picture');
      const row = await site.store.db.kysely
        .selectFrom('wire_items')
        .innerJoin('media', 'media.id', 'wire_items.media_id')
        .select(['media.id', 'media.credit', 'media.copyright'])
        .where('wire_items.uri', '=', 'tag:gettyimages.com,2010:GYI0062134533')
        .executeTakeFirstOrThrow();
      expect(row.copyright).toMatch(/^Copyright 2010 Getty Images\. -- http:\/\/www\.gettyimages\.com/);

      // The desk makes it a staff story's lead picture: the credit line says Getty Images once, with the year.
      const section = (await site.store.sections.bySlug('news'))!;
      const created = await site.store.articleWriter.create(
        { headline: 'Jobless claims rise in Nevada', bodyHtml: '<p>Claims rose.</p>', label: 'news', status: 'published', sectionId: section.id, authorIds: [], leadMediaId: row.id, publishedAt: NOW },
        NOW,
      );
      const page = (await text(site, created.path)).body;
      expect(figcaption(page)).toMatch(/Credit: Getty Images \(Spencer Platt\) © 2010$/);
      expect(smallPrint(page)).toBeNull();
      expect(jsonLd(page).image).toMatchObject({ creditText: 'Getty Images', copyrightNotice: row.copyright });
      expect((await api(created.id)).leadImage).toMatchObject({ credit: 'Getty Images', copyrightNotice: row.copyright });

      const update = raw.replace('version="11"', 'version="12"').replace(/Copyright 2010 Getty Images\./, 'Copyright 2011 Getty Images.');
      const again = await ingest(site, bytes(update), NOW, { pictures: { fetch } }, 'LISTING_3-v12.xml');
      expect(again.items[0]?.outcome, JSON.stringify(again.items)).toBe('picture');
      const refreshed = await site.store.media.get(row.id);
      expect(refreshed?.copyright).toMatch(/^Copyright 2011 Getty Images\./);
      expect(figcaption((await text(site, created.path)).body)).toMatch(/© 2011$/);
    });

    it('keeps a ninjs picture’s notice with the story’s lead picture', async () => {
      const doc = {
        uri: 'urn:pws:t:ferry-notice',
        type: 'text',
        version: '1',
        versioncreated: '2031-03-05T08:00:00Z',
        headlines: [{ role: 'main', value: 'Ferry back on the morning run' }],
        bodies: [{ contenttype: 'text/html', value: '<p>The ferry sailed at six.</p>' }],
        copyrightholder: 'Pacific Wire Service',
        copyrightnotice: '(c) 2031 Pacific Wire Service',
        associations: [
          {
            name: 'featureimage',
            type: 'picture',
            uri: 'urn:pws:picture:ferry-notice',
            by: 'Lena Oduya',
            copyrightholder: 'Harbor Photo Pool',
            copyrightnotice: '© 2031 Harbor Photo Pool',
            descriptions: [{ role: 'caption', value: 'The ferry at dawn.' }],
            renditions: [{ name: 'highres', href: 'ferry.jpg', contenttype: 'image/jpeg', width: 800, height: 533 }],
          },
        ],
      };
      const report = await ingest(site, bytes(JSON.stringify(doc)), NOW, { sectionSlug: 'news', pictures: { fetch: async () => jpeg } }, 'ferry.json');
      const page = (await text(site, report.items[0]!.path!)).body;
      expect(figcaption(page)).toBe('The ferry at dawn. Credit: Harbor Photo Pool (Lena Oduya) © 2031');
      expect(smallPrint(page)).toBe('(c) 2031 Pacific Wire Service');
    });
  });
}
