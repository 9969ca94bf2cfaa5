/**
 * Turns a headline or name into a URL slug: lower-case ASCII words joined by
 * hyphens, accents folded, at most `maxLength` characters cut at a hyphen.
 *
 * @example slugify('Café owners weigh “bold” plan') // 'cafe-owners-weigh-bold-plan'
 */
export function slugify(text: string, maxLength = 80): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength + 1);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : slug.slice(0, maxLength)).replace(/-+$/g, '');
}

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isSlug(value: string): boolean {
  return value.length > 0 && value.length <= 120 && SLUG_PATTERN.test(value);
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
