import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseWireFile } from './index.js';
import type { ParseOutcome } from './parse-outcome.js';

// Every official IPTC sample we carry (test/fixtures/iptc, copied from IPTC's repositories).
const root = fileURLToPath(new URL('../../../test/fixtures/iptc/', import.meta.url));
const FOLDERS = ['ninjs/examples', 'ninjs/documentation/includes/examples', 'ninjs/validation', 'newsml-g2/examples', 'newsml-g2/tests', 'newsml-g2/from-iptc-newsinjson'];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const files = FOLDERS.flatMap((f) => walk(join(root, f)))
  .filter((f) => /\.(json|xml)$/.test(f) && !f.endsWith('GeoJSON-schema.json'))
  .map((f) => relative(root, f))
  .sort();

/** should_fail files our validation accepts, and why. */
const ACCEPTED_ALTHOUGH_SHOULD_FAIL: Record<string, string> = {
  'ninjs/validation/test_suite/1.0/should_fail/014_type_component.json': 'type "component" arrived in 1.2; an undeclared 1.x item is validated against 1.6, the latest 1.x, which allows it',
  'ninjs/validation/test_suite/1.0/should_fail/016_infosource.json': 'infosource arrived in 1.2; validated against 1.6 (see above)',
  'ninjs/validation/test_suite/1.1/should_fail/001_type_component.json': 'as 1.0/014',
  'ninjs/validation/test_suite/1.1/should_fail/002_infosource.json': 'as 1.0/016',
  'newsml-g2/tests/unit_test_files/2.28/should_fail/2.29_affiliation_org_org.xml': 'an XSD-only rule: NewsML-G2 is read, not validated against the XSD',
  'newsml-g2/tests/unit_test_files/2.29/should_fail/002_newsitem_with_no_catalog.xml': 'an XSD-only rule (catalog required before 2.30)',
  'newsml-g2/tests/unit_test_files/2.34/should_fail/CR00218_too_many_nested_related.xml': 'an XSD-only rule (nesting depth of related)',
};

/** should_pass files we quarantine, and why. */
const REFUSED_ALTHOUGH_SHOULD_PASS: Record<string, RegExp> = {
  // The schemas do not check `format`; we do, because a story needs real times.
  'ninjs/validation/test_suite/1.0/should_pass/016_versioncreated_bad_datetime.json': /versioncreated "Last Tuesday" is not a date-time/,
  'ninjs/validation/test_suite/1.0/should_pass/019_embargoed_bad_datetime.json': /embargoed "Next Monday" is not a date-time/,
  'ninjs/validation/test_suite/1.2/should_pass/005_firstcreated_bad_datetime.json': /firstcreated ".*" is not a date-time/,
  // `advices` exists only in IPTC's development schemas, never in a released version.
  'ninjs/validation/test_suite/1.x_dev/should_pass/001_advice_simple.json': /property "advices" is not allowed/,
  'ninjs/validation/test_suite/1.x_dev/should_pass/002_advice_complex.json': /property "advices" is not allowed/,
  'ninjs/validation/test_suite/1.x_dev/should_pass/003_advice_anyvalue.json': /property "advices" is not allowed/,
  'ninjs/validation/test_suite/2.x_dev/should_pass/001_advice_simple.json': /property "advices" is not allowed/,
  'ninjs/validation/test_suite/2.x_dev/should_pass/002_advice_complex.json': /property "advices" is not allowed/,
  'ninjs/validation/test_suite/2.x_dev/should_pass/003_advice_anyvalue.json': /property "advices" is not allowed/,
};

const results = new Map<string, ParseOutcome[]>();
function outcomes(file: string): ParseOutcome[] {
  let found = results.get(file);
  if (!found) {
    found = parseWireFile(readFileSync(join(root, file)), { name: file });
    results.set(file, found);
  }
  return found;
}

