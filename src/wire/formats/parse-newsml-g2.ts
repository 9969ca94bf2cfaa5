import type { WireItem, WireItemType, WirePicture, WirePubStatus, WireSignal, WireSubject } from '../../domain/wire-item.js';
import { FOREIGN_ROOTS, G2_SKIPPED_ROOTS } from './detect-format.js';
import { bodyFromContentSet, renditionsFromContentSet } from './g2-content.js';
import { g2NamedEntities } from './named-entities.js';
import { failed, type ParseOutcome, skipped } from './parse-outcome.js';
import { parseWireDate } from './wire-date.js';
import { child, childElements, parseXml, textOf, type XmlElement } from './xml-tree.js';

/**
 * NewsML-G2 text → one outcome per item: a newsItem or packageItem gives one,
 * a newsMessage one per item in its itemSet. QCodes are read by their local
 * part (`stat:withheld`, or the full URI …/pubstatusg2/withheld) on the
 * assumption that the provider uses IPTC's own aliases (every official sample does).
 */
export function parseNewsmlG2(text: string): ParseOutcome[] {
  const parsed = parseXml(text);
  if (!parsed.ok) return [failed(parsed.reason, null)];
  const { root } = parsed;
  if (root.name === 'newsMessage') {
    const itemSet = child(root, 'itemSet');
    if (!itemSet) return [failed('the newsMessage has no itemSet, so it carries no items', '/newsMessage')];
    const items = childElements(itemSet);
    if (items.length === 0) return [failed('the newsMessage itemSet is empty', '/newsMessage/itemSet')];
    const counts = new Map<string, number>();
    return items.map((el) => {
      const n = (counts.get(el.name) ?? 0) + 1;
      counts.set(el.name, n);
      return parseItem(el, `/newsMessage/itemSet/${el.name}[${n}]`);
    });
  }
  return [parseItem(root, `/${root.name}`)];
}

function parseItem(el: XmlElement, path: string): ParseOutcome {
  const guid = el.attrs.guid?.trim() || undefined;
  const skipReason = G2_SKIPPED_ROOTS[el.name];
  if (skipReason) return skipped(skipReason, guid);
  const foreign = FOREIGN_ROOTS[el.name];
  if (foreign && path === `/${el.name}`) return failed(foreign, path);
  if (el.name !== 'newsItem' && el.name !== 'packageItem') {
    return failed(`<${el.name}> is not a NewsML-G2 item: expected newsItem, packageItem or newsMessage (or a concept, knowledge, planning or catalog item, which are skipped)`, path);
  }
  if (!guid) return failed(`the ${el.name} has no guid attribute, which NewsML-G2 requires`, `${path}/@guid`);
  const version = (el.attrs.version ?? '1').trim();
  if (!/^[1-9]\d*$/.test(version)) return failed(`version "${version}" is not a positive whole number`, `${path}/@version`, guid);
  const itemMeta = child(el, 'itemMeta');
  if (!itemMeta) return failed(`the ${el.name} has no itemMeta, which NewsML-G2 requires`, `${path}/itemMeta`, guid);

  const itemClass = child(itemMeta, 'itemClass')?.attrs.qcode ?? child(itemMeta, 'itemClass')?.attrs.uri ?? null;
  // A package is a package whatever class it claims (TT's says ninat:text).
  const type = el.name === 'packageItem' ? 'composite' : itemType(itemClass, el.name);
  if (type === 'event' || type === 'planning' || type === 'concept') return skipped(`itemClass ${itemClass} is not news content`, guid);

  const notes: string[] = [];
  const dates: Record<string, Date | null> = {};
  for (const field of ['versionCreated', 'firstCreated', 'embargoed', 'expires']) {
    const raw = textOf(child(itemMeta, field));
    dates[field] = null;
    if (raw === null) continue;
    const date = parseWireDate(raw, field);
    if (!date.ok) return failed(date.reason, `${path}/itemMeta/${field}`, guid);
    dates[field] = date.date;
    if (date.note) notes.push(date.note);
  }

  const contentMeta = child(el, 'contentMeta');
  const rightsInfo = child(el, 'rightsInfo');
  const contentSet = child(el, 'contentSet');
  const descriptions = contentMeta ? childElements(contentMeta, 'description') : [];
  const creators = contentMeta ? childElements(contentMeta, 'creator').map((c) => textOf(child(c, 'name')) ?? c.attrs.literal ?? null) : [];
  const byline = textOf(child(contentMeta, 'by')) ?? (creators.filter(Boolean).join(', ') || null);
  const credit = textOf(child(contentMeta, 'creditline')) ?? textOf(child(child(rightsInfo, 'copyrightHolder'), 'name'));
  const copyright = textOf(child(rightsInfo, 'copyrightNotice'));
  const holder = textOf(child(child(rightsInfo, 'copyrightHolder'), 'name')) ?? child(rightsInfo, 'copyrightHolder')?.attrs.literal ?? null;
  const providerEl = child(itemMeta, 'provider');
  const provider = textOf(child(providerEl, 'name')) ?? providerEl?.attrs.literal ?? qcodeName(providerEl?.attrs.qcode);

  const links: WireItem['links'] = childElements(itemMeta, 'link').flatMap((l) => {
    const uri = l.attrs.residref ?? l.attrs.href;
    return uri ? [{ rel: l.attrs.rel ?? null, uri }] : [];
  });
  if (el.name === 'packageItem') links.push(...packageRefs(el));

  const pictures: WirePicture[] = [];
  if (type === 'picture' || type === 'graphic') {
    pictures.push({
      uri: guid,
      caption: byDescriptionRole(descriptions, ['caption', null, 'summary']),
      credit,
      byline,
      copyright,
      altText: byDescriptionRole(descriptions, ['alternativetext', 'alttext', 'alt']),
      renditions: renditionsFromContentSet(contentSet),
    });
  }

  const item: WireItem = {
    format: `NewsML-G2${el.attrs.standardversion ? ` ${el.attrs.standardversion}` : ''}`,
    uri: guid,
    version,
    firstCreated: dates.firstCreated ?? null,
    versionCreated: dates.versionCreated ?? null,
    pubStatus: pubStatusOf(child(itemMeta, 'pubStatus'), notes),
    type,
    headline: headlineOf(contentMeta) ?? textOf(child(itemMeta, 'title')),
    summary: byDescriptionRole(descriptions, type === 'picture' || type === 'graphic' ? ['summary'] : ['summary', null]),
    bodyHtml: type === 'text' || type === 'composite' ? bodyFromContentSet(contentSet) : null,
    byline,
    copyrightHolder: holder,
    copyrightNotice: copyright,
    provider,
    dateline: textOf(child(contentMeta, 'dateline')) ?? textOf(child(child(contentMeta, 'located'), 'name')),
    language: child(contentMeta, 'language')?.attrs.tag ?? el.attrs.lang ?? null,
    subjects: subjectsOf(contentMeta),
    namedEntities: g2NamedEntities(el, contentMeta),
    slugline: textOf(child(contentMeta, 'slugline')),
    urgency: urgencyOf(textOf(child(contentMeta, 'urgency')), notes),
    embargoedUntil: dates.embargoed ?? null,
    expires: dates.expires ?? null,
    signals: signalsOf(itemMeta),
    edNote: childElements(itemMeta, 'edNote').map(textOf).filter(Boolean).join('\n') || null,
    pictures,
    links,
    notes,
  };
  return { ok: true, item };
}

