/** One encoded size of a picture. */
export interface Rendition {
  format: 'avif' | 'webp' | 'jpeg';
  width: number;
  height: number;
  /** Public URL path, content-addressed: `/media/<sha256 of the bytes>.webp`. */
  url: string;
  /** Size of the file, for feed enclosures; absent on renditions made before the media store (0013). */
  bytes?: number;
}

/** A picture in the media library with what the photo desk knows about it. */
export interface Media {
  id: number;
  width: number;
  height: number;
  /** Whole caption; teasers shorten it. */
  caption: string;
  /** Copyright holder, shown as `Credit: NAME`. */
  credit: string;
  /** Photographer and source, shown in parentheses. */
  source: string;
  alt: string;
  renditions: Rendition[];
  /** The point crops keep in view, 0–1 from the left and from the top; the centre when nobody chose. */
  focal?: FocalPoint;
  /** Renditions cut around the focal point: the social image (`SOCIAL_CROP`). */
  crops?: Rendition[];
  /** The rights line the agency or the file gave ("Copyright 2010 Getty Images"); empty or absent when none. */
  copyright?: string;
}

export interface FocalPoint {
  x: number;
  y: number;
}

/** The social image (Open Graph, X cards): 1.91:1, the size those services show best. */
export const SOCIAL_CROP = { width: 1200, height: 630 } as const;

/**
 * The part of a picture a crop to `aspect` (width / height) keeps: as large
 * as the picture allows, centred on the focal point, moved inwards where the
 * point is near an edge.
 */
export function cropAround(size: { width: number; height: number }, focal: FocalPoint, aspect: number): { left: number; top: number; width: number; height: number } {
  const width = Math.min(size.width, Math.round(size.height * aspect));
  const height = Math.min(size.height, Math.round(width / aspect));
  const left = Math.round(Math.min(Math.max(focal.x * size.width - width / 2, 0), size.width - width));
  const top = Math.round(Math.min(Math.max(focal.y * size.height - height / 2, 0), size.height - height));
  return { left, top, width, height };
}

/** The social image cut around the focal point, when the picture has one (pictures from before 0025 do not). */
export function socialImageOf(media: Media): Rendition | undefined {
  const aspect = SOCIAL_CROP.width / SOCIAL_CROP.height;
  return media.crops?.find((r) => r.format === 'jpeg' && Math.abs(r.width / r.height - aspect) < 0.02);
}

/** A focal point as CSS `object-position`, for crops the browser makes (teasers' fixed aspect ratios). */
export function objectPosition(focal: FocalPoint | undefined): string | undefined {
  if (!focal || (focal.x === 0.5 && focal.y === 0.5)) return undefined;
  const percent = (n: number) => `${Math.round(Math.min(Math.max(n, 0), 1) * 1000) / 10}%`;
  return `${percent(focal.x)} ${percent(focal.y)}`;
}

/** The rendition widths made for every picture. */
export const RENDITION_WIDTHS = [320, 640, 960, 1280] as const;

/** The formats made, best first; browsers pick the first they support. */
export const RENDITION_FORMATS = ['avif', 'webp', 'jpeg'] as const;

export const MIME_BY_FORMAT: Record<Rendition['format'], string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpeg: 'image/jpeg',
};

/** `url 320w, url 640w …` for one format. */
export function srcsetOf(media: Media, format: Rendition['format']): string {
  return media.renditions
    .filter((r) => r.format === format)
    .sort((a, b) => a.width - b.width)
    .map((r) => `${r.url} ${r.width}w`)
    .join(', ');
}

/** The rendition closest to `width` in a format, for `src` and social cards. */
export function renditionNear(media: Media, width: number, format: Rendition['format'] = 'jpeg'): Rendition | undefined {
  const candidates = media.renditions.filter((r) => r.format === format).sort((a, b) => a.width - b.width);
  return candidates.find((r) => r.width >= width) ?? candidates[candidates.length - 1];
}

/** "Credit:", "Photo:", "©" and the like that people type before a name. */
const CREDIT_PREFIX = /^\s*(?:(?:photo(?:graph)?|credit|foto|bild)\s*:\s*|©\s*|\(c\)\s*)+/i;

function sameName(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;
}

/**
 * The credit line as readers see it: `Credit: NAME` and then, in
 * parentheses, the photographer and agency the credit does not already name,
 * each once. So "Jane Doe" + "Jane Doe / Reuters" reads "Credit: Jane Doe
 * (Reuters)", never "Jane Doe (Jane Doe / Reuters)"; with no credit the
 * first source name becomes the credit.
 */
export function creditLine(media: Pick<Media, 'credit' | 'source'>): { credit: string; source: string } {
  let credit = media.credit.replace(CREDIT_PREFIX, '').trim();
  const names: string[] = [];
  for (const part of media.source.split(/\s*[/;|]\s*|\s+(?:for|via)\s+/i)) {
    const name = part.replace(CREDIT_PREFIX, '').trim();
    if (!name) continue;
    if (!credit) {
      credit = name;
      continue;
    }
    if (sameName(name, credit) || names.some((n) => sameName(n, name))) continue;
    names.push(name);
  }
  return { credit, source: names.join(' / ') };
}
