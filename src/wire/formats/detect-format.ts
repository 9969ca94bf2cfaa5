import { decodeText } from './decode-text.js';

/** The official ninjs schemas we keep (src/wire/formats/schemas/). */
export const NINJS_SCHEMA_VERSIONS = ['1.3', '1.4', '1.5', '1.6', '2.0', '2.1', '2.2', '3.0', '3.1'] as const;
export type NinjsSchemaVersion = (typeof NINJS_SCHEMA_VERSIONS)[number];

const LATEST: Record<1 | 2 | 3, NinjsSchemaVersion> = { 1: '1.6', 2: '2.2', 3: '3.1' };

export interface NinjsVersion {
  major: 1 | 2 | 3;
  /** The schema the item is validated against. */
  schema: NinjsSchemaVersion;
  /** The version the item declares in `$schema` / `standard` / `$standard`, if any. */
  declared: string | null;
}

export type DetectedFormat =
  | { format: 'ninjs'; version: NinjsVersion | null }
  | { format: 'newsml-g2'; root: string | null }
  | { format: null; reason: string };

/** JSON or XML, from the first character that is not white space; the name and content type only shape the error. */
export function sniffSyntax(text: string): 'json' | 'xml' | null {
  const first = /\S/.exec(text)?.[0];
  if (first === '{' || first === '[') return 'json';
  if (first === '<') return 'xml';
  return null;
}

export function unknownSyntaxReason(text: string, source: { name: string; contentType?: string }): string {
  const said = source.contentType ? ` (sent as ${source.contentType})` : '';
  const first = /\S/.exec(text)?.[0];
  const start = first === undefined ? 'is empty' : `starts with "${first}"`;
  return `${source.name}${said} ${start}: expected ninjs JSON (starting with { or [) or NewsML-G2 XML (starting with <)`;
}

// 3.x renamed the multi-word properties to camelCase; these names exist only there.
const V3_KEYS = ['versionCreated', 'firstCreated', 'contentCreated', 'pubStatus', 'embargoedUntil', 'edNote', 'copyrightHolder', 'copyrightNotice', 'usageTerms', 'representationType', 'infoSources', 'altIds', 'trustIndicators', 'rightsInfo', 'digitalSourceType', 'eventDetails', 'plannedCoverage'];
const V3_NESTED = ['contentType', 'sizeInBytes', 'charCount', 'wordCount'];
// 2.x and 3.x share these array-valued plural names; 1.x used singular names.
const V2_KEYS = ['headlines', 'bodies', 'descriptions', 'people', 'organisations', 'places', 'subjects', 'events', 'objects', 'genres', 'infosources', 'trustindicators', 'by', 'standard'];
const V1_KEYS = ['headline', 'byline', 'person', 'organisation', 'place', 'subject', 'event', 'object', 'genre', 'infosource', 'trustindicator', 'mimetype', '$standard'];
const V1_PATTERN = /^(body|description|headline)_/;
const V2_LOWER = ['embargoed', 'versioncreated', 'firstcreated', 'contentcreated', 'pubstatus', 'ednote', 'copyrightholder', 'copyrightnotice', 'usageterms', 'representationtype', 'altids', 'rightsinfo', 'digitalsourcetype'];

/**
 * Which ninjs branch an object is, from its shape (the branches differ in
 * naming, so the shape is reliable), then which minor version: the declared
 * one when we keep its schema, else the latest of the branch.
 */
export function detectNinjsVersion(doc: Record<string, unknown>): NinjsVersion {
  const declared = declaredVersion(doc);
  const lowerCase = V2_LOWER.some((k) => k in doc);
  const shape = shapeMajor(doc);
  const said = declaredMajor(declared);
  // A 3.x item that uses only names 2.x shares (uri, headlines, bodies…) looks like 2.x: trust its declaration.
  const major = shape === 2 && said === 3 && !lowerCase ? 3 : (shape ?? said ?? (lowerCase ? 2 : 3));
  const exact = NINJS_SCHEMA_VERSIONS.find((v) => v === declared);
  const schema = exact && Number(exact[0]) === major ? exact : LATEST[major];
  return { major, schema, declared };
}

