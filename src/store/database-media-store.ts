import { isMediaKey, type MediaObject, type MediaObjectInfo, type MediaStore } from '../domain/media-store.js';
import type { MediaObjectRepo } from './media-object-repo.js';

/**
 * MEDIA_STORE=database: picture bytes in the `media_objects` table, so every
 * node that reaches the database serves every picture with nothing else to
 * run (the default on PostgreSQL). Renditions are tens of kilobytes; reading
 * one whole is cheaper than streaming it from a row.
 */
export class DatabaseMediaStore implements MediaStore {
  readonly kind = 'database' as const;

  constructor(private readonly objects: MediaObjectRepo) {}

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    if (!isMediaKey(key)) throw new Error(`"${key}" is not a media key.`);
    await this.objects.put(key, bytes, contentType);
  }

  async get(key: string): Promise<MediaObject | undefined> {
    if (!isMediaKey(key)) return undefined;
    const row = await this.objects.get(key);
    return row && { body: row.bytes, contentType: row.contentType, size: row.size };
  }

  async stat(key: string): Promise<MediaObjectInfo | undefined> {
    return isMediaKey(key) ? this.objects.stat(key) : undefined;
  }

  async has(key: string): Promise<boolean> {
    return (await this.stat(key)) !== undefined;
  }

  async delete(key: string): Promise<void> {
    await this.objects.delete(key);
  }

  keys(after?: string): AsyncIterable<string> {
    return this.objects.keys(after);
  }

  async close(): Promise<void> {}
}
