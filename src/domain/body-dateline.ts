import { datelineOf } from './dateline.js';
import { textOfHtml } from './excerpt.js';
import { escapeHtml } from './html-text.js';

const FIRST_PARAGRAPH = /<p(?:\s[^>]*)?>/i;

/**
 * A story's body as readers see it: the first paragraph opens with the
 * dateline the editor typed (`PORT ALDER, Wash. — The ferry…`), set in its
 * own span so the theme can style it. A body whose first paragraph already
 * opens with a dateline (wire copy arrives that way: `PORT ALDER, Wash. (PWS)
 * — …`) is left as it is, so the place is never said twice. Used by the
 * published page and the newsroom's preview alike, so they cannot differ.
 *
 * @example bodyWithDateline('<p>The ferry was late.</p>', 'PORT ALDER') // '<p><span class="dateline">PORT ALDER</span> — The ferry was late.</p>'
 */
export function bodyWithDateline(bodyHtml: string, dateline: string | null): string {
  const place = dateline?.replace(/\s+/g, ' ').trim();
  if (!place) return bodyHtml;
  const opening = `<span class="dateline">${escapeHtml(place)}</span> — `;
  const match = FIRST_PARAGRAPH.exec(bodyHtml);
  if (!match) return bodyHtml.trim() === '' ? bodyHtml : `<p>${opening.trimEnd()}</p>${bodyHtml}`;
  const start = match.index + match[0].length;
  const end = bodyHtml.indexOf('</p>', start);
  const firstText = textOfHtml(bodyHtml.slice(start, end === -1 ? undefined : end)).trimStart();
  if (firstText.toUpperCase().startsWith(place.toUpperCase()) || datelineOf(firstText) !== null) return bodyHtml;
  return `${bodyHtml.slice(0, start)}${opening}${bodyHtml.slice(start)}`;
}
