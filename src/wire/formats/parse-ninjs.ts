import type { WireItem, WireItemType, WirePicture, WireSignal, WireSubject } from '../../domain/wire-item.js';
import { innerBody, preferredBody, textToParagraphs } from './body-html.js';
import { detectNinjsVersion, isPlainObject, type NinjsVersion } from './detect-format.js';
import { nitfStringToHtml } from './markup-html.js';
import { ninjsNamedEntities } from './named-entities.js';
import { validateNinjs } from './ninjs-schemas.js';
import { byRole, NinjsView, pictureOf, textsOf } from './ninjs-view.js';
import { failed, type ParseOutcome, skipped } from './parse-outcome.js';
import { parseWireDate } from './wire-date.js';

/**
 * Provider extensions we read although no IPTC schema has them (the schemas
 * are closed): AP's `signals` and `editorialtypes`, AFP's `signals[{uri}]`,
 * Superdesk's `signal`. They are taken out before validation so the stock
 * schema still checks everything else; any other unknown property fails
 * validation and the item goes to quarantine with its JSON pointer.
 */
const EXTENSIONS = ['signals', 'editorialtypes', 'signal'] as const;

const TYPES: Record<string, WireItemType> = {
  text: 'text',
  picture: 'picture',
  graphic: 'graphic',
  video: 'video',
  audio: 'audio',
  composite: 'composite',
  component: 'other',
};

/** One ninjs object (a file's top level, or one element of a top-level array at `base`). */
export function parseNinjs(value: unknown, base = ''): ParseOutcome {
  if (!isPlainObject(value)) return failed(`a ninjs item must be a JSON object, not ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`, base || '/');
  const uri = typeof value.uri === 'string' ? value.uri : undefined;
  if (typeof value.$schema === 'string' && value.$schema.includes('json-schema.org')) {
    return failed('the file is a JSON Schema, not a ninjs item', `${base}/$schema`);
  }
  const version = detectNinjsVersion(value);
  const { stock, extensions } = splitExtensions(value);
  const problems = validateNinjs(version.schema, stock);
  if (problems.length > 0) {
    const at = (pointer: string) => (pointer === '/' ? base || '/' : `${base}${pointer}`);
    const list = problems.map((p) => `${at(p.pointer)}: ${p.message}`).join('; ');
    return failed(`not valid against the ninjs ${version.schema} schema: ${list}`, at(problems[0]!.pointer), uri);
  }
  const type = typeof value.type === 'string' ? value.type : 'text';
  if (type === 'event' || type === 'planning') return skipped(`ninjs type "${type}" announces coverage; the wire desk takes only news content`, uri);
  return mapNinjs(new NinjsView(value, version.major), version, extensions, base);
}

function splitExtensions(doc: Record<string, unknown>) {
  const extensions: Record<string, unknown> = {};
  if (!EXTENSIONS.some((k) => k in doc)) return { stock: doc, extensions };
  const stock = { ...doc };
  for (const key of EXTENSIONS) {
    if (key in stock) {
      extensions[key] = stock[key];
      delete stock[key];
    }
  }
  return { stock, extensions };
}

function mapNinjs(view: NinjsView, version: NinjsVersion, extensions: Record<string, unknown>, base: string): ParseOutcome {
  const uri = view.string('uri') ?? String(view.doc.uri);
  const notes: string[] = [];
  const dates: Record<string, Date | null> = {};
  for (const field of ['firstCreated', 'versionCreated', 'embargoedUntil', 'expires']) {
    const raw = view.get(field);
    dates[field] = null;
    if (typeof raw !== 'string') continue;
    const key = view.key(field);
    const parsed = parseWireDate(raw, key);
    if (!parsed.ok) return failed(parsed.reason, `${base}/${key}`, uri);
    dates[field] = parsed.date;
    if (parsed.note) notes.push(parsed.note);
  }

  const type = TYPES[String(view.get('type') ?? 'text')] ?? 'other';
  const headlines = textsOf(view, 'headlines');
  const descriptions = textsOf(view, 'descriptions');
  const pictures: WirePicture[] = type === 'picture' || type === 'graphic' ? [pictureOf(view)] : [];
  const links: WireItem['links'] = [];
  collectAssociations(view, pictures, links);

  const item: WireItem = {
    format: `ninjs ${version.declared && version.declared[0] === version.schema[0] ? version.declared : `${version.major}.x`}`,
    uri,
    version: typeof view.doc.version === 'string' && view.doc.version.trim() ? view.doc.version.trim() : '1',
    firstCreated: dates.firstCreated ?? null,
    versionCreated: dates.versionCreated ?? null,
    pubStatus: (view.string('pubStatus') as WireItem['pubStatus'] | null) ?? 'usable',
    type,
    headline: byRole(headlines, [null, 'main', 'headline']) ?? headlines[0]?.value.trim() ?? view.string('title'),
    summary: byRole(descriptions, ['summary', 'abstract', 'teaser', 'lead', 'description']) ?? (pictures.length && type !== 'text' ? null : byRole(descriptions, [null, 'text'])),
    bodyHtml: bodyHtmlOf(view, notes),
    byline: view.string(view.major === 1 ? 'byline' : 'by'),
    copyrightHolder: view.string('copyrightHolder'),
    copyrightNotice: view.string('copyrightNotice'),
    provider: providerOf(view),
    dateline: view.string('located'),
    language: view.string('language'),
    subjects: subjectsOf(view),
    namedEntities: ninjsNamedEntities(view),
    slugline: view.string('slugline'),
    urgency: urgencyOf(view.get('urgency'), notes),
    embargoedUntil: dates.embargoedUntil ?? null,
    expires: dates.expires ?? null,
    signals: signalsOf(extensions),
    edNote: view.string('edNote'),
    pictures,
    links,
    notes,
  };
  return { ok: true, item };
}

