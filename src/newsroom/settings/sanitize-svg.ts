import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { DatelineError } from '../../domain/errors.js';

/**
 * SVG logos are sanitized by an allow-list before they are stored: only
 * drawing elements and presentation attributes survive. Scripts, event
 * handlers, links, foreign content, animation (which can rewrite an href),
 * and any reference outside the file itself (an `href` or `url()` that does
 * not start with `#`, CSS `@import`) are removed, and what was removed is
 * reported, so nothing leaves silently. DTDs with entity declarations are
 * refused outright (entity expansion).
 */
const ELEMENTS = new Set([
  'svg', 'g', 'defs', 'symbol', 'use', 'title', 'desc', 'style',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan', 'textPath',
  'linearGradient', 'radialGradient', 'stop', 'clipPath', 'mask', 'pattern', 'marker',
  'filter', 'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feFlood', 'feGaussianBlur', 'feMerge', 'feMergeNode', 'feMorphology', 'feOffset', 'feFuncA', 'feFuncB', 'feFuncG', 'feFuncR', 'feDropShadow',
]);

const ATTRIBUTES = new Set([
  'id', 'class', 'style', 'transform', 'viewBox', 'preserveAspectRatio', 'width', 'height', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy', 'fr',
  'd', 'points', 'pathLength', 'dx', 'dy', 'rotate', 'textLength', 'lengthAdjust', 'startOffset', 'method', 'spacing', 'side',
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit', 'stroke-dasharray', 'stroke-dashoffset', 'stroke-opacity',
  'opacity', 'color', 'display', 'visibility', 'overflow', 'clip-path', 'clip-rule', 'clipPathUnits', 'mask', 'maskUnits', 'maskContentUnits', 'filter', 'filterUnits', 'primitiveUnits',
  'font-family', 'font-size', 'font-weight', 'font-style', 'font-variant', 'font-stretch', 'letter-spacing', 'word-spacing', 'text-anchor', 'dominant-baseline', 'alignment-baseline', 'baseline-shift', 'text-decoration', 'writing-mode', 'xml:space',
  'gradientUnits', 'gradientTransform', 'spreadMethod', 'offset', 'stop-color', 'stop-opacity', 'patternUnits', 'patternContentUnits', 'patternTransform',
  'markerWidth', 'markerHeight', 'markerUnits', 'refX', 'refY', 'orient', 'marker-start', 'marker-mid', 'marker-end', 'vector-effect', 'shape-rendering', 'paint-order', 'mix-blend-mode', 'isolation',
  'in', 'in2', 'result', 'stdDeviation', 'mode', 'operator', 'k1', 'k2', 'k3', 'k4', 'values', 'type', 'tableValues', 'slope', 'intercept', 'amplitude', 'exponent', 'flood-color', 'flood-opacity', 'radius', 'color-interpolation-filters',
  'version', 'xmlns', 'xmlns:xlink', 'href', 'xlink:href', 'role', 'aria-label', 'aria-hidden', 'focusable',
]);

/** The largest SVG logo accepted: a logo is a few kilobytes; this leaves room for detailed ones. */
export const MAX_SVG_BYTES = 512 * 1024;

