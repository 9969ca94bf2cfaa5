import { stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Byte sizes of rendition files, for RSS enclosures. Renditions are written
 * once under their own id and never change, so a size read once is kept;
 * a missing file is asked about again next time.
 */
export class RenditionSizes {
  private readonly sizes = new Map<string, number>();

  /** @param mediaDir the folder served at /media/ (DATA_DIR/media) */
  constructor(
    private readonly mediaDir: string,
    private readonly maxEntries = 20_000,
  ) {}

  /** Size in bytes of the file behind a `/media/…` URL path, or undefined when there is none. */
  async bytes(urlPath: string): Promise<number | undefined> {
    const known = this.sizes.get(urlPath);
    if (known !== undefined) return known;
    if (!urlPath.startsWith('/media/')) return undefined;
    const file = path.resolve(this.mediaDir, decodeURIComponent(urlPath.slice('/media/'.length)));
    if (!file.startsWith(path.resolve(this.mediaDir) + path.sep)) return undefined;
    try {
      const size = (await stat(file)).size;
      if (this.sizes.size >= this.maxEntries) this.sizes.clear();
      this.sizes.set(urlPath, size);
      return size;
    } catch {
      return undefined;
    }
  }
}
