import { escapeHtml } from '../../domain/html-text.js';

/** An element: its name, attributes (undefined ones left out) and children (text, elements; nullish and false ones left out). */
export interface XmlElement {
  name: string;
  attributes: Record<string, string | number | undefined>;
  children: XmlChild[];
}

export type XmlChild = XmlElement | string | null | undefined | false;

/** `el('link', { href })`, `el('title', {}, 'text')`: builds an element for `xmlDocument`. */
export function el(name: string, attributes: XmlElement['attributes'] = {}, ...children: XmlChild[]): XmlElement {
  return { name, attributes, children };
}

/**
 * A whole XML document, every text and attribute value through the one
 * escaper (which also drops characters XML cannot hold), so any headline
 * round-trips. Elements with element children are indented one per line.
 */
export function xmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${write(root, '')}\n`;
}

function write(element: XmlElement, indent: string): string {
  const attributes = Object.entries(element.attributes)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${escapeHtml(String(value))}"`)
    .join('');
  const children = element.children.filter((child): child is XmlElement | string => child !== null && child !== undefined && child !== false);
  if (children.length === 0) return `${indent}<${element.name}${attributes}/>`;
  if (children.every((child) => typeof child === 'string')) return `${indent}<${element.name}${attributes}>${escapeHtml(children.join(''))}</${element.name}>`;
  const inner = children.map((child) => (typeof child === 'string' ? `${indent}  ${escapeHtml(child)}` : write(child, `${indent}  `))).join('\n');
  return `${indent}<${element.name}${attributes}>\n${inner}\n${indent}</${element.name}>`;
}
