import { escapeHtml } from '../../domain/html-text.js';

/**
 * A Ghost post's body as HTML. Ghost exports the rendered `html`; older
 * posts carry only mobiledoc, newer drafts sometimes only lexical. Those
 * are read for their text and pictures (paragraphs, headings, quotes,
 * lists, images, HTML and Markdown cards); anything else is reported.
 */
export function ghostBodyHtml(post: { html?: string | null; lexical?: string | null; mobiledoc?: string | null }): { html: string; note: string | null } {
  if (post.html) return { html: post.html, note: null };
  if (post.lexical) {
    try {
      return { html: lexicalHtml(JSON.parse(post.lexical)), note: 'the body was rebuilt from Ghost’s editor data (lexical): check its formatting' };
    } catch {
      return { html: '', note: 'its lexical body could not be read; the story has no body' };
    }
  }
  if (post.mobiledoc) {
    try {
      return { html: mobiledocHtml(JSON.parse(post.mobiledoc)), note: 'the body was rebuilt from Ghost’s editor data (mobiledoc): check its formatting' };
    } catch {
      return { html: '', note: 'its mobiledoc body could not be read; the story has no body' };
    }
  }
  return { html: '', note: null };
}

interface LexicalNode {
  type?: string;
  text?: string;
  tag?: string;
  listType?: string;
  url?: string;
  src?: string;
  alt?: string;
  caption?: string;
  html?: string;
  markdown?: string;
  children?: LexicalNode[];
}

function lexicalHtml(doc: { root?: LexicalNode }): string {
  const inline = (nodes: LexicalNode[] = []): string =>
    nodes.map((n) => (n.type === 'link' ? `<a href="${escapeHtml(n.url ?? '')}">${inline(n.children)}</a>` : n.type === 'linebreak' ? '<br>' : escapeHtml(n.text ?? inline(n.children)))).join('');
  const block = (n: LexicalNode): string => {
    switch (n.type) {
      case 'paragraph':
        return `<p>${inline(n.children)}</p>`;
      case 'heading':
        return `<${n.tag ?? 'h2'}>${inline(n.children)}</${n.tag ?? 'h2'}>`;
      case 'quote':
      case 'aside':
        return `<blockquote>${inline(n.children)}</blockquote>`;
      case 'list':
        return `<${n.listType === 'number' ? 'ol' : 'ul'}>${(n.children ?? []).map((li) => `<li>${inline(li.children)}</li>`).join('')}</${n.listType === 'number' ? 'ol' : 'ul'}>`;
      case 'image':
        return `<figure><img src="${escapeHtml(n.src ?? '')}" alt="${escapeHtml(n.alt ?? '')}">${n.caption ? `<figcaption>${n.caption}</figcaption>` : ''}</figure>`;
      case 'html':
        return n.html ?? '';
      case 'markdown':
        return (n.markdown ?? '').split(/\n\s*\n/).map((p) => `<p>${escapeHtml(p.trim())}</p>`).join('');
      default:
        return n.children ? n.children.map(block).join('') : '';
    }
  };
  return (doc.root?.children ?? []).map(block).join('\n');
}

type MobiledocSection = [number, ...unknown[]];

function mobiledocHtml(doc: { markups?: Array<[string, string[]?]>; cards?: Array<[string, Record<string, string>]>; sections?: MobiledocSection[] }): string {
  const cards = doc.cards ?? [];
  const text = (markers: unknown[] = []) => markers.map((m) => (Array.isArray(m) ? escapeHtml(String(m[3] ?? '')) : '')).join('');
  return (doc.sections ?? [])
    .map((section) => {
      const [kind, ...rest] = section;
      if (kind === 1) {
        const tag = String(rest[0] ?? 'p').toLowerCase();
        return `<${tag}>${text(rest[1] as unknown[])}</${tag}>`;
      }
      if (kind === 3) {
        const tag = rest[0] === 'ol' ? 'ol' : 'ul';
        return `<${tag}>${((rest[1] as unknown[][]) ?? []).map((li) => `<li>${text(li)}</li>`).join('')}</${tag}>`;
      }
      if (kind === 10) {
        const [name, payload] = cards[Number(rest[0])] ?? ['', {}];
        if (name === 'image') return `<figure><img src="${escapeHtml(payload.src ?? '')}" alt="${escapeHtml(payload.alt ?? '')}">${payload.caption ? `<figcaption>${payload.caption}</figcaption>` : ''}</figure>`;
        if (name === 'html') return payload.html ?? '';
        if (name === 'markdown') return (payload.markdown ?? '').split(/\n\s*\n/).map((p) => `<p>${escapeHtml(p.trim())}</p>`).join('');
      }
      return '';
    })
    .join('\n');
}
