import sanitizeHtml from 'sanitize-html';
import { HEADING_RENAMES, NON_TEXT_TAGS, withAdditions } from '../domain/story-html-policy.js';

/**
 * The allow-list for agency HTML. Everything else goes: scripts, styles,
 * classes, event handlers, iframes and embeds, and any link that is not
 * http(s) or mailto. Text inside dropped tags is kept unless the tag is one
 * whose text is code (script, style) or a frame.
 */
const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

/** The wire adds nothing to the shared base (domain/story-html-policy.ts). */
const ALLOWED = withAdditions([], {});

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED.tags,
  // rel is set by the transform below, which runs before this filter.
  allowedAttributes: ALLOWED.attributes,
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  nonTextTags: [...NON_TEXT_TAGS],
  // h1 would compete with the page's headline; it becomes a section heading.
  transformTags: {
    ...HEADING_RENAMES,
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
