/** A page outside the news flow (About, Contact, the corrections policy), at a path of its own. */
export interface StaticPage {
  id: number;
  /** `/about`, `/policies/corrections`: lower case, no trailing slash. */
  path: string;
  title: string;
  /** For the page's meta description and search results. */
  description: string;
  /** Sanitized HTML, as the story editor's allow-list leaves it. */
  bodyHtml: string;
  published: boolean;
  /** Linked from every page's footer, in `position` order. */
  inFooter: boolean;
  position: number;
  modifiedAt: Date;
}

/** First segments the site itself answers at; a static page may not take them. */
const RESERVED = new Set(['admin', 'api', 'assets', 'media', 'authors', 'tags', 'search', 'sitemaps', 'newsletters', 'healthz']);

/**
 * Why `path` cannot be a static page's path, or null when it can.
 * @example pathProblem('/About/') // 'use lower case …'
 */
export function staticPathProblem(path: string): string | null {
  if (!/^(\/[a-z0-9\p{Ll}\p{Lo}\p{N}][a-z0-9\p{Ll}\p{Lo}\p{N}._~-]*)+$/u.test(path)) {
    return 'a path is one or more /segments of lower-case letters, digits and - . _ ~, without a trailing slash (e.g. /about or /policies/corrections)';
  }
  if (path.length > 200) return 'a path is at most 200 characters';
  const first = path.split('/')[1] ?? '';
  if (RESERVED.has(first) || /\.(xml|json|txt)$/.test(path)) return `the site itself answers at /${first}`;
  return null;
}
