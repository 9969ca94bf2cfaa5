/**
 * How a rights line is printed: in small print under a wire story, and in a
 * picture's credit line without saying again the name the credit already
 * gives. Pure text work; the notice itself is stored as the agency sent it.
 */

/** "©", "(c)", "Copyright" or "rights" already say what the line is. */
const SAYS_RIGHTS = /©|\(c\)|copyright|rights|rechte|rettigheter|rättigheter|droits|derechos|diritti/i;
const URL = /\s*\((?:https?:\/\/|www\.)[^)]*\)|(?:https?:\/\/|www\.)\S+/gi;
const YEARS = /\b(\d{4}(?:\s*[-–]\s*\d{2,4})?)\b/;

function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function sameName(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;
}

/**
 * The story's small print: the agency's notice as it gave it, or "© HOLDER"
 * when it named only the holder; null for staff copy.
 * @example storyRightsLine('dpa', null) // '© dpa'
 */
export function storyRightsLine(notice: string | null | undefined, holder: string | null | undefined): string | null {
  const line = clean(notice);
  if (line) return SAYS_RIGHTS.test(line) ? line : `© ${line}`;
  const name = clean(holder);
  return name ? `© ${name}` : null;
}

/** The name a notice gives the rights to: "Copyright 2010 Getty Images. -- http://…" → "Getty Images". */
export function holderInNotice(notice: string): string {
  return clean(notice.replace(URL, ''))
    .replace(/all rights reserved\.?|alle rechte vorbehalten\.?/gi, '')
    .replace(/^\s*(?:©|\(c\)|copyright)\s*/i, '')
    .replace(/^(?:©\s*)?\d{4}(?:\s*[-–]\s*\d{2,4})?[,.]?\s*/, '')
    .replace(/[\s.,;:()–—-]+$/, '')
    .trim();
}

/**
 * What a picture's notice adds to its credit line. A notice for a name the
 * line already shows adds only its year ("© 2010"), so readers see
 * "Credit: Getty Images (Spencer Platt) © 2010", never the name twice; a
 * notice for someone else is shown whole; no notice adds nothing.
 */
export function pictureRightsNote(notice: string | null | undefined, shownNames: readonly string[]): string {
  const line = clean(notice);
  if (!line) return '';
  const holder = holderInNotice(line);
  const named = !holder || shownNames.some((name) => name && sameName(name, holder));
  if (!named) return SAYS_RIGHTS.test(line) ? line : `© ${line}`;
  const year = YEARS.exec(line)?.[1];
  return year ? `© ${year.replace(/\s+/g, '')}` : '';
}