/** `url(...)` may only point inside the file (`url(#gradient)`); CSS may not import or escape its way out. */
function unsafeReference(value: string): boolean {
  const lowered = value.toLowerCase();
  if (/@import|expression\s*\(|javascript:|behavior\s*:|-moz-binding|\\/.test(lowered)) return true;
  for (const match of lowered.matchAll(/url\s*\(\s*(['"]?)\s*([^)'"]*)/g)) {
    if (!(match[2] ?? '').startsWith('#')) return true;
  }
  return false;
}

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

export interface SanitizedSvg {
  svg: string;
  /** What was taken out, said the way an editor reads it ("a script element", "the onload attribute"). */
  removed: string[];
}

export function sanitizeSvg(input: Buffer): SanitizedSvg {
  if (input.length > MAX_SVG_BYTES) {
    throw new DatelineError('TOO_LARGE', `The SVG is ${Math.round(input.length / 1024)} KB; a logo may be at most ${MAX_SVG_BYTES / 1024} KB.`, { hint: 'Simplify the drawing or export it optimised (for example with SVGO).' });
  }
  let text = input.toString('utf8').replace(/^\uFEFF/, '');
  const doctype = /<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>/i.exec(text);
  if (doctype?.[1] || /<!ENTITY/i.test(text)) {
    throw new DatelineError('BAD_INPUT', 'The SVG declares entities in a DOCTYPE, which Dateline does not accept.', { hint: 'Export the logo again as plain SVG without a DOCTYPE (most editors have a “minify” or “web” option).' });
  }
  const removed = new Set<string>();
  if (doctype) {
    text = text.replace(doctype[0], '');
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new DatelineError('BAD_INPUT', `The file is not well-formed SVG (line ${valid.err.line}: ${valid.err.msg}).`, { hint: 'Upload the logo as an .svg file saved by a drawing program, or as a PNG.' });
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    processEntities: true,
    htmlEntities: false,
    commentPropName: '#comment',
    cdataPropName: '#cdata',
    ignoreDeclaration: true,
    ignorePiTags: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
  });
  const tree = parser.parse(text) as Node[];
  const roots = tree.filter((node) => !('#comment' in node) && !('#text' in node && String(node['#text']).trim() === ''));
  const root = roots[0];
  if (roots.length !== 1 || !root || !('svg' in root)) {
    throw new DatelineError('BAD_INPUT', 'The file is XML but not an SVG drawing (its outermost element must be <svg>).', { hint: 'Upload the logo as an .svg file or a PNG.' });
  }
  const clean = cleanNodes([root], removed);
  const builder = new XMLBuilder({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', processEntities: true, suppressEmptyNode: true });
  let svg = builder.build(clean) as string;
  // The namespace is required for the file to render as an image.
  if (!/^<svg[^>]*\sxmlns="http:\/\/www\.w3\.org\/2000\/svg"/.test(svg)) svg = svg.replace(/^<svg/, '<svg xmlns="http://www.w3.org/2000/svg"');
  return { svg, removed: [...removed] };
}

function cleanNodes(nodes: Node[], removed: Set<string>): Node[] {
  const out: Node[] = [];
  for (const node of nodes) {
    if ('#comment' in node) continue;
    if ('#text' in node) {
      out.push({ '#text': String(node['#text']) });
      continue;
    }
    if ('#cdata' in node) {
      // CDATA holds a <style>'s CSS in many editors' exports: keep it as (escaped) text.
      const inner = (node['#cdata'] as Node[]).map((n) => String(n['#text'] ?? '')).join('');
      out.push({ '#text': inner });
      continue;
    }
    const name = Object.keys(node).find((k) => k !== ':@');
    if (!name) continue;
    if (!ELEMENTS.has(name)) {
      removed.add(`the <${name}> element`);
      continue;
    }
    const children = cleanNodes((node[name] as Node[]) ?? [], removed);
    if (name === 'style') {
      const css = children.map((c) => String(c['#text'] ?? '')).join('');
      if (unsafeReference(css)) {
        removed.add('a style element that loads something from outside the file');
        continue;
      }
    }
    const attributes: Record<string, string> = {};
    for (const [attribute, value] of Object.entries(node[':@'] ?? {})) {
      const lower = attribute.toLowerCase();
      if (lower.startsWith('on')) {
        removed.add(`the ${attribute} attribute`);
        continue;
      }
      if (!ATTRIBUTES.has(attribute)) {
        // Editors' own namespaces (inkscape:, sodipodi:, data-…) carry nothing a reader sees.
        if (!/^(inkscape|sodipodi|xmlns:\w+|data-|sketch|serif)/.test(attribute)) removed.add(`the ${attribute} attribute`);
        continue;
      }
      if ((lower === 'href' || lower === 'xlink:href') && !String(value).trim().startsWith('#')) {
        removed.add(`a link to ${String(value).slice(0, 60)}`);
        continue;
      }
      if (unsafeReference(String(value))) {
        removed.add(`the ${attribute} attribute that points outside the file`);
        continue;
      }
      attributes[attribute] = String(value);
    }
    const cleaned: Node = { [name]: children };
    if (Object.keys(attributes).length > 0) cleaned[':@'] = attributes;
    out.push(cleaned);
  }
  return out;
}
