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
