import { textOfHtml } from '../domain/excerpt.js';
import { escapeHtml } from '../domain/html-text.js';

const TABLE = /<table\b[^>]*>((?:(?!<table\b)[\s\S])*?)<\/table>|<table\b[^>]*>|<\/table>/gi;
const CAPTION = /^\s*<caption\b[^>]*>([\s\S]*?)<\/caption>/i;

/**
 * Puts each table of a story's body in a box of its own that scrolls
 * sideways, so a wide agency table never makes a phone's page wider than the
 * screen. The box is a labelled region keyboard users can focus and scroll.
 * The body is sanitized HTML, so every `<table>` has its `</table>`; a
 * nested table gets a box inside its cell.
 *
 * @example tablesInScrollBoxes('<table><tr><td>1</td></tr></table>') // '<div class="table-scroll" role="region" tabindex="0" aria-label="Table"><table>…</table></div>'
 */
export function tablesInScrollBoxes(html: string): string {
  if (!/<table\b/i.test(html)) return html;
  return html.replace(TABLE, (tag, inner: string | undefined) => {
    if (tag.startsWith('</')) return '</table></div>';
    const opening = /^<table\b[^>]*>/i.exec(tag)?.[0] ?? '<table>';
    const caption = inner === undefined ? '' : textOfHtml(CAPTION.exec(inner)?.[1] ?? '').trim();
    const box = `<div class="table-scroll" role="region" tabindex="0" aria-label="${escapeHtml(caption || 'Table')}">`;
    // A whole table (no table inside it) is matched at once; an outer one only by its opening tag.
    return inner === undefined ? `${box}${opening}` : `${box}${tag}</div>`;
  });
}
