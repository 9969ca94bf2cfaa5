import sanitizeHtml from 'sanitize-html';

/**
 * The allow-list for what the newsroom editor sends: the blocks TipTap
 * makes (paragraphs, headings, quotes, lists, links, pictures with captions)
 * and nothing else. Scripts, styles, classes, event handlers and frames go;
 * links keep http(s) and mailto only; pictures come from our own /media/ or
 * https. The reader page shows this HTML as it is, so this is the only gate.
 */
const SAFE_HREF = /^(https?:\/\/|mailto:|\/(?!\/))/i;
const SAFE_SRC = /^(https:\/\/|\/media\/)/i;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'a', 'em', 'strong', 'b', 'i', 's', 'code', 'br', 'hr',
    'figure', 'figcaption', 'img',
  ],
  allowedAttributes: {
    a: ['href', 'rel'],
    img: ['src', 'alt', 'width', 'height', 'data-media-id'],
    figure: ['data-media-id'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', 'svg', 'math'],
  // The page's headline is the one h1.
  transformTags: {
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    a: (tagName, attribs) => {
      const href = attribs.href?.trim();
      if (!href || !SAFE_HREF.test(href)) return { tagName, attribs: {} as Record<string, string> };
      // Links to other sites get nofollow; links inside the site stay plain.
      return { tagName, attribs: href.startsWith('/') ? { href } : { href, rel: 'noopener nofollow' } };
    },
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !SAFE_SRC.test(frame.attribs.src ?? ''),
};

/**
 * Editor HTML → HTML safe to store and show on the reader site.
 * @example sanitizeStoryHtml('<p onclick="x()">Hi<script>evil()</script></p>') // '<p>Hi</p>'
 */
export function sanitizeStoryHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}
