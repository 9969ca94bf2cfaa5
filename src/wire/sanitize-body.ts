import sanitizeHtml from 'sanitize-html';

/**
 * The allow-list for agency HTML. Everything else goes: scripts, styles,
 * classes, event handlers, iframes and embeds, and any link that is not
 * http(s) or mailto. Text inside dropped tags is kept unless the tag is one
 * whose text is code (script, style) or a frame.
 */
const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'a', 'em', 'strong', 'b', 'i', 'br',
    'figure', 'figcaption', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
  ],
  // rel is set by the transform below, which runs before this filter.
  allowedAttributes: { a: ['href', 'rel'], th: ['colspan', 'rowspan', 'scope'], td: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', 'svg', 'math'],
  // h1 would compete with the page's headline; it becomes a section heading.
  transformTags: {
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    a: (tagName, attribs) => {
      const href = attribs.href?.trim();
      return { tagName, attribs: href && SAFE_HREF.test(href) ? { href, rel: 'noopener nofollow' } : ({} as Record<string, string>) };
    },
  },
};

/**
 * Agency HTML → HTML safe to store and show.
 * @example sanitizeBody('<p onclick="x()">Hi<script>evil()</script></p>') // '<p>Hi</p>'
 */
export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}
