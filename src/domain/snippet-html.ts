import { escapeHtml } from './html-text.js';

/** Marks a database puts around matched words in a snippet: control characters no story text uses. */
export const MATCH_START = '\u0002';
export const MATCH_END = '\u0003';
const MARKS = new RegExp(`(${MATCH_START}|${MATCH_END})`);

/**
 * HTML for a search snippet: the text escaped, and only the matched words
 * (between MATCH_START and MATCH_END) wrapped in `<mark>`. Stray or unpaired
 * marks are dropped, so the result is always balanced.
 *
 * @example snippetHtml('use \u0002<b>\u0003 & more') // 'use <mark>&lt;b&gt;</mark> &amp; more'
 */
export function snippetHtml(marked: string): string {
  let html = '';
  let open = false;
  for (const part of marked.split(MARKS)) {
    if (part === MATCH_START) {
      if (!open) html += '<mark>';
      open = true;
    } else if (part === MATCH_END) {
      if (open) html += '</mark>';
      open = false;
    } else {
      html += escapeHtml(part);
    }
  }
  return open ? `${html}</mark>` : html;
}

/** Whether a snippet holds a matched word. */
export function hasMatch(marked: string): boolean {
  return marked.includes(MATCH_START);
}
