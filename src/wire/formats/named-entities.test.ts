import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { kindOfConceptType } from './named-entities.js';
import { parseWireFile } from './parse-wire-file.js';

const IPTC = fileURLToPath(new URL('../../../test/fixtures/iptc', import.meta.url));

function items(file: string) {
  return parseWireFile(readFileSync(join(IPTC, file)), { name: file }).flatMap((o) => (o.ok === true ? [o.item] : []));
}

describe('people, organisations and places the agency names', () => {
  it('reads NewsML-G2 subjects typed person, organisation and geoArea, named by the item’s assert (AP)', () => {
    const [item] = items('newsml-g2/examples/ap_metadata_example.xml');
    const named = item?.namedEntities ?? [];
    expect(named.map((e) => e.kind).sort()).toEqual(['organization', 'person', 'place']);
    expect(named.find((e) => e.kind === 'place')?.name).toBe('Kentucky');
  });

  it('reads ninjs 2 places', () => {
    const [item] = items('ninjs/examples/2.1/ntb_text.json');
    expect(item?.namedEntities).toContainEqual({ name: 'Telemark', kind: 'place', code: 'Telemark' });
  });

  it('maps IPTC concept types and ignores the rest', () => {
    expect(kindOfConceptType('cpnat:person')).toBe('person');
    expect(kindOfConceptType('http://cv.iptc.org/newscodes/cpnature/geoArea')).toBe('place');
    expect(kindOfConceptType('cpnat:organisation')).toBe('organization');
    expect(kindOfConceptType('cpnat:event')).toBeNull();
    expect(kindOfConceptType(undefined)).toBeNull();
  });
});
