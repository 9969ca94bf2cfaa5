import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * A small element tree over fast-xml-parser's ordered output. Order matters
 * (mixed content in XHTML bodies), so the parser keeps it; namespace prefixes
 * are dropped (`nar:newsItem` → `newsItem`, `xml:lang` → `lang`): NewsML-G2,
 * XHTML and NITF element names do not collide where we look.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export type XmlParse = { ok: true; root: XmlElement } | { ok: false; reason: string };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // XML defines five named entities; HTML ones (&nbsp;) are not well-formed XML without a DTD, and decoding them costs a third of the parse.
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

export function parseXml(text: string): XmlParse {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    const atEnd = line >= text.trimEnd().split('\n').length ? ' (that is the end of the file: it looks cut off)' : '';
    return { ok: false, reason: `the XML is not well-formed at line ${line}, column ${col}: ${msg}${atEnd}` };
  }
  let raw: unknown[];
  try {
    raw = parser.parse(text) as unknown[];
  } catch (error) {
    return { ok: false, reason: `the XML could not be read: ${(error as Error).message}` };
  }
  const root = convert(raw).find((n): n is XmlElement => typeof n !== 'string');
  return root ? { ok: true, root } : { ok: false, reason: 'the XML has no root element' };
}

function convert(nodes: unknown[]): XmlNode[] {
  const out: XmlNode[] = [];
  for (const node of nodes) {
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (key === ':@') continue;
      if (key === '#text') out.push(String(value));
      else if (Array.isArray(value)) out.push({ name: key, attrs: attributes(record[':@']), children: convert(value) });
    }
  }
  return out;
}

function attributes(raw: unknown): Record<string, string> {
  const attrs: Record<string, string> = {};
  if (raw && typeof raw === 'object') for (const [k, v] of Object.entries(raw)) if (!k.startsWith('xmlns')) attrs[k] = String(v);
  return attrs;
}

export function childElements(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name));
}

export function child(el: XmlElement | null | undefined, name: string): XmlElement | null {
  return el ? (childElements(el, name)[0] ?? null) : null;
}

/** The element's text, its descendants' included, with white space collapsed; null when empty. */
export function textOf(el: XmlElement | null | undefined): string | null {
  if (!el) return null;
  const text = allText(el).replace(/\s+/g, ' ').trim();
  return text || null;
}

function allText(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : allText(c))).join('');
}

/** First descendant (depth first) with this name. */
export function descendant(el: XmlElement, name: string): XmlElement | null {
  for (const c of childElements(el)) {
    if (c.name === name) return c;
    const found = descendant(c, name);
    if (found) return found;
  }
  return null;
}
