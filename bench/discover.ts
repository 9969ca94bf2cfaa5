/** Finds the pages to load-test by reading Dateline's own HTML, as a reader would. */

export interface Targets {
  article: string;
  home: string;
  sectionFirst: string;
  sectionDeep: string;
  /** How many list pages deep `sectionDeep` is (page 1 = 0 steps). */
  deepSteps: number;
  /** Whether the walk stopped early because the section had no older page. */
  deepIsLast: boolean;
}

function decode(href: string): string {
  return href.replace(/&amp;/g, '&');
}

async function html(url: string): Promise<string> {
  const response = await fetch(url);
  const text = await response.text();
  if (!response.ok) throw new Error(`${url} answered ${response.status}.`);
  return text;
}

/** The pager's "older stories" link on a list page, as a path. */
export function nextLink(page: string): string | undefined {
  for (const tag of page.matchAll(/<a\b[^>]*>/g)) {
    if (!/\brel="next"/.test(tag[0])) continue;
    const href = /\bhref="([^"]+)"/.exec(tag[0])?.[1];
    if (href) return decode(href);
  }
  return undefined;
}

/** The first story link in a teaser list. */
export function firstStoryLink(page: string): string | undefined {
  const href = /class="teaser-headline"[^>]*>\s*<a\b[^>]*\bhref="([^"]+)"/.exec(page)?.[1];
  return href ? decode(href) : undefined;
}

export async function discover(base: string, section = '/news', steps = 50): Promise<Targets> {
  const first = await html(base + section);
  const article = firstStoryLink(first);
  if (!article) throw new Error(`No story link found on ${section}.`);
  let deep = section;
  let page = first;
  let taken = 0;
  while (taken < steps) {
    const next = nextLink(page);
    if (!next) break;
    deep = next;
    page = await html(base + next);
    taken++;
  }
  return { article, home: '/', sectionFirst: section, sectionDeep: deep, deepSteps: taken, deepIsLast: taken < steps };
}
