import { type MediaObject, type MediaObjectInfo, type MediaStore, readBody } from '../domain/media-store.js';

/**
 * Reads from `primary`, and from `previous` when the primary does not have a
 * key yet: while `dateline media migrate` copies a library, or just after an
 * operator switched MEDIA_STORE, every picture keeps answering. Writes go to
 * the primary only. A key found only in the previous store is copied forward
 * as it is read, so the old store empties out of use by itself.
 */
export class FallbackMediaStore implements MediaStore {
  constructor(
    private readonly primary: MediaStore,
    private readonly previous: MediaStore,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  get kind() {
    return this.primary.kind;
  }

  put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    return this.primary.put(key, bytes, contentType);
  }

  async get(key: string): Promise<MediaObject | undefined> {
    const found = await this.primary.get(key);
    if (found) return found;
    const old = await this.previous.get(key);
    if (!old) return undefined;
    // Read the old object whole once, answer with it, and copy it forward.
    const bytes = await readBody(old);
    this.primary.put(key, bytes, old.contentType).catch(this.onError);
    return { body: bytes, contentType: old.contentType, size: bytes.length };
  }

  async stat(key: string): Promise<MediaObjectInfo | undefined> {
    return (await this.primary.stat(key)) ?? this.previous.stat(key);
  }

  async has(key: string): Promise<boolean> {
    return (await this.stat(key)) !== undefined;
  }

  async delete(key: string): Promise<void> {
    await this.primary.delete(key);
  }

  keys(after?: string): AsyncIterable<string> {
    return this.primary.keys(after);
  }

  async close(): Promise<void> {
    await Promise.all([this.primary.close(), this.previous.close()]);
  }
}
