import nlp from 'compromise';
import { type EntityKind, nameKey } from '../domain/entity.js';

/** A person, organization or place named in a story, with how sure the extractor is. */
export interface FoundEntity {
  name: string;
  kind: EntityKind;
  /** Times it is named, counting short forms ("Voss" after "Elena Voss"). */
  mentions: number;
  /**
   * A full name with a clear sign of what it is (a title, an organization's
   * last word, a place in the lexicon or after "in"), or a name repeated:
   * found so in two published stories, an entity is confirmed without an editor.
   */
  confident: boolean;
}

interface Term {
  text: string;
  pre: string;
  post: string;
  tags: Set<string>;
}

interface Span {
  words: string[];
  kind: EntityKind | null;
  /** The kind came from a strong sign rather than a guess. */
  strong: boolean;
}

/** Titles before a name: they say it is a person and are not part of the name. */
const TITLES = new Set(
  'mayor judge justice president vice prime minister governor gov sen senator rep representative dr mr mrs ms miss chief coach sheriff councilmember councilwoman councilman council member commissioner superintendent captain capt lt sgt officer detective attorney prosecutor chancellor pope general gen secretary ambassador director chair chairwoman chairman deputy premier foreign finance defense interior trade health sir dame lady lord rev reverend father sister principal professor prof inspector trooper ranger manager striker forward goalkeeper midfielder defender pitcher quarterback'.split(
    ' ',
  ),
);

/** Last words that make a name an organization's. */
const ORG_WORDS = new Set(
  'council union court department board commission committee corp corporation inc co company agency authority association party university college school hospital police ferries airlines airline bank nations assembly parliament ministry service services district club fc foundation institute office senate congress guard patrol society federation league coalition alliance group trust bureau administration government cabinet caucus network press news times tribune herald dispatch records laboratory lab labs clinic church council’s'.split(
    ' ',
  ),
);

/** Words a name may hold in its middle ("Bank of Cedar Coast", "Gulf de Leon"). */
const JOINERS = new Set(['of', 'de', 'da', 'del', 'van', 'von', 'la', 'le', 'al', 'bin', 'du']);

/** Words that put a place after them. */
const PLACE_CUES = new Set(['in', 'near', 'at', 'from', 'outside', 'across', 'toward', 'towards', 'around', 'into']);

/** Words next to a name that say it is a person's. */
const SPEECH = new Set(['said', 'says', 'told', 'testified', 'wrote', 'argued', 'added', 'insisted', 'announced', 'recalled']);

/** Capitalized words that are not names where they stand at a sentence's start or alone. */
const COMMON_TAGS = ['Determiner', 'Preposition', 'Pronoun', 'Conjunction', 'Adverb', 'Verb', 'Adjective', 'QuestionWord', 'Date', 'Value', 'Month', 'WeekDay'];

const PLACE_TAGS = ['Place', 'City', 'Country', 'Region', 'Address'];
const PERSON_TAGS = ['Person', 'FirstName', 'LastName', 'MaleName', 'FemaleName'];