const CLASS_TYPES: Record<string, WireItemType> = { text: 'text', picture: 'picture', graphic: 'graphic', video: 'video', audio: 'audio', composite: 'composite', event: 'event', planning: 'planning', newscoverage: 'planning', concept: 'concept', scheme: 'concept' };

function itemType(itemClass: string | null, element: string): WireItemType {
  if (itemClass === null) return element === 'packageItem' ? 'composite' : 'other';
  return CLASS_TYPES[localCode(itemClass)] ?? 'other';
}

/** `nprov:REUTERS` → `REUTERS`: a provider named only by its code still names the agency. */
function qcodeName(qcode: string | undefined): string | null {
  const code = qcode?.split(':').pop()?.trim();
  return code ? code : null;
}

/** `stat:usable`, `http://cv.iptc.org/newscodes/pubstatusg2/usable` → `usable`. */
function localCode(code: string): string {
  return (code.split(/[:/]/).pop() ?? '').toLowerCase();
}

function pubStatusOf(el: XmlElement | null, notes: string[]): WirePubStatus {
  const code = el?.attrs.qcode ?? el?.attrs.uri;
  if (!code) return 'usable';
  const local = localCode(code);
  if (local === 'usable' || local === 'withheld' || local === 'canceled') return local;
  // Vendors add their own (stat:withdrawn): anything we do not know must not go out.
  notes.push(`pubStatus ${code} is not one of stat:usable, stat:withheld, stat:canceled; treated as withheld`);
  return 'withheld';
}

function signalsOf(itemMeta: XmlElement): WireSignal[] {
  const signals = new Set<WireSignal>();
  for (const s of childElements(itemMeta, 'signal')) {
    const local = localCode(s.attrs.qcode ?? s.attrs.uri ?? '');
    if (local === 'update' || local === 'correction') signals.add(local);
  }
  return [...signals];
}

function headlineOf(contentMeta: XmlElement | null): string | null {
  if (!contentMeta) return null;
  const headlines = childElements(contentMeta, 'headline');
  const main = headlines.find((h) => !h.attrs.role || localCode(h.attrs.role) === 'main') ?? headlines[0];
  return textOf(main);
}

function byDescriptionRole(descriptions: XmlElement[], roles: Array<string | null>): string | null {
  for (const role of roles) {
    const found = descriptions.find((d) => (d.attrs.role ? localCode(d.attrs.role) : null) === role && textOf(d));
    if (found) return textOf(found);
  }
  return null;
}

function subjectsOf(contentMeta: XmlElement | null): WireSubject[] {
  if (!contentMeta) return [];
  return childElements(contentMeta, 'subject').flatMap((s) => {
    const name = textOf(child(s, 'name'));
    const code = s.attrs.qcode ?? s.attrs.uri ?? null;
    return name || code ? [{ name, code }] : [];
  });
}

function urgencyOf(raw: string | null, notes: string[]): number | null {
  if (raw === null) return null;
  if (/^[1-9]$/.test(raw)) return Number(raw);
  notes.push(`urgency "${raw}" is not a whole number from 1 to 9; ignored`);
  return null;
}

/** A package's references, so ingest can attach the pictures to the text: rel is the referenced item's class when given. */
function packageRefs(pkg: XmlElement): WireItem['links'] {
  const groupSet = child(pkg, 'groupSet');
  if (!groupSet) return [];
  const refs: WireItem['links'] = [];
  const walk = (el: XmlElement, role: string | null): void => {
    for (const c of childElements(el)) {
      if (c.name === 'group') walk(c, c.attrs.role ?? role);
      else if (c.name === 'itemRef') {
        const uri = c.attrs.residref ?? c.attrs.href;
        if (uri) refs.push({ rel: child(c, 'itemClass')?.attrs.qcode ?? role, uri });
      }
    }
  };
  walk(groupSet, null);
  return refs;
}
