import { escapeHtml } from '../../domain/html-text.js';
import { childElements, descendant, parseXml, type XmlElement, type XmlNode } from './xml-tree.js';

/**
 * Agency XML markup back to an HTML string. XHTML (and TT's well-formed
 * HTML5) is written out element for element, unsanitized: ingest sanitizes
 * every body the same way, whatever the format. NITF is mapped to the HTML
 * it means (hl2 → h2, body.content → its children) and its own structure
 * tags are unwrapped.
 */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * Escapes text for HTML, but leaves HTML named references (`&nbsp;`) alone: the
 * XML parser does not define them, so they reach us undecoded and are meant as HTML.
 */
function escapeText(text: string): string {
  return escapeHtml(text).replace(/&amp;([a-zA-Z][a-zA-Z0-9]{1,31};)/g, '&$1');
}

export function serializeChildren(nodes: XmlNode[], rename?: (name: string) => string | null): string {
  return nodes.map((n) => serializeNode(n, rename)).join('');
}

function serializeNode(node: XmlNode, rename?: (name: string) => string | null): string {
  // NITF is pretty-printed by its producers; its line breaks and indentation are not content.
  if (typeof node === 'string') return escapeText(rename ? node.replace(/\s+/g, ' ') : node);
  const name = rename ? rename(node.name) : node.name;
  if (name === null) return serializeChildren(node.children, rename);
  if (name === '') return '';
  const attrs = Object.entries(node.attrs)
    .filter(([k]) => k !== 'lang' || !rename)
    .map(([k, v]) => ` ${k}="${escapeHtml(v)}"`)
    .join('');
  if (VOID.has(name)) return `<${name}${attrs}>`;
  return `<${name}${attrs}>${serializeChildren(node.children, rename)}</${name}>`;
}

/** The body of an XHTML/HTML document, or the fragment itself when it has no `<body>`. */
export function xhtmlToHtml(container: XmlElement): string | null {
  const body = descendant(container, 'body');
  const html = serializeChildren(body ? body.children : container.children).trim();
  return html || null;
}

// NITF names → HTML; null unwraps (keeps the children), '' drops the element with its content.
const NITF: Record<string, string | null> = {
  hl1: 'h2',
  hl2: 'h3',
  block: null,
  'body.content': null,
  'body.head': '',
  'body.end': '',
  hedline: '',
  byline: '',
  dateline: '',
  distributor: '',
  abstract: '',
  'doc-id': '',
  media: '',
  'media-reference': '',
  'media-caption': '',
  'media-producer': '',
  note: '',
  classifier: null,
  location: null,
  person: null,
  org: null,
  'chron': null,
  'event': null,
  'function': null,
  'object.title': null,
  'virtloc': null,
  money: null,
  num: null,
  frac: null,
  pronounce: null,
  copyrite: null,
  lang: null,
};
const HTML_NAMES = new Set(['p', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'a', 'em', 'strong', 'b', 'i', 'q', 'br', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'blockquote', 'pre', 'sub', 'sup', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

function nitfName(name: string): string | null {
  if (name in NITF) return NITF[name]!;
  return HTML_NAMES.has(name) ? name : null;
}

/** An NITF document (or its `body.content`) as HTML paragraphs. */
export function nitfToHtml(element: XmlElement): string | null {
  const content = element.name === 'body.content' ? element : descendant(element, 'body.content');
  if (!content) return null;
  const html = childElements(content).length === 0 && !content.children.join('').trim() ? '' : serializeChildren(content.children, nitfName).trim();
  return html || null;
}

/** NITF sent as a string (ninjs bodies with a NITF content type); null when it is not well-formed. */
export function nitfStringToHtml(xml: string): string | null {
  const parsed = parseXml(xml);
  return parsed.ok ? (nitfToHtml(parsed.root) ?? '') : null;
}
