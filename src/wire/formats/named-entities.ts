import type { WireNamedEntity } from '../../domain/wire-item.js';
import type { NinjsView } from './ninjs-view.js';
import { child, childElements, textOf, type XmlElement } from './xml-tree.js';

/** An IPTC concept type (`cpnat:person`, `http://cv.iptc.org/newscodes/cpnature/geoArea`, "place") as an entity kind. */
export function kindOfConceptType(type: string | null | undefined): WireNamedEntity['kind'] | null {
  const last = (type ?? '').toLowerCase().split(/[/:#]/).pop() ?? '';
  if (last === 'person' || last === 'people') return 'person';
  if (last === 'organisation' || last === 'organization' || last === 'organisations' || last === 'organizations') return 'organization';
  if (last === 'geoarea' || last === 'poi' || last === 'place' || last === 'places') return 'place';
  return null;
}

const plain = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The people, organisations and places a ninjs item names: 1.x `person`,
 * `organisation`, `place`; 2.x/3.x `people`, `organisations`, `places`; and
 * subjects whose `type` is one of those concept types.
 */
export function ninjsNamedEntities(view: NinjsView): WireNamedEntity[] {
  const lists: Array<[string, WireNamedEntity['kind']]> =
    view.major === 1
      ? [['person', 'person'], ['organisation', 'organization'], ['place', 'place']]
      : [['people', 'person'], ['organisations', 'organization'], ['places', 'place']];
  const found: WireNamedEntity[] = [];
  for (const [field, kind] of lists) {
    const raw = view.major === 1 ? view.doc[field] : view.get(field);
    if (!Array.isArray(raw)) continue;
    for (const entry of raw.filter(plain)) {
      const name = typeof entry.name === 'string' ? entry.name.trim() : '';
      if (name) found.push({ name, kind, code: typeof entry.uri === 'string' ? entry.uri : typeof entry.literal === 'string' ? entry.literal : null });
    }
  }
  const subjects = view.major === 1 ? view.doc.subject : view.get('subjects');
  if (Array.isArray(subjects)) {
    for (const s of subjects.filter(plain)) {
      const kind = kindOfConceptType(typeof s.type === 'string' ? s.type : null);
      const name = typeof s.name === 'string' ? s.name.trim() : '';
      if (kind && name) found.push({ name, kind, code: typeof s.uri === 'string' ? s.uri : null });
    }
  }
  return found;
}

/**
 * The people, organisations and places a NewsML-G2 item names: its
 * subjects typed `cpnat:person`, `cpnat:organisation`, `cpnat:geoArea` or
 * `cpnat:poi`, named by their own `<name>` or by the item's `<assert>` for
 * their qcode (as AP sends them).
 */
export function g2NamedEntities(item: XmlElement, contentMeta: XmlElement | null): WireNamedEntity[] {
  if (!contentMeta) return [];
  const asserted = new Map<string, string>();
  for (const assert of childElements(item, 'assert')) {
    const name = textOf(child(assert, 'name'));
    if (assert.attrs.qcode && name) asserted.set(assert.attrs.qcode, name);
  }
  return childElements(contentMeta, 'subject').flatMap((s) => {
    const kind = kindOfConceptType(s.attrs.type);
    const code = s.attrs.qcode ?? s.attrs.uri ?? null;
    const name = textOf(child(s, 'name')) ?? (code ? asserted.get(code) : undefined) ?? null;
    return kind && name ? [{ name: name.trim(), kind, code }] : [];
  });
}
