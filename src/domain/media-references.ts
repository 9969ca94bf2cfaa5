/**
 * The pictures a piece of stored HTML shows: figures the editor inserted
 * carry `data-media-id="N"`; agency and imported bodies may only point at a
 * rendition's content-addressed URL (`/media/<hash>.<ext>`). Both count, so
 * a picture embedded either way follows the visibility of its story.
 */
export interface MediaReferences {
  ids: number[];
  /** Rendition keys (`<32 hex>.<ext>`) named by URL. */
  keys: string[];
}

const ID_ATTRIBUTE = /data-media-id="([1-9]\d{0,15})"/g;
const KEY_URL = /\/media\/([0-9a-f]{32}\.(?:avif|webp|jpg))/g;

export function mediaReferencesIn(html: string): MediaReferences {
  const ids = new Set<number>();
  const keys = new Set<string>();
  for (const match of html.matchAll(ID_ATTRIBUTE)) ids.add(Number(match[1]));
  for (const match of html.matchAll(KEY_URL)) keys.add(match[1] as string);
  return { ids: [...ids], keys: [...keys] };
}

/** The key of a rendition URL path (`/media/<key>`), or undefined for any other path. */
export function renditionKeyOf(url: string): string | undefined {
  const match = /^\/media\/([0-9a-f]{32}\.(?:avif|webp|jpg))$/.exec(url);
  return match?.[1];
}