describe('official IPTC files through parseWireFile', () => {
  it('finds the copied fixtures', () => {
    expect(files.length).toBeGreaterThan(300);
  });

  it.each(files)('%s gives items or precise reasons', (file) => {
    const list = outcomes(file);
    expect(list.length).toBeGreaterThan(0);
    for (const o of list) {
      if (o.ok === true) {
        expect(o.item.uri).toBeTruthy();
        expect(o.item.format).toMatch(/^(ninjs \d\.(\d|x)|NewsML-G2( \d\.\d+)?)$/);
        expect(['usable', 'withheld', 'canceled']).toContain(o.item.pubStatus);
        for (const d of [o.item.versionCreated, o.item.firstCreated, o.item.embargoedUntil]) if (d) expect(Number.isNaN(d.getTime())).toBe(false);
      } else {
        expect(o.reason.length).toBeGreaterThan(15);
      }
    }
    if (file.includes('/should_fail/')) {
      const allOk = list.every((o) => o.ok === true);
      expect(allOk, `should_fail accepted: ${file}`).toBe(file in ACCEPTED_ALTHOUGH_SHOULD_FAIL);
    }
    if (file.includes('/should_pass/')) {
      const refused = list.filter((o) => o.ok === false);
      const expected = REFUSED_ALTHOUGH_SHOULD_PASS[file];
      if (expected) expect(refused.map((o) => o.reason).join(' ')).toMatch(expected);
      else expect(refused, `should_pass refused: ${file}`).toEqual([]);
    }
  });

  it('reads the mapped fields of the agency samples', () => {
    const ap = outcomes('ninjs/examples/2.1/ap_image.json')[0]!;
    expect(ap.ok).toBe(true);
    if (ap.ok !== true) return;
    expect(ap.item.type).toBe('picture');
    expect(ap.item.version).toBe('0');
    expect(ap.item.pictures[0]!.credit).toBe('ASSOCIATED PRESS');
    expect(ap.item.pictures[0]!.caption).toMatch(/^FILE - In this Monday/);
    expect(ap.item.pictures[0]!.renditions.length).toBeGreaterThan(0);

    const photo = outcomes('newsml-g2/examples/LISTING_3_Photo_in_NewsML-G2.xml')[0]!;
    expect(photo.ok === true && photo.item.pictures[0]).toMatchObject({ credit: 'Getty Images', byline: 'Spencer Platt' });
    if (photo.ok === true) expect(photo.item.pictures[0]!.renditions.map((r) => [r.name, r.width, r.height])).toEqual([['rnd:highRes', 1500, 1001], ['rnd:web', 480, 320], ['rnd:thumb', 80, 53]]);

    const g2 = outcomes('newsml-g2/examples/LISTING_1_A_NewsML-G2_News_Item.xml')[0]!;
    expect(g2.ok === true && g2.item).toMatchObject({ version: '11', signals: ['update'], dateline: 'Berlin', headline: 'Fed to halt QE to avert "bubble"', links: [{ rel: 'irel:seeAlso', uri: 'http://www.example.com/video/20081222-PNN-1517-407624/index.html' }] });
    if (g2.ok === true) expect(g2.item.embargoedUntil?.toISOString()).toBe('2018-10-23T12:00:00.000Z');

    const nitf = outcomes('newsml-g2/examples/LISTING_2_NewsML-G2_Text_Document.xml')[0]!;
    expect(nitf.ok === true && nitf.item.bodyHtml).toMatch(/^<p>\(New York, NY - October 21\) Et, sent luptat/);

    const tt = outcomes('newsml-g2/from-iptc-newsinjson/tools/xslt/TT_newsmlg2_sample.xml');
    expect(tt.map((o) => o.ok === true && o.item.type)).toEqual(['composite', 'text', 'picture']);
    const pkg = tt[0]!;
    expect(pkg.ok === true && pkg.item.links.map((l) => l.uri)).toEqual(['http://tt.se/media/text/210919-janguillou-879f202b', 'http://tt.se/media/image/sdlm1btzmKu8WU']);
    expect(tt[1]!.ok === true && tt[1]!.item.bodyHtml).toContain('<blockquote>Hamilton har just');
  });

  it('skips concept, knowledge, planning and catalog items and ninjs events with a reason', () => {
    for (const file of ['newsml-g2/examples/LISTING_13_Complete_Catalog_Item.xml', 'newsml-g2/examples/LISTING_17_Planning_Item_a_CCL.xml', 'ninjs/examples/3.0/simpleEvent.json']) {
      const [o] = outcomes(file);
      expect(o?.ok, file).toBe('skipped');
    }
  });

  it('tallies the results (printed for the record)', () => {
    const tally = { ok: 0, quarantined: 0, skipped: 0 };
    for (const file of files) for (const o of outcomes(file)) tally[o.ok === true ? 'ok' : o.ok === false ? 'quarantined' : 'skipped'] += 1;
    console.log(`official IPTC files: ${files.length} files → ${tally.ok} ok, ${tally.quarantined} quarantined, ${tally.skipped} skipped`);
    expect(tally.ok).toBeGreaterThan(250);
  });
});