const isCapitalized = (word: string) => /^\p{Lu}/u.test(word);
const hasAny = (tags: Set<string>, names: readonly string[]) => names.some((n) => tags.has(n));
/** Punctuation after a word that ends a name there. */
const breaksAfter = (post: string) => /[,.;:!?()"“”—–/]/.test(post);

/** What extraction reads of a story. */
export interface ExtractionInput {
  headline: string;
  summary?: string;
  bodyText: string;
  dateline?: string | null;
}

/**
 * People, organizations and places named in a story, from compromise's tags
 * (its lexicon ships in the npm package; nothing is downloaded) and rules a
 * newsroom would recognise: runs of capitalized words; titles ("Mayor Elena
 * Voss") mark people; last words ("… City Council") mark organizations;
 * the lexicon and "in"/"near" mark places; a short form ("Voss", "Kim") is
 * the full name met earlier. compromise alone invents places and misses
 * others (docs/related.md), so these are suggestions until confirmed.
 */
export function extractEntities(input: ExtractionInput): FoundEntity[] {
  const spans: Span[] = [];
  const datelinePlace = datelinePlaceOf(input.dateline ?? null, input.bodyText);
  if (datelinePlace) spans.push({ words: datelinePlace.split(' '), kind: 'place', strong: true });
  const text = [input.headline, input.summary ?? '', stripDateline(input.bodyText)].filter(Boolean).join('.\n');
  const doc = nlp(text);
  for (const sentence of doc.json({ terms: { normal: false } }) as Array<{ terms: Array<{ text: string; pre: string; post: string; tags: string[] }> }>) {
    const terms = joinHyphens(sentence.terms.map((t) => ({ text: t.text, pre: t.pre, post: t.post, tags: new Set(t.tags) })));
    spans.push(...spansOf(terms));
  }
  return merge(spans);
}

/** "Jae" "-" "in" → "Jae-in": compromise splits hyphenated names. */
function joinHyphens(terms: Term[]): Term[] {
  const out: Term[] = [];
  for (const term of terms) {
    const last = out[out.length - 1];
    if (last && last.post === '-' && term.pre === '' && term.text) {
      out[out.length - 1] = { text: `${last.text}-${term.text}`, pre: last.pre, post: term.post, tags: new Set([...last.tags, ...term.tags]) };
    } else if (term.text) out.push(term);
  }
  return out;
}

function spansOf(terms: Term[]): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < terms.length) {
    const start = i;
    const term = terms[i] as Term;
    if (!isCapitalized(term.text) || term.pre.includes('(') || isAllCaps(term.text)) {
      i++;
      continue;
    }
    // The run of capitalized words (with joiners inside), up to punctuation.
    let end = i;
    while (end + 1 < terms.length && !breaksAfter((terms[end] as Term).post)) {
      const next = terms[end + 1] as Term;
      if (isCapitalized(next.text) && !isAllCaps(next.text)) end++;
      else if (JOINERS.has(next.text) && end + 2 < terms.length && isCapitalized((terms[end + 2] as Term).text) && !breaksAfter(next.post)) end += 2;
      else break;
    }
    i = end + 1;
    pendingSpans.length = 0;
    const span = classify(terms, start, end);
    if (span) spans.push(span);
    spans.push(...pendingSpans);
  }
  return spans;
}

/** Spans split off while classifying one run (the place after a person's "of"). */
const pendingSpans: Span[] = [];

function isAllCaps(word: string): boolean {
  return word.length > 1 && word === word.toUpperCase() && /\p{Lu}/u.test(word);
}

