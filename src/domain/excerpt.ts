/** The mark that ends a cut teaser excerpt, as the page contract asks. */
export const EXCERPT_MARK = '[…]';

/**
 * Cuts text to at most `maxChars` characters at a word boundary and marks the
 * cut with ` […]`. Text that already fits is returned whole, unmarked.
 *
 * @example excerpt('The council met late into the night', 20) // 'The council met […]'
 */
export function excerpt(text: string, maxChars = 160, mark = EXCERPT_MARK): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= maxChars) return clean;
  // The mark and its space count towards maxChars.
  const budget = Math.max(1, maxChars - mark.length - 1);
  const room = clean.slice(0, budget + 1);
  const lastSpace = room.lastIndexOf(' ');
  const cut = (lastSpace > 0 ? room.slice(0, lastSpace) : clean.slice(0, budget)).replace(/[\s,;:.\-–—]+$/u, '');
  return `${cut} ${mark}`;
}

/**
 * Shortens a photo caption for teasers: cut at a word boundary and ended with
 * an ellipsis, as newsrooms shorten captions under thumbnails.
 */
export function shortCaption(caption: string, maxChars = 100): string {
  const clean = caption.replace(/\s+/g, ' ').trim();
  if (clean.length <= maxChars) return clean;
  const room = clean.slice(0, maxChars);
  const lastSpace = room.lastIndexOf(' ');
  const cut = (lastSpace > 0 ? room.slice(0, lastSpace) : room).replace(/[\s,;:.\-–—]+$/u, '');
  return `${cut}…`;
}

/** Plain text of an HTML fragment, for excerpts, descriptions and the search index; blocks and table cells stay words apart. */
export function textOfHtml(html: string): string {
  return html
    .replace(/<(?:br|\/p|\/h[1-6]|\/li|\/blockquote|\/t[dhr]|\/caption|\/figcaption)\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
