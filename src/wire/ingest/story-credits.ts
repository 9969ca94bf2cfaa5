import type { WireItem } from '../../domain/wire-item.js';

/** One name a story is credited to, as the site will show it. */
export interface Credit {
  name: string;
  kind: 'person' | 'organization';
  /** The agency a person writes for, when the byline names it ("Rosa Delacorte, Pacific Wire Service"). */
  affiliation: string | null;
}

/** Words that make a name an organization's, not a person's. */
const ORGANIZATION_WORDS =
  /\b(press|presse|prensa|agency|agence|agencia|agentur|news|nachrichten|service|services|wire|media|newswire|reuters|bureau|staff|syndicate|network|radio|television|tv|times|post|herald|journal|gazette|tribune|inc|ltd|llc|gmbh|corp|company)\b/i;

/** "By", and its siblings in the languages agencies file in, when a name follows. */
const LEADING_BY = /^(by|von|par|por|av|af|door|przez)\s+/i;

/** Where one credited name ends and the next begins. */
const SEPARATORS = /\s*(?:;|\||\s+and\s+|\s+und\s+|\s+et\s+|\s+y\s+|\s+og\s+|\s+och\s+|\s+en\s+|\s+&\s+)\s*/i;

/**
 * Who a wire story is credited to: the item's byline (ninjs `by`, 1.x
 * `byline`, NewsML-G2 `by` or its creators), else its copyright holder, else
 * the agency that sent it, else the rules' agency name. "By ASSOCIATED PRESS"
 * becomes the organization "Associated Press"; "Rosa Delacorte, Pacific Wire
 * Service" the person Rosa Delacorte, writing for the agency.
 *
 * @example creditsOf({ byline: 'By ASSOCIATED PRESS', … }, 'Wire') // [{ name: 'Associated Press', kind: 'organization', affiliation: null }]
 */
export function creditsOf(item: Pick<WireItem, 'byline' | 'copyrightHolder' | 'provider'>, fallbackAgency: string): Credit[] {
  const agencies = [item.copyrightHolder, item.provider, fallbackAgency].filter((n): n is string => Boolean(n?.trim())).map((n) => n.trim().toLowerCase());
  const isAgency = (name: string) => agencies.includes(name.toLowerCase()) || agencies.some((a) => displayName(a).toLowerCase() === name.toLowerCase());
  const fromByline = item.byline ? bylineCredits(item.byline, isAgency) : [];
  if (fromByline.length > 0) return fromByline;
  for (const holder of [item.copyrightHolder, item.provider, fallbackAgency]) {
    const name = holder ? displayName(withoutMarkup(stripCopyright(holder))) : '';
    if (name) return [{ name, kind: 'organization', affiliation: null }];
  }
  return [];
}

function bylineCredits(byline: string, isAgency: (name: string) => boolean): Credit[] {
  const text = withoutMarkup(byline).replace(/\s+/g, ' ').trim().replace(/^[-–—]\s*/, '');
  const parts = withoutBy(text)
    .split(SEPARATORS)
    .flatMap((part) => part.split(/\s*,\s*/))
    .flatMap(splitSlash)
    .map((part) => withoutBy(part).trim())
    .filter((part) => part !== '' && /\p{L}/u.test(part));
  const credits = parts.map((part): Credit => {
    const name = displayName(part);
    const organization = isAgency(part) || isAgency(name) || !name.includes(' ') || ORGANIZATION_WORDS.test(name);
    return { name, kind: organization ? 'organization' : 'person', affiliation: null };
  });
  const people = credits.filter((c) => c.kind === 'person');
  if (people.length === 0) return unique(credits);
  // Named people are the byline; the organization after them is who they write for.
  const affiliation = credits.find((c) => c.kind === 'organization')?.name ?? null;
  return unique(people.map((p) => ({ ...p, affiliation })));
}

/** A byline is text: markup an agency (or an attacker) put in it goes, with the code inside scripts and styles. */
function withoutMarkup(text: string): string {
  return text
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>?/g, ' ')
    .replace(/[<>"]/g, ' ');
}

/** "By" goes always; "Von", "Par"… only with at least two words after them, so "Von Trapp" stays a name. */
function withoutBy(text: string): string {
  const match = LEADING_BY.exec(text);
  if (!match) return text;
  const rest = text.slice(match[0].length);
  return /^by\s/i.test(match[0]) || rest.includes(' ') ? rest : text;
}

/** "Lena Oduya/Pacific Wire Service" names a person and their agency. */
function splitSlash(part: string): string[] {
  return part.includes('/') && !/^https?:/i.test(part) ? part.split(/\s*\/\s*/) : [part];
}

function stripCopyright(holder: string): string {
  return holder.replace(/^(©|\(c\)|copyright)\s*(\d{4}\s*)?/i, '').trim();
}

/**
 * A name as the site prints it: shouting capitals become title case
 * ("ASSOCIATED PRESS" → "Associated Press"), short acronyms stay (AP, AFP,
 * NTB, dpa), names already in mixed case are left alone.
 */
export function displayName(raw: string): string {
  const name = raw.replace(/\s+/g, ' ').trim();
  const letters = name.replace(/[^\p{L}]/gu, '');
  if (letters === '' || letters !== letters.toUpperCase() || letters === letters.toLowerCase()) return name;
  if (!name.includes(' ') && letters.length <= 4) return name;
  return name
    .toLowerCase()
    .replace(/(^|[\s\-'’(])(\p{L})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase())
    .replace(/\b(Mc)(\p{L})/gu, (_m, mc: string, letter: string) => mc + letter.toUpperCase());
}

function unique(credits: Credit[]): Credit[] {
  const seen = new Set<string>();
  return credits.filter((c) => {
    const key = c.name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