function classify(terms: Term[], start: number, end: number): Span | null {
  let from = start;
  let titled = false;
  // Leading words that are not part of a name: "The", a sentence's first common word, dates, titles.
  while (from <= end) {
    const t = terms[from] as Term;
    const lower = t.text.toLowerCase().replace(/\.$/, '');
    if ((TITLES.has(lower) || (t.tags.has('Actor') && !t.tags.has('Person'))) && from < end) {
      titled = true;
      from++;
    } else if (lower === 'the' || lower === 'a' || lower === 'an' || (hasAny(t.tags, COMMON_TAGS) && !t.tags.has('ProperNoun')) || (from === 0 && !t.tags.has('ProperNoun'))) from++;
    else break;
  }
  let to = end;
  while (to >= from && hasAny((terms[to] as Term).tags, ['Date', 'WeekDay', 'Month'])) to--;
  if (to < from) return null;
  // "Prime Minister Anjali Rao of India": a person's name ends before "of"; "Bank of Cedar Coast" does not.
  const joiner = terms.slice(from, to + 1).findIndex((t, n) => n > 0 && JOINERS.has(t.text));
  if (joiner > 0) {
    const head = terms.slice(from, from + joiner);
    const headLast = (head[head.length - 1] as Term).text.toLowerCase();
    if (!ORG_WORDS.has(headLast) && (titled || head.some((t) => hasAny(t.tags, PERSON_TAGS)))) {
      const person = classify(terms, titled ? start : from, from + joiner - 1);
      const rest = classify(terms, from + joiner + 1, to);
      // Only the person comes back here; the rest ("India") is a span of its own.
      if (rest) pendingSpans.push(rest);
      return person;
    }
  }
  const slice = terms.slice(from, to + 1);
  if (slice.some((t) => hasAny(t.tags, ['Date', 'WeekDay', 'Month']))) return null;
  const words = slice.map((t) => t.text.replace(/[’']s$/, ''));
  const last = (words[words.length - 1] ?? '').toLowerCase().replace(/\.$/, '');
  const before = terms[from - 1];
  const after = terms[to + 1];
  const placeCue = before !== undefined && PLACE_CUES.has(before.text.toLowerCase()) && !titled;
  const spoke = (after !== undefined && SPEECH.has(after.text.toLowerCase())) || (before !== undefined && SPEECH.has(before.text.toLowerCase()) && !breaksAfter(before.post));
  const lexPlace = slice.some((t) => hasAny(t.tags, PLACE_TAGS));
  const lexPerson = slice.some((t) => hasAny(t.tags, PERSON_TAGS));
  if (ORG_WORDS.has(last) && words.length > 1) return { words, kind: 'organization', strong: true };
  if (joiner > 0 && ORG_WORDS.has((words[joiner - 1] ?? '').toLowerCase())) return { words, kind: 'organization', strong: true };
  if (titled) return { words, kind: 'person', strong: true };
  if (lexPerson && !lexPlace) return { words, kind: 'person', strong: words.length > 1 };
  if (lexPlace) return { words, kind: 'place', strong: words.length > 1 || slice.some((t) => hasAny(t.tags, ['City', 'Country', 'Region'])) || placeCue };
  if (placeCue) return { words, kind: 'place', strong: true };
  if (spoke) return { words, kind: 'person', strong: words.length > 1 };
  return { words, kind: null, strong: false };
}

/** The place a wire or staff dateline names: "PORT ALDER, Wash. (PWS) —" → "Port Alder". */
function datelinePlaceOf(dateline: string | null, body: string): string | null {
  const source = dateline ?? /^\s*([\p{Lu}][\p{Lu} .'’-]{2,40}),/u.exec(body)?.[1] ?? null;
  if (!source) return null;
  const city = (source.split(',')[0] ?? '').replace(/\(.*$/, '').trim();
  if (!city || city.length > 40) return null;
  return city
    .toLowerCase()
    .split(/\s+/)
    .map((w) => (w ? (w[0] as string).toUpperCase() + w.slice(1) : w))
    .join(' ');
}

function stripDateline(body: string): string {
  return body.replace(/^\s*[\p{Lu}][\p{Lu} .'’-]{2,40},[^—–]{0,60}[—–]\s*/u, '');
}

/**
 * One entry per entity: the same name counted once per mention; a short
 * person name joins the full name it is part of; a run whose kind is
 * unknown takes the kind it has elsewhere in the story, or is dropped.
 */
function merge(spans: Span[]): FoundEntity[] {
  const byKey = new Map<string, { name: string; kinds: Map<EntityKind, number>; mentions: number; strong: boolean; words: number }>();
  for (const span of spans) {
    const name = span.words.join(' ');
    const key = nameKey(name);
    if (!key || key.length < 2) continue;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { name, kinds: new Map(), mentions: 0, strong: false, words: span.words.length };
      byKey.set(key, entry);
    }
    entry.mentions++;
    if (span.kind) entry.kinds.set(span.kind, (entry.kinds.get(span.kind) ?? 0) + (span.strong ? 2 : 1));
    entry.strong ||= span.strong;
  }
  const kindOf = (kinds: Map<EntityKind, number>): EntityKind | null => {
    let best: EntityKind | null = null;
    let score = 0;
    for (const [kind, n] of kinds) if (n > score) [best, score] = [kind, n];
    return best;
  };
  // Short forms: "Voss" → "Elena Voss", "Kim" → "Kim Jong Un" (people only: "Alder" is not "Port Alder").
  const people = [...byKey.entries()].filter(([, e]) => e.words > 1 && kindOf(e.kinds) === 'person');
  for (const [key, entry] of [...byKey.entries()]) {
    if (entry.words !== 1) continue;
    const full = people.filter(([k]) => k.split(' ').includes(key));
    if (full.length !== 1) continue;
    const target = full[0]![1];
    target.mentions += entry.mentions;
    byKey.delete(key);
  }
  const found: FoundEntity[] = [];
  for (const entry of byKey.values()) {
    const kind = kindOf(entry.kinds);
    if (!kind) continue;
    if (entry.words === 1 && !entry.strong && entry.mentions < 2) continue;
    found.push({ name: entry.name, kind, mentions: entry.mentions, confident: (entry.strong && entry.words > 1) || entry.mentions >= 2 || (entry.strong && kind === 'place') });
  }
  return found;
}
