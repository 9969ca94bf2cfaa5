// Issue 10 item 1: a wire story is credited to what the item says (ninjs `by`, NewsML-G2 creator/by, the
// copyright holder, the provider), as an author made once and reused; the rules' agency only for items naming nobody.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';
import { ingest, PWS_RULES, pwsStory, text } from './wire-helpers.js';

const NOW = new Date('2031-03-05T12:00:00Z');
const fixture = (name: string) => readFile(new URL(`../fixtures/iptc/${name}`, import.meta.url));

/** The byline as readers read it, "By Christian Hollmann": the names the page links as its authors. */
function bylineOf(html: string): string {
  const names = [...html.matchAll(/<a rel="author"[^>]*>([^<]+)<\/a>/g)].map((m) => m[1]);
  return `By ${names.join(' and ')}`;
}

for (const dialect of DIALECTS) {
  describe(`agency bylines (${dialect})`, () => {
    let site: TestSite;

    beforeAll(async () => {
      site = await startTestSite(dialect, { now: NOW, env: { PAGE_CACHE_SECONDS: '0' } });
    }, 60_000);
    afterAll(async () => {
      await site?.close();
    });

    async function authorsNamed(name: string) {
      return site.store.db.kysely.selectFrom('authors').select(['id', 'slug', 'name', 'kind']).where('name', '=', name).execute();
    }

    it('credits the dpa writer of a real ninjs 3.0 item ("Von Christian Hollmann, dpa") as a person', async () => {
      const report = await ingest(site, await fixture('ninjs/examples/3.0/dpa_text.json'), NOW, { sectionSlug: 'news' }, 'dpa_text.json');
      expect(report.counts.new, JSON.stringify(report.items)).toBe(1);
      const page = await text(site, report.items[0]!.path!);
      expect(bylineOf(page.body)).toBe('By Christian Hollmann');
      expect(await authorsNamed('Christian Hollmann')).toMatchObject([{ kind: 'person', slug: 'christian-hollmann' }]);
      expect(page.body).not.toMatch(/>Wire<\/a>|>Pacific Wire Service<\/a>/);
    });

    it('credits an agency that signs with its name (NTB) as an organization, made once and reused', async () => {
      const bytes = await fixture('ninjs/examples/3.0/ntb_text.json');
      const first = await ingest(site, bytes, NOW, { sectionSlug: 'news' }, 'ntb_text.json');
      expect(first.counts.new, JSON.stringify(first.items)).toBe(1);
      expect(bylineOf((await text(site, first.items[0]!.path!)).body)).toBe('By NTB');
      const doc = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
      const second = await ingest(site, new TextEncoder().encode(JSON.stringify({ ...doc, uri: `${doc.uri}-2`, headlines: [{ role: 'main', value: 'Et nytt NTB-oppslag' }] })), NOW, { sectionSlug: 'news' });
      expect(bylineOf((await text(site, second.items[0]!.path!)).body)).toBe('By NTB');
      expect(await authorsNamed('NTB')).toMatchObject([{ kind: 'organization' }]);
    });

    it('credits the creator of a real NewsML-G2 text item', async () => {
      const report = await ingest(site, await fixture('newsml-g2/examples/LISTING_2_NewsML-G2_Text_Document.xml'), NOW, { sectionSlug: 'news' }, 'LISTING_2.xml');
      expect(report.counts.new, JSON.stringify(report.items)).toBe(1);
      expect(bylineOf((await text(site, report.items[0]!.path!)).body)).toBe('By Meredith Jameson');
    });

    it('turns "By ASSOCIATED PRESS" into the organization Associated Press, shown with the picture the newsroom gave it', async () => {
      const first = await ingest(site, pwsStory({ uri: 'urn:ap:t:1', headline: 'Volcano ash closes two airports', extra: { by: 'By ASSOCIATED PRESS' } }), NOW);
      const page = await text(site, first.items[0]!.path!);
      expect(bylineOf(page.body)).toBe('By Associated Press');
      const [author] = await authorsNamed('Associated Press');
      expect(author).toMatchObject({ kind: 'organization', slug: 'associated-press' });
      // The newsroom gives the agency its logo; the next story shows it beside the byline.
      const picture = await site.store.db.kysely.selectFrom('media').select('id').where('renditions', '!=', '[]').limit(1).executeTakeFirstOrThrow();
      await site.store.db.kysely.updateTable('authors').set({ picture_id: picture.id }).where('id', '=', author!.id).execute();
      const second = await ingest(site, pwsStory({ uri: 'urn:ap:t:2', headline: 'Ash cloud drifts east overnight', extra: { by: 'BY ASSOCIATED PRESS' } }), NOW);
      const withPicture = await text(site, second.items[0]!.path!);
      expect(withPicture.body).toContain('alt="Associated Press’s profile picture"');
      expect(await authorsNamed('Associated Press')).toHaveLength(1);
    });

    it('falls back to the copyright holder, and to the rules’ agency only when the item names nobody', async () => {
      const holder = await ingest(site, pwsStory({ uri: 'urn:pws:t:holder', headline: 'Ferry fares hold for summer', extra: { by: undefined, copyrightholder: 'Pacific Wire Service', copyrightnotice: '(c) 2031 Pacific Wire Service' } }), NOW);
      expect(bylineOf((await text(site, holder.items[0]!.path!)).body)).toBe('By Pacific Wire Service');
      const nobody = await ingest(site, pwsStory({ uri: 'urn:pws:t:nobody', headline: 'Harbor lights tested at dusk', extra: { by: undefined } }), NOW, {
        rules: { ...PWS_RULES, agency: 'Coastline Agency' },
      });
      expect(bylineOf((await text(site, nobody.items[0]!.path!)).body)).toBe('By Coastline Agency');
      expect(await authorsNamed('Wire')).toHaveLength(0);
    });
  });
}
