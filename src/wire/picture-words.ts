import { holderInNotice } from '../domain/copyright-notice.js';
import type { WirePicture } from '../domain/wire-item.js';

/** The words a picture from the wire carries into the media library, when first fetched and when an update refreshes them. */
export function pictureWords(picture: WirePicture): { caption: string; credit: string; copyright: string; source: string; alt: string } {
  return {
    caption: picture.caption ?? '',
    // Without a credit line the notice's holder is the credit ("Copyright 2010 Getty Images." → Getty Images).
    credit: picture.credit ?? (picture.copyright ? holderInNotice(picture.copyright) : ''),
    copyright: picture.copyright ?? '',
    source: picture.byline ?? '',
    alt: picture.altText ?? picture.caption ?? '',
  };
}
