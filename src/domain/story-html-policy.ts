/**
 * The one allow-list base for story HTML: what a story body may hold
 * wherever it comes from. The wire (agency copy) and the newsroom editor
 * each sanitize with this base and add only what they need, so a wire story
 * an editor opens and saves keeps its tables and the rest of the agency's
 * markup. Plain data: the sanitizers (wire/sanitize-body.ts,
 * domain/sanitize-story-html.ts) hand it to sanitize-html.
 */
export const STORY_TAGS: readonly string[] = [
  'p', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'a', 'em', 'strong', 'b', 'i', 'br',
  'figure', 'figcaption',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
];

export const STORY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'rel'],
  th: ['colspan', 'rowspan', 'scope'],
  td: ['colspan', 'rowspan'],
};

/** Tags whose text is code or a frame: dropped with their content, never shown as text. */
export const NON_TEXT_TAGS: readonly string[] = ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', 'svg', 'math'];

/** The page's headline is the one h1; h5 and h6 are folded into h4. */
export const HEADING_RENAMES: Readonly<Record<string, string>> = { h1: 'h2', h5: 'h4', h6: 'h4' };

/** Tags and attributes of the base plus one sanitizer's additions. */
export function withAdditions(tags: readonly string[], attributes: Record<string, readonly string[]>): { tags: string[]; attributes: Record<string, string[]> } {
  const merged: Record<string, string[]> = {};
  for (const source of [STORY_ATTRIBUTES, attributes]) {
    for (const [tag, names] of Object.entries(source)) merged[tag] = [...new Set([...(merged[tag] ?? []), ...names])];
  }
  return { tags: [...new Set([...STORY_TAGS, ...tags])], attributes: merged };
}
