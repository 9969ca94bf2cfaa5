import type { WireRendition } from '../../domain/wire-item.js';
import { type BodyKind, bodyKind, preferredBody, textToParagraphs } from './body-html.js';
import { nitfToHtml, xhtmlToHtml } from './markup-html.js';
import { childElements, descendant, type XmlElement } from './xml-tree.js';

/**
 * A NewsML-G2 `contentSet`: alternative renditions of the content. Text comes
 * inline (`inlineXML` with XHTML, HTML5 or NITF; `inlineData` with plain text),
 * pictures and video as `remoteContent` references.
 */
export function bodyFromContentSet(contentSet: XmlElement | null): string | null {
  if (!contentSet) return null;
  const candidates: Array<{ kind: BodyKind; element: XmlElement }> = [];
  for (const el of childElements(contentSet)) {
    if (el.name === 'inlineXML') candidates.push({ kind: inlineXmlKind(el), element: el });
    if (el.name === 'inlineData') candidates.push({ kind: bodyKind(el.attrs.contenttype ?? 'text/plain'), element: el });
  }
  // Prefer an alternative that actually holds something (LISTING_1 ships an empty inlineXML).
  const filled = candidates.filter((c) => c.element.children.some((n) => typeof n !== 'string' || n.trim()));
  const chosen = preferredBody(filled);
  if (!chosen) return null;
  const { kind, element } = chosen;
  if (element.name === 'inlineData') {
    const text = element.children.filter((n): n is string => typeof n === 'string').join('');
    return kind === 'html' || kind === 'xhtml' ? text.trim() || null : textToParagraphs(text);
  }
  if (kind === 'nitf') return nitfToHtml(element);
  if (kind === 'html' || kind === 'xhtml') return xhtmlToHtml(element);
  return null;
}

function inlineXmlKind(el: XmlElement): BodyKind {
  const declared = el.attrs.contenttype;
  if (declared) return bodyKind(declared);
  const root = childElements(el)[0]?.name;
  if (root === 'html' || root === 'body' || descendant(el, 'body')) return 'xhtml';
  if (root === 'nitf' || descendant(el, 'body.content')) return 'nitf';
  return 'other';
}

export function renditionsFromContentSet(contentSet: XmlElement | null): WireRendition[] {
  if (!contentSet) return [];
  return childElements(contentSet, 'remoteContent').flatMap((rc) => {
    const href = (rc.attrs.href ?? rc.attrs.residref ?? '').trim();
    if (!href) return [];
    return [
      {
        name: rc.attrs.rendition ?? '',
        href,
        contentType: rc.attrs.contenttype ?? null,
        width: whole(rc.attrs.width),
        height: whole(rc.attrs.height),
        sizeInBytes: whole(rc.attrs.size),
      },
    ];
  });
}

function whole(raw: string | undefined): number | null {
  if (raw === undefined || !/^\s*\d+\s*$/.test(raw)) return null;
  return Number(raw);
}
