import { DatelineError } from './errors.js';

/**
 * How one source's items are placed and published. Read from a JSON file
 * (`WIRE_RULES` or `--rules FILE`): either one rules object, or
 * `{ "sources": [ … ] }` with one per source, matched by `name`; or set in
 * the newsroom's Wire sources screen (stored in the database). Pure: the
 * wire reads the file, the newsroom checks what an admin sends, both here.
 */
export interface WireSourceRules {
  /** Which source these rules are for: matched against the source name, `*` for any. */
  name: string;
  /** Shown as the story's author (an organization) when the item has no usable byline. */
  agency: string;
  /** Section slug for stories no other rule places. */
  defaultSection: string;
  /** `hold` (the default) waits in the wire queue for an editor; `auto` publishes at once (or at the embargo), a per-source choice. */
  publish: 'auto' | 'hold';
  /** Subject name or code → section slug. Checked before the by-name default. */
  subjectSections: Record<string, string>;
  /** Slugline prefix (case-insensitive) → section slug. */
  sluglineSections: Record<string, string>;
  /** Hold stories whose urgency number is above this (less urgent), even when publish is auto. */
  urgencyHoldAbove?: number;
  /** Turn subject names into tags. */
  tagsFromSubjects: boolean;
}

export const DEFAULT_RULES: Readonly<WireSourceRules> = Object.freeze({
  name: '*',
  agency: 'Wire',
  defaultSection: 'news',
  // Nothing goes live with no one looking unless the newsroom chose that for the source.
  publish: 'hold',
  subjectSections: {},
  sluglineSections: {},
  tagsFromSubjects: true,
});

/** The rules of every source, with the fallback for sources not listed. */
export interface WireRules {
  sources: WireSourceRules[];
  forSource(name: string): WireSourceRules;
}

export function wireRules(sources: WireSourceRules[] = []): WireRules {
  return {
    sources,
    forSource(name) {
      // A file with one set of rules means them for every source.
      const only = sources.length === 1 ? sources[0] : undefined;
      return sources.find((s) => s.name === name) ?? sources.find((s) => s.name === '*') ?? only ?? DEFAULT_RULES;
    },
  };
}

/** Checks parsed JSON; throws BAD_INPUT naming the field at fault. */
export function parseWireRules(doc: unknown, file = 'the rules'): WireSourceRules[] {
  const list = isObject(doc) && Array.isArray(doc.sources) ? doc.sources : [doc];
  return list.map((entry, i) => parseOne(entry, file, isObject(doc) && Array.isArray(doc.sources) ? `/sources/${i}` : ''));
}

const KNOWN = new Set(['name', 'agency', 'defaultSection', 'publish', 'subjectSections', 'sluglineSections', 'urgencyHoldAbove', 'tagsFromSubjects']);

function parseOne(entry: unknown, file: string, at: string): WireSourceRules {
  if (!isObject(entry)) throw rulesError(file, `${at || '/'} must be an object`);
  for (const key of Object.keys(entry)) {
    if (!KNOWN.has(key)) throw rulesError(file, `${at}/${key} is not a rules field (known: ${[...KNOWN].join(', ')})`);
  }
  const text = (key: string, fallback: string): string => {
    const value = entry[key];
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || value.trim() === '') throw rulesError(file, `${at}/${key} must be a non-empty string`);
    return value.trim();
  };
  const map = (key: string): Record<string, string> => {
    const value = entry[key];
    if (value === undefined) return {};
    if (!isObject(value)) throw rulesError(file, `${at}/${key} must be an object of name → section slug`);
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v !== 'string' || v.trim() === '') throw rulesError(file, `${at}/${key}/${k} must be a section slug`);
      out[k.toLowerCase()] = v.trim();
    }
    return out;
  };
  const publish = entry.publish ?? DEFAULT_RULES.publish;
  if (publish !== 'auto' && publish !== 'hold') throw rulesError(file, `${at}/publish must be "auto" or "hold"`);
  const urgency = entry.urgencyHoldAbove;
  if (urgency !== undefined && (!Number.isInteger(urgency) || (urgency as number) < 0 || (urgency as number) > 9)) {
    throw rulesError(file, `${at}/urgencyHoldAbove must be a whole number from 0 to 9`);
  }
  const tags = entry.tagsFromSubjects ?? true;
  if (typeof tags !== 'boolean') throw rulesError(file, `${at}/tagsFromSubjects must be true or false`);
  const rules: WireSourceRules = {
    name: text('name', '*'),
    agency: text('agency', DEFAULT_RULES.agency),
    defaultSection: text('defaultSection', DEFAULT_RULES.defaultSection),
    publish,
    subjectSections: map('subjectSections'),
    sluglineSections: map('sluglineSections'),
    tagsFromSubjects: tags,
  };
  if (urgency !== undefined) rules.urgencyHoldAbove = urgency as number;
  return rules;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Rules come from a file (`rules.json`) or from elsewhere, named in words (`the rules sent for "pws"`). */
export function rulesError(file: string, problem: string, cause?: unknown): DatelineError {
  const fromFile = !file.startsWith('the ');
  return new DatelineError('BAD_INPUT', fromFile ? `The wire rules file ${file}: ${problem}.` : `In ${file}, ${problem}.`, {
    hint: fromFile
      ? 'Fix the file (see docs/wire.md, "Rules") or leave out --rules / WIRE_RULES to use the defaults.'
      : 'Correct that field and save again (see docs/wire.md, "Rules").',
    cause,
  });
}
