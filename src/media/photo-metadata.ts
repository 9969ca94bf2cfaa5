import ExifReader from 'exifreader';

/**
 * What a photo desk wrote into a picture file: IPTC IIM (APP13, what
 * agencies and Photo Mechanic write) and XMP (what Lightroom, Photoshop and
 * newer agency feeds write). Empty strings for what the file does not say.
 */
export interface EmbeddedPhotoFacts {
  /** IPTC 2:120 Caption-Abstract / XMP dc:description. */
  caption: string;
  /** IPTC 2:105 / photoshop:Headline. */
  headline: string;
  /** IPTC 2:80 By-line / XMP dc:creator: the photographer. */
  creator: string;
  /** IPTC 2:110 Credit / photoshop:Credit: the credit line the agency asks for. */
  credit: string;
  /** IPTC 2:116 Copyright Notice / XMP dc:rights. */
  copyright: string;
  /** IPTC 2:115 Source / photoshop:Source: the agency or owner. */
  source: string;
  /** XMP Iptc4xmpCore:AltTextAccessibility (IPTC 2021), when the photographer wrote one. */
  alt: string;
}

export const NO_FACTS: EmbeddedPhotoFacts = { caption: '', headline: '', creator: '', credit: '', copyright: '', source: '', alt: '' };

type Tag = { description?: unknown } | undefined;

/**
 * Reads the file's own caption, credit and so on. XMP wins over IPTC IIM
 * where both say something (the Metadata Working Group's rule when the two
 * are not known to be in sync: XMP is the newer, Unicode-safe copy). A
 * picture whose metadata cannot be parsed still uploads: the facts are only
 * suggestions for the form, so a broken block yields none.
 */
export function readPhotoMetadata(bytes: Buffer): EmbeddedPhotoFacts {
  let tags: ExifReader.ExpandedTags;
  try {
    tags = ExifReader.load(bytes, { expanded: true, async: false });
  } catch {
    return NO_FACTS;
  }
  const iptc = (tags.iptc ?? {}) as Record<string, Tag>;
  const xmp = (tags.xmp ?? {}) as Record<string, Tag>;
  const pick = (...candidates: Tag[]) => {
    for (const tag of candidates) {
      const text = cleanText(tag?.description);
      if (text) return text;
    }
    return '';
  };
  return {
    caption: pick(xmp.description, iptc['Caption/Abstract']),
    headline: pick(xmp.Headline, iptc.Headline),
    creator: pick(xmp.creator, iptc['By-line']),
    credit: pick(xmp.Credit, iptc.Credit),
    copyright: pick(xmp.rights, iptc['Copyright Notice']),
    source: pick(xmp.Source, iptc.Source),
    alt: pick(xmp.AltTextAccessibility),
  };
}

/** One line of text: no control characters, whitespace collapsed, at most 2000 characters. */
function cleanText(value: unknown): string {
  if (typeof value !== 'string') return '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters from untrusted file metadata is the point
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 2000);
}

/** A copyright notice as a name: "© 2026 Mara Lindqvist. All rights reserved." → "Mara Lindqvist". */
export function holderOfCopyright(notice: string): string {
  return notice
    .replace(/all rights reserved\.?/i, '')
    .replace(/^\s*(?:©|\(c\)|copyright)\s*/i, '')
    .replace(/^(?:©\s*)?\d{4}(?:\s*[-–]\s*\d{4})?[,.]?\s*/, '')
    .replace(/[\s.,]+$/, '')
    .trim();
}

const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;

/**
 * The library's fields from the file's facts. `credit` is the credit line
 * (the copyright holder when the file names no credit line, the
 * photographer last); `source` names the photographer and the agency once
 * each, leaving out whoever the credit already names, so the reader page
 * never says "Credit: Mara Lindqvist (Mara Lindqvist)".
 */
export function fieldsFromFacts(facts: EmbeddedPhotoFacts): { caption: string; credit: string; source: string; alt: string } {
  const credit = facts.credit || holderOfCopyright(facts.copyright) || facts.creator;
  const source: string[] = [];
  for (const name of [facts.creator, facts.source]) {
    if (name && !same(name, credit) && !source.some((s) => same(s, name))) source.push(name);
  }
  return { caption: facts.caption || facts.headline, credit, source: source.join(' / '), alt: facts.alt };
}
