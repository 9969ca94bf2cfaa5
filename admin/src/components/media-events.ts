import type { AdminMedia } from '../../../src/newsroom/admin-api-contract.ts';

/**
 * A picture's details were saved somewhere (the publish dialog's alt text,
 * the library): anything showing that picture can refresh itself without
 * the screen around it passing the new copy down.
 */
const EVENT = 'dateline:media-saved';

export function announceMediaSaved(media: AdminMedia): void {
  window.dispatchEvent(new CustomEvent<AdminMedia>(EVENT, { detail: media }));
}

export function onMediaSaved(listener: (media: AdminMedia) => void): () => void {
  const handler = (event: Event) => listener((event as CustomEvent<AdminMedia>).detail);
  window.addEventListener(EVENT, handler);
  return () => window.removeEventListener(EVENT, handler);
}
