import { readFile } from 'node:fs/promises';
import { DatelineError } from '../domain/errors.js';

/**
 * How one source's items are placed and published. Read from a JSON file
 * (`WIRE_RULES` or `--rules FILE`): either one rules object, or
 * `{ "sources": [ … ] }` with one per source, matched by `name`.
 */
export interface WireSourceRules {
  /** Which source these rules are for: matched against the source name, `*` for any. */
  name: string;
  /** Shown as the story's author (an organization) when the item has no usable byline. */
  agency: string;
  /** Section slug for stories no other rule places. */
  defaultSection: string;
  /** `auto` publishes at once (or at the embargo); `hold` waits in the wire queue for an editor. */
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
  publish: 'auto',
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

/** Reads and checks a rules file; every mistake is named with its place in the file. */
export async function loadWireRules(file: string | undefined): Promise<WireRules> {
  if (!file) return wireRules();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw rulesError(file, `cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, cause);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    throw rulesError(file, `is not valid JSON: ${(cause as Error).message}`, cause);
  }
  return wireRules(parseWireRules(doc, file));
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
  const publish = entry.publish ?? 'auto';
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

function rulesError(file: string, problem: string, cause?: unknown): DatelineError {
  return new DatelineError('BAD_INPUT', `The wire rules file ${file}: ${problem}.`, {
    hint: 'Fix the file (see docs/wire.md, "Rules") or leave out --rules / WIRE_RULES to use the defaults.',
    cause,
  });
}
