/**
 * The addresses a WordPress site may have given one post: its own
 * permalink (the item's `<link>`), `?p=ID`, the usual permalink structures
 * (date-based, post name, numeric), and the same with each `_wp_old_slug`.
 * Which structure the site used is not in the export, so every common one
 * is kept: a path that no one links to costs one row.
 */

/** The path of an absolute or relative URL, decoded, without a trailing slash; null when it has none. */
export function pathOf(url: string): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url, 'http://x');
    let path: string;
    try {
      path = decodeURIComponent(parsed.pathname);
    } catch {
      path = parsed.pathname;
    }
    path = path.replace(/\/+$/, '');
    if (path === '') return parsed.search ? `/${parsed.search}` : null;
    return parsed.search && /[?&](p|page_id|attachment_id)=/.test(parsed.search) ? `${path}${parsed.search}` : path;
  } catch {
    return null;
  }
}

/** Paths (no query) a post may have answered at. */
export function postPaths(input: { link: string; slug: string; oldSlugs: string[]; id: string; localDate: string }): string[] {
  const paths = new Set<string>();
  const own = pathOf(input.link);
  if (own && !own.includes('?')) paths.add(own);
  const date = /^(\d{4})-(\d\d)-(\d\d)/.exec(input.localDate);
  for (const raw of [input.slug, ...input.oldSlugs]) {
    const slug = safeDecode(raw.trim());
    if (!slug) continue;
    paths.add(`/${slug}`);
    if (date) {
      const [, y, m, d] = date;
      paths.add(`/${y}/${m}/${d}/${slug}`);
      paths.add(`/${y}/${m}/${slug}`);
      paths.add(`/${y}/${slug}`);
    }
  }
  if (/^\d+$/.test(input.id)) paths.add(`/archives/${input.id}`);
  return [...paths];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
