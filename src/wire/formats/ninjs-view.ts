import type { WirePicture, WireRendition } from '../../domain/wire-item.js';
import { type BodyKind, bodyKind } from './body-html.js';
import { isPlainObject } from './detect-format.js';

/**
 * Reads a ninjs object the same way whatever its branch: 3.x names are
 * camelCase, 2.x and 1.x lower-case (`versionCreated` ↔ `versioncreated`),
 * and 3.x renamed `embargoed` to `embargoedUntil`. The 1.x shapes that differ
 * more (pattern properties, objects of objects) are read by the functions below.
 */
export class NinjsView {
  constructor(
    readonly doc: Record<string, unknown>,
    readonly major: 1 | 2 | 3,
  ) {}

  /** The property's name in this branch, from its 3.x name. */
  key(camel: string): string {
    if (this.major === 3) return camel;
    return camel === 'embargoedUntil' ? 'embargoed' : camel.toLowerCase();
  }

  get(camel: string): unknown {
    return this.doc[this.key(camel)];
  }

  string(camel: string): string | null {
    const value = this.get(camel);
    return typeof value === 'string' && value.trim() ? value.trim() : null;
  }
}

export interface NinjsText {
  role: string | null;
  kind: BodyKind;
  value: string;
}

/** Headlines, bodies or descriptions as a list, from 2.x/3.x arrays or 1.x `body_<x>` pattern properties. */
export function textsOf(view: NinjsView, plural: 'headlines' | 'bodies' | 'descriptions'): NinjsText[] {
  if (view.major === 1) {
    const prefix = { headlines: 'headline_', bodies: 'body_', descriptions: 'description_' }[plural];
    const out: NinjsText[] = [];
    if (plural === 'headlines' && typeof view.doc.headline === 'string') out.push({ role: null, kind: 'text', value: view.doc.headline });
    for (const [key, value] of Object.entries(view.doc)) {
      if (!key.startsWith(prefix) || typeof value !== 'string') continue;
      // body_html → no role, html; description_caption_xhtml → role caption, xhtml.
      const parts = key.slice(prefix.length).split('_');
      const last = parts[parts.length - 1]!;
      const known = ['text', 'html', 'xhtml', 'nitf'].includes(last);
      const role = known ? parts.slice(0, -1).join('_') || null : parts.join('_');
      out.push({ role, kind: known ? bodyKind(last === 'text' ? 'text/plain' : last) : 'text', value });
    }
    return out;
  }
  const list = view.get(plural);
  if (!Array.isArray(list)) return [];
  return list.filter(isPlainObject).flatMap((entry) => {
    const value = entry.value;
    if (typeof value !== 'string') return [];
    const contentType = entry[view.key('contentType')];
    return [{ role: typeof entry.role === 'string' ? entry.role : null, kind: bodyKind(typeof contentType === 'string' ? contentType : null), value }];
  });
}

/** The text with one of these roles (in order of preference); plain text before HTML for the same role. */
export function byRole(texts: NinjsText[], roles: Array<string | null>): string | null {
  for (const role of roles) {
    const matching = texts.filter((t) => (t.role?.toLowerCase() ?? null) === role && t.value.trim());
    const chosen = matching.find((t) => t.kind === 'text') ?? matching[0];
    if (chosen) return chosen.value.trim();
  }
  return null;
}

export function renditionsOf(view: NinjsView): WireRendition[] {
  const raw = view.get('renditions');
  const entries: Array<[string, Record<string, unknown>]> = Array.isArray(raw)
    ? raw.filter(isPlainObject).map((r) => [typeof r.name === 'string' ? r.name : '', r])
    : isPlainObject(raw)
      ? Object.entries(raw).filter((e): e is [string, Record<string, unknown>] => isPlainObject(e[1]))
      : [];
  return entries.flatMap(([name, r]) => {
    // A rendition without href (the IPTC guide shows empty ones) gives ingest nothing to fetch.
    if (typeof r.href !== 'string' || !r.href.trim()) return [];
    const contentType = r[view.major === 1 ? 'mimetype' : view.key('contentType')];
    return [
      {
        name,
        href: r.href.trim(),
        contentType: typeof contentType === 'string' ? contentType : null,
        width: positive(r.width),
        height: positive(r.height),
        sizeInBytes: positive(r[view.key('sizeInBytes')]),
      },
    ];
  });
}

/** A picture (the item itself, or one of its associations) with caption, credit and byline. */
export function pictureOf(view: NinjsView): WirePicture {
  const descriptions = textsOf(view, 'descriptions');
  const caption = byRole(descriptions, ['caption', 'text', null, 'description', 'summary']);
  return {
    uri: view.string('uri'),
    caption,
    credit: byRole(descriptions, ['creditline', 'credit']) ?? view.string('copyrightHolder'),
    byline: view.string(view.major === 1 ? 'byline' : 'by'),
    copyright: view.string('copyrightNotice'),
    altText: byRole(descriptions, ['alt', 'alttext', 'alt_text', 'alternative', 'alternativetext']),
    renditions: renditionsOf(view),
  };
}

function positive(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}