function shapeMajor(doc: Record<string, unknown>): 1 | 2 | 3 | null {
  if (V3_KEYS.some((k) => k in doc)) return 3;
  const type = doc.type;
  if (type === 'event' || type === 'planning') return 3;
  const v2 = V2_KEYS.some((k) => k in doc) || Array.isArray(doc.associations) || Array.isArray(doc.renditions);
  if (v2) return nestedCamelCase(doc) ? 3 : 2;
  if (V1_KEYS.some((k) => k in doc) || Object.keys(doc).some((k) => V1_PATTERN.test(k))) return 1;
  if (isPlainObject(doc.associations) || isPlainObject(doc.renditions)) return 1;
  if (doc.representationtype === 'complete' || doc.representationtype === 'incomplete') return 1;
  return null;
}

function nestedCamelCase(doc: Record<string, unknown>): boolean {
  for (const key of ['headlines', 'bodies', 'descriptions', 'renditions']) {
    const list = doc[key];
    if (Array.isArray(list) && list.some((entry) => isPlainObject(entry) && V3_NESTED.some((k) => k in entry))) return true;
  }
  return false;
}

function declaredVersion(doc: Record<string, unknown>): string | null {
  const standard = doc.standard ?? doc.$standard;
  if (isPlainObject(standard)) {
    const fromSchema = schemaUrlVersion(standard.schema);
    if (fromSchema) return fromSchema;
    if (typeof standard.version === 'string') return /^\d\.\d/.exec(standard.version)?.[0] ?? null;
  }
  return schemaUrlVersion(doc.$schema);
}

function schemaUrlVersion(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  return /ninjs-schema_(\d\.\d+)\.json/.exec(url)?.[1] ?? null;
}

function declaredMajor(declared: string | null): 1 | 2 | 3 | null {
  const major = Number(declared?.[0]);
  return major === 1 || major === 2 || major === 3 ? major : null;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** NewsML-G2 roots: the ones the wire desk reads, and the ones it skips on purpose. */
export const G2_READ_ROOTS = ['newsItem', 'packageItem', 'newsMessage'] as const;
export const G2_SKIPPED_ROOTS: Record<string, string> = {
  conceptItem: 'a NewsML-G2 conceptItem describes a concept (person, organisation, event), not news content',
  knowledgeItem: 'a NewsML-G2 knowledgeItem carries a set of concepts, not news content',
  planningItem: 'a NewsML-G2 planningItem announces planned coverage, not news content',
  catalogItem: 'a NewsML-G2 catalogItem defines vocabulary aliases, not news content',
};

/** Roots that look like news but are another standard: say so instead of "unknown element". */
export const FOREIGN_ROOTS: Record<string, string> = {
  NewsML: 'the file is NewsML 1.x (root <NewsML>), not NewsML-G2; ask the agency for NewsML-G2 or ninjs',
  nitf: 'the file is a bare NITF document, not NewsML-G2; ask the agency for NewsML-G2 or ninjs',
  rss: 'the file is an RSS feed, not a wire item',
  feed: 'the file is an Atom feed, not a wire item',
};

/**
 * Format of a file without reading it fully: decoding, then the JSON shape
 * (ninjs branch) or the XML root element.
 * @example detectFormat(bytes, { name: 'story.json' }) // { format: 'ninjs', version: { major: 2, schema: '2.2', declared: '2.1' } }
 */
export function detectFormat(bytes: Uint8Array, source: { name: string; contentType?: string }): DetectedFormat {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { format: null, reason: decoded.reason };
  const syntax = sniffSyntax(decoded.text);
  if (syntax === 'xml') {
    const root = /<(?![?!])(?:[\w.-]+:)?([\w.-]+)/.exec(decoded.text.replace(/<!--[\s\S]*?-->/g, ''))?.[1] ?? null;
    return { format: 'newsml-g2', root };
  }
  if (syntax === 'json') {
    try {
      const doc: unknown = JSON.parse(decoded.text);
      const first = Array.isArray(doc) ? doc[0] : doc;
      return { format: 'ninjs', version: isPlainObject(first) ? detectNinjsVersion(first) : null };
    } catch {
      return { format: 'ninjs', version: null };
    }
  }
  return { format: null, reason: unknownSyntaxReason(decoded.text, source) };
}
