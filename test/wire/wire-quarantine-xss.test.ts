import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryQuarantined } from '../../src/wire/ingest/index.js';
import { DIALECTS, startTestSite, type TestSite } from '../support/test-site.js';
import { ingest, PWS_RULES, pwsStory, text } from './wire-helpers.js';

const NOW = new Date('2031-03-05T12:00:00Z');
const FIXTURES = path.resolve('test/fixtures/wire');
const XSS = `<script>alert(1)</script><img src=x onerror=alert(2)>"'><svg onload=alert(3)>`;

for (const dialect of DIALECTS) {
  describe(`wire quarantine and sanitizing (${dialect})`, () => {
    let site: TestSite;

    beforeAll(async () => {
      site = await startTestSite(dialect, { now: NOW, env: { PAGE_CACHE_SECONDS: '0' } });
    }, 60_000);
    afterAll(async () => site?.close());

    it('neutralises script, event handlers, javascript: URLs, styles and iframes in every field', async () => {
      const body = `<p style="position:fixed" class="x" onclick="alert(4)">Council meets <a href="javascript:alert(5)">here</a> and <a href="https://pws.example/x" target="_blank">there</a>.</p>${XSS}<iframe src="https://evil.example/"></iframe><style>body{display:none}</style><p>Second paragraph.</p>`;
      const report = await ingest(
        site,
        pwsStory({
          uri: 'urn:pws:xss:1',
          headline: `Zanzibrook vote ${XSS}`,
          body,
          located: `ZANZIBROOK ${XSS}`,
          subjects: [`Harbor ${XSS}`],
          extra: { descriptions: [{ role: 'summary', value: `Summary ${XSS}` }], by: `Reporter ${XSS}` },
        }),
        NOW,
      );
      expect(report.counts.new).toBe(1);
      const page = await text(site, report.items[0]!.path!);
      expect(page.status).toBe(200);
      const html = page.body;
      expect(html).toContain('Zanzibrook vote');
      // Payloads survive only as text (escaped `&lt;`), never as elements or attributes.
      // (The site's own icons are inline SVG; the payload's svg is the one with an onload.)
      expect(html).not.toMatch(/<script>alert|<img src=x|<svg onload|<iframe|<style>body/i);
      expect(html).not.toMatch(/<[a-z][^<>]*\son[a-z]+\s*=/i);
      expect(html).not.toMatch(/<[a-z][^<>]*\s(?:href|src)\s*=\s*"?\s*javascript:/i);
      expect(html).not.toMatch(/<[a-z][^<>]*\sstyle\s*=/i);
      // Every script element left on the page is JSON-LD or the site's own view counter (an external
      // first-party file, no inline code), and nothing closes the JSON-LD early.
      for (const match of html.matchAll(/<script\b[^>]*>/g)) {
        if (/\ssrc="\/count\.js"/.test(match[0])) expect(match[0]).toMatch(/^<script src="\/count\.js" data-q="a=\d+&amp;s=\d+" async>$/);
        else expect(match[0]).toContain('application/ld+json');
      }
      expect(html).toContain('<a href="https://pws.example/x" rel="noopener nofollow">there</a>');
      const stored = await site.store.articles.byId(report.items[0]!.articleId!);
      expect(stored?.bodyHtml).not.toMatch(/<(?:script|iframe|style|svg|img)\b/i);
      expect(stored?.bodyHtml).not.toMatch(/<[a-z][^<>]*\s(?:on[a-z]+|style|class)\s*=/i);
    });

    it('quarantines malformed, truncated and wrongly encoded files with the reason and the raw bytes', async () => {
      const cases: Array<[string, RegExp]> = [
        ['truncated.json', /ends too early/],
        ['invalid-utf8.json', /not valid UTF-8/],
        ['truncated.xml', /not well-formed/],
      ];
      for (const [file, reason] of cases) {
        const bytes = await readFile(path.join(FIXTURES, file));
        const report = await ingest(site, bytes, NOW, {}, file);
        expect(report.counts.quarantined, file).toBe(1);
        const item = report.items[0]!;
        expect(item.reason).toMatch(reason);
        const stored = await site.store.wire.quarantined(item.quarantineId!);
        expect(Buffer.from(stored!.raw).equals(bytes), `${file} bytes kept exactly`).toBe(true);
        expect(stored?.reason).toMatch(reason);
        expect(stored?.file_name).toBe(file);
      }
      const schema = new TextEncoder().encode(JSON.stringify({ uri: 'urn:pws:bad', type: 'text', version: '1', pubstatus: 'cancelled', headlines: [{ value: 'x' }] }));
      const bad = await ingest(site, schema, NOW, {}, 'schema.json');
      expect(bad.items[0]).toMatchObject({ outcome: 'quarantined' });
      expect(bad.items[0]?.pointer).toBeTruthy();
      const listed = await site.store.wire.quarantineList(50);
      expect(listed.map((r) => r.file_name)).toEqual(expect.arrayContaining(['truncated.json', 'invalid-utf8.json', 'truncated.xml', 'schema.json']));
      // Ingesting the same bad file again does not list it twice.
      await ingest(site, await readFile(path.join(FIXTURES, 'truncated.json')), NOW, {}, 'truncated.json');
      expect((await site.store.wire.quarantineList(50)).filter((r) => r.file_name === 'truncated.json')).toHaveLength(1);
    });

    it('quarantines a story the rules cannot place, and `wire retry` publishes it once the rule is fixed', async () => {
      const rules = { ...PWS_RULES, subjectSections: { weather: 'weather-desk' } };
      const report = await ingest(site, pwsStory({ uri: 'urn:pws:rule:1', headline: 'Storm closes the pass', subjects: ['weather'] }), NOW, { rules }, 'storm.json');
      expect(report.items[0]).toMatchObject({ outcome: 'quarantined' });
      expect(report.items[0]?.reason).toMatch(/section "weather-desk", which does not exist/);
      const id = report.items[0]!.quarantineId!;

      const still = await retryQuarantined(site.store, id, { rules, now: () => NOW });
      expect(still.resolved).toBe(false);
      expect((await site.store.wire.quarantineList(100)).filter((r) => r.id === id)).toHaveLength(1);

      const fixed = await retryQuarantined(site.store, id, { rules: { ...rules, subjectSections: { weather: 'local' } }, now: () => NOW });
      expect(fixed.resolved).toBe(true);
      expect(fixed.counts.new).toBe(1);
      expect((await text(site, fixed.items[0]!.path!)).status).toBe(200);
      expect(fixed.items[0]?.path).toBe('/news/local/storm-closes-the-pass');
      expect((await site.store.wire.quarantineList(100)).some((r) => r.id === id)).toBe(false);
    });

    it('quarantines a text item without a headline', async () => {
      const report = await ingest(site, pwsStory({ uri: 'urn:pws:nohead', headline: '   ' }), NOW);
      expect(report.items[0]).toMatchObject({ outcome: 'quarantined' });
      expect(report.items[0]?.reason).toMatch(/headline/);
    });
  });
}
