import transliterate from '@sindresorhus/transliterate';

/**
 * Turns a headline or name into a URL slug: lower-case words joined by
 * hyphens, at most `maxLength` characters cut at a hyphen. Latin letters are
 * transliterated the way their languages write them without accents
 * (Straße → strasse, smørbrød → smorbrod, Łódź → lodz, Nguyễn → nguyen);
 * other scripts keep their letters (an IRI slug, percent-encoded on the
 * wire by `uriPath`), because a Russian or Japanese reader reads those.
 *
 * @example slugify('Café owners weigh “bold” plan') // 'cafe-owners-weigh-bold-plan'
 * @example slugify('Straße in Köln gesperrt') // 'strasse-in-koeln-gesperrt'
 * @example slugify('Токио готовится к Олимпиаде') // 'токио-готовится-к-олимпиаде'
 */
export function slugify(text: string, maxLength = 80): string {
  const slug = text
    .normalize('NFC')
    .replace(/\p{Script=Latin}+/gu, (latin) => transliterate(latin))
    .toLowerCase()
    // Accents that did not compose with a Latin letter (a combining mark after an ASCII one).
    .replace(/([a-z0-9])\p{M}+/gu, '$1')
    .replace(/['’‘]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const chars = Array.from(slug);
  if (chars.length <= maxLength) return slug;
  const cut = chars.slice(0, maxLength + 1).join('');
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : chars.slice(0, maxLength).join('')).replace(/-+$/g, '');
}

/** Lower-case letters of any script, digits and marks, in hyphen-separated words. */
const SLUG_PATTERN = /^[\p{Ll}\p{Lo}\p{Lm}\p{N}\p{M}]+(?:-[\p{Ll}\p{Lo}\p{Lm}\p{N}\p{M}]+)*$/u;

/** Latin letters other than a–z: `slugify` transliterates them, so a slug never has them. */
const ACCENTED_LATIN = /(?![a-z])\p{Script=Latin}/u;

export function isSlug(value: string): boolean {
  return value.length > 0 && value.length <= 120 && SLUG_PATTERN.test(value) && !ACCENTED_LATIN.test(value);
}

/**
 * A path as it goes on the wire: characters outside ASCII percent-encoded
 * as UTF-8 (an IRI slug becomes a valid URI for headers, sitemaps and feeds).
 *
 * @example uriPath('/world/токио') // '/world/%D1%82%D0%BE%D0%BA%D0%B8%D0%BE'
 */
export function uriPath(path: string): string {
  return path.replace(/[^\p{ASCII}]+/gu, (run) => encodeURIComponent(run));
}

/**
 * Picks a slug not yet taken by appending -2, -3 … so two stories with the
 * same headline both get stable URLs.
 */
export function uniqueSlug(base: string, taken: (slug: string) => boolean): string {
  const root = base || 'story';
  if (!taken(root)) return root;
  for (let n = 2; ; n++) {
    const candidate = `${root}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}