function bodyHtmlOf(view: NinjsView, notes: string[]): string | null {
  const all = textsOf(view, 'bodies');
  const main = all.filter((b) => b.role === null || ['main', 'body'].includes(b.role.toLowerCase()));
  const body = preferredBody(main.length > 0 ? main : all);
  if (!body || !body.value.trim()) return null;
  if (body.kind === 'html' || body.kind === 'xhtml') return innerBody(body.value);
  if (body.kind === 'nitf') {
    const html = nitfStringToHtml(body.value);
    if (html === null) notes.push('the NITF body is not well-formed XML; it was read as plain text');
    return html ?? textToParagraphs(body.value);
  }
  return textToParagraphs(body.value);
}

function collectAssociations(view: NinjsView, pictures: WirePicture[], links: WireItem['links']): void {
  const raw = view.get('associations');
  const entries: Array<[string | null, unknown]> = Array.isArray(raw)
    ? raw.map((a) => [isPlainObject(a) && typeof a.name === 'string' ? a.name : null, a])
    : isPlainObject(raw)
      ? Object.entries(raw)
      : [];
  for (const [name, association] of entries) {
    if (!isPlainObject(association)) continue;
    const nested = new NinjsView(association, view.major);
    const type = nested.string('type');
    if (type === 'picture' || type === 'graphic') pictures.push(pictureOf(nested));
    else if (typeof association.uri === 'string') links.push({ rel: (typeof association.rel === 'string' ? association.rel : null) ?? name, uri: association.uri });
  }
}

function subjectsOf(view: NinjsView): WireSubject[] {
  const raw = view.major === 1 ? view.doc.subject : view.get('subjects');
  if (!Array.isArray(raw)) return [];
  return raw.filter(isPlainObject).flatMap((s) => {
    const name = typeof s.name === 'string' && s.name.trim() ? s.name.trim() : null;
    let code: string | null = null;
    if (view.major === 1 && typeof s.code === 'string') {
      code = typeof s.scheme === 'string' && /[/#]$/.test(s.scheme) ? `${s.scheme}${s.code}` : s.code;
    } else if (typeof s.uri === 'string') code = s.uri;
    else if (typeof s.literal === 'string') code = s.literal;
    return name || code ? [{ name, code }] : [];
  });
}

/** 2.x/3.x `infosources`: the one whose role says it supplied or originated the item, else the first with a name. */
function providerOf(view: NinjsView): string | null {
  if (view.major === 1) return null;
  const raw = view.get('infoSources');
  if (!Array.isArray(raw)) return null;
  const named = raw.filter(isPlainObject).filter((s) => typeof s.name === 'string' && s.name.trim() !== '');
  const roleOf = (s: Record<string, unknown>) => (typeof s.role === 'string' ? s.role.toLowerCase() : '');
  const supplier = named.find((s) => /originat|suppl|provid|distribut/.test(roleOf(s))) ?? named[0];
  return supplier ? (supplier.name as string).trim() : null;
}

function urgencyOf(raw: unknown, notes: string[]): number | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 1 && raw <= 9) return raw;
  notes.push(`urgency ${JSON.stringify(raw)} is not a whole number from 1 to 9; ignored`);
  return null;
}

/** Signals from provider extensions, only when the provider sent them. */
function signalsOf(extensions: Record<string, unknown>): WireSignal[] {
  const words: string[] = [];
  for (const value of Object.values(extensions)) {
    for (const entry of Array.isArray(value) ? value : [value]) {
      if (typeof entry === 'string') words.push(entry);
      else if (isPlainObject(entry)) for (const k of ['uri', 'qcode', 'code', 'name', 'value']) if (typeof entry[k] === 'string') words.push(entry[k] as string);
    }
  }
  const signals = new Set<WireSignal>();
  for (const word of words) {
    const last = word.toLowerCase().split(/[/:#]/).pop() ?? '';
    if (last === 'correction' || last === 'corrected') signals.add('correction');
    if (last === 'update' || last === 'updated') signals.add('update');
  }
  return [...signals];
}
