import sanitizeHtml from 'sanitize-html';
import { HEADING_RENAMES, NON_TEXT_TAGS, withAdditions } from './story-html-policy.js';

/**
 * The allow-list for what the newsroom editor sends: the blocks TipTap
 * makes (paragraphs, headings, quotes, lists, links, pictures with captions)
 * and nothing else. Scripts, styles, classes, event handlers and frames go;
 * links keep http(s) and mailto only; pictures come from our own /media/ or
 * https. The reader page shows this HTML as it is, so this is the only gate.
 */
const SAFE_HREF = /^(https?:\/\/|mailto:|\/(?!\/))/i;
const SAFE_SRC = /^(https:\/\/|\/media\/)/i;

/** The shared base (domain/story-html-policy.ts, which the wire uses too) plus what the editor makes on its own. */
const ALLOWED = withAdditions(['s', 'code', 'hr', 'img'], {
  img: ['src', 'alt', 'width', 'height', 'data-media-id'],
  figure: ['data-media-id'],
});

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED.tags,
  allowedAttributes: ALLOWED.attributes,
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  nonTextTags: [...NON_TEXT_TAGS],
  // The page's headline is the one h1.
  transformTags: {
    ...HEADING_RENAMES,
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
