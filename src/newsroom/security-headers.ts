import type { FastifyReply } from 'fastify';

/**
 * The newsroom app: its own scripts and styles only, no inline script, no
 * plugins, no framing, and pictures only from this site (an agency body's
 * `<img src="https://…">` is not fetched by an editor's browser; the
 * preview can load such pictures when the editor chooses, see below).
 * Inline style attributes stay allowed: the editor (ProseMirror) sets some.
 */
export const ADMIN_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Admin API answers are data, never pages: nothing in them may load or run anything. */
export const ADMIN_API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * A story preview: the reader page's stylesheet and this site's pictures,
 * no script at all. With `externalImages` (the editor asked for them) it may
 * also show pictures from other https sites. With `framedBySelf` the
 * newsroom app may show it in a frame (its desktop and phone widths).
 */
export function previewCsp(externalImages: boolean, framedBySelf = false): string {
  return [
    "default-src 'none'",
    "script-src 'none'",
    "style-src 'self'",
    `img-src 'self' data:${externalImages ? ' https:' : ''}`,
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    framedBySelf ? "frame-ancestors 'self'" : "frame-ancestors 'none'",
  ].join('; ');
}

/** What every newsroom response carries besides its CSP: no MIME sniffing, no framing, no leaking addresses. */
export function newsroomHeaders(reply: FastifyReply, csp: string): FastifyReply {
  return reply
    .header('content-security-policy', csp)
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', csp.includes("frame-ancestors 'self'") ? 'SAMEORIGIN' : 'DENY')
    .header('referrer-policy', 'same-origin');
}
