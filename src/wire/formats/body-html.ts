import { escapeHtml } from '../../domain/html-text.js';

/** Bodies as HTML. Nothing here sanitizes: ingest does, once, for every format. */

/** Plain text → paragraphs: blank lines separate paragraphs; when there are none, every line is one. */
export function textToParagraphs(text: string): string | null {
  const normalized = text.replace(/\r\n?/g, '\n').trim();
  if (!normalized) return null;
  const blocks = /\n\s*\n/.test(normalized) ? normalized.split(/\n\s*\n/) : normalized.split('\n');
  const paragraphs = blocks.map((b) => b.replace(/\s*\n\s*/g, ' ').trim()).filter(Boolean);
  return paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
}

/** The inside of `<body>` when an agency sends a whole HTML document as the body. */
export function innerBody(html: string): string {
  const match = /<body\b[^>]*>([\s\S]*)<\/body\s*>/i.exec(html);
  return (match ? match[1]! : html).trim();
}

export type BodyKind = 'html' | 'xhtml' | 'text' | 'nitf' | 'other';

/** What a content type (or a 1.x `body_<x>` suffix) says about a body. */
export function bodyKind(contentType: string | null): BodyKind {
  const t = (contentType ?? 'text/plain').toLowerCase();
  if (t.includes('xhtml')) return 'xhtml';
  if (t.includes('html')) return 'html';
  if (t.includes('nitf')) return 'nitf';
  if (t === 'text' || t.startsWith('text/plain') || t === 'plain') return 'text';
  return 'other';
}

const PREFERENCE: Record<BodyKind, number> = { html: 4, xhtml: 3, nitf: 2, text: 1, other: 0 };

/** The best of several alternative bodies: HTML, then XHTML, then NITF, then plain text. */
export function preferredBody<T extends { kind: BodyKind }>(bodies: T[]): T | null {
  let best: T | null = null;
  for (const body of bodies) if (!best || PREFERENCE[body.kind] > PREFERENCE[best.kind]) best = body;
  return best;
}
