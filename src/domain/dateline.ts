/**
 * A dateline is where a story was reported, as the agency or reporter wrote
 * it: `PORT ALDER, Wash. (PWS)`. In the body it opens the first paragraph,
 * followed by an em dash.
 */
const DATELINE_AT_START = /^([A-Z][A-Z .'’-]*[A-Z.](?:,\s*[A-Z][A-Za-z. ]*?)?(?:\s*\([A-Za-z][A-Za-z .&-]*\))?)\s+[—–-]+\s+/u;

/** The dateline that opens a paragraph, if it has one. */
export function datelineOf(paragraph: string): string | null {
  const match = DATELINE_AT_START.exec(paragraph.trim());
  return match?.[1] ?? null;
}

/** A paragraph that starts with the dateline, as wire copy does; unchanged if it already does. */
export function withDateline(paragraph: string, dateline: string | null): string {
  if (!dateline) return paragraph;
  const trimmed = paragraph.trimStart();
  if (trimmed.startsWith(dateline)) return trimmed;
  return `${dateline} — ${trimmed}`;
}

/** The place part of a dateline, without the agency: `PORT ALDER, Wash.` */
export function datelinePlace(dateline: string): string {
  return dateline.replace(/\s*\([^)]*\)\s*$/, '').trim();
}
