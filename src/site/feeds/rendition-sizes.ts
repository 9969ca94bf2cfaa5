import { keyOfMediaUrl, type MediaStore } from '../../domain/media-store.js';

/**
 * Byte sizes of renditions, for RSS enclosures, when a rendition does not
 * carry its own (`Rendition.bytes`, set since the media store). Objects are
 * content-addressed and never change, so a size read once is kept; a missing
 * object is asked about again next time.
 */
export class RenditionSizes {
  private readonly sizes = new Map<string, number>();

  constructor(
    private readonly media: MediaStore,
    private readonly maxEntries = 20_000,
  ) {}

  /** Size in bytes of the object behind a `/media/<key>` URL path, or undefined when there is none. */
  async bytes(urlPath: string): Promise<number | undefined> {
    const known = this.sizes.get(urlPath);
    if (known !== undefined) return known;
    const key = keyOfMediaUrl(urlPath);
    if (!key) return undefined;
    const size = (await this.media.stat(key))?.size;
    if (size === undefined) return undefined;
    if (this.sizes.size >= this.maxEntries) this.sizes.clear();
    this.sizes.set(urlPath, size);
    return size;
  }
}
