import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

/** The three places media bytes can live (MEDIA_STORE). */
export const MEDIA_STORE_KINDS = ['files', 'database', 's3'] as const;
export type MediaStoreKind = (typeof MEDIA_STORE_KINDS)[number];

/** One stored object as read back: its bytes (whole or as a stream), type and length. */
export interface MediaObject {
  body: Buffer | Readable;
  contentType: string;
  size: number;
}

/** What a store knows about an object without reading its bytes. */
export interface MediaObjectInfo {
  contentType: string;
  size: number;
}

/**
 * Where picture bytes live. Every key is content-addressed (see `mediaKey`):
 * the same bytes always get the same key, so a put is idempotent, an object
 * never changes once written, and any node that can reach the store serves
 * every picture. Implementations: files (DATA_DIR/media), database (the
 * `media_objects` table), s3 (any S3-compatible bucket).
 */
export interface MediaStore {
  readonly kind: MediaStoreKind;
  /** Stores `bytes` under `key`; writing a key that exists is a no-op (same key, same bytes). */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The object, or undefined when the store has no such key. */
  get(key: string): Promise<MediaObject | undefined>;
  /** Type and size, or undefined when the store has no such key. */
  stat(key: string): Promise<MediaObjectInfo | undefined>;
  has(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Every key, in a stable order, starting after `after` (for migrations that resume). */
  keys(after?: string): AsyncIterable<string>;
  /** Releases connections the store opened (S3 sockets); the database store's pool belongs to the Store. */
  close(): Promise<void>;
}

/** What each public extension is served as; renditions are only ever these three. */
export const CONTENT_TYPE_BY_EXT: Readonly<Record<string, string>> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
};

/** The extensions a public /media/ URL may end in: renditions, never originals. */
export const PUBLIC_EXTENSIONS = ['avif', 'webp', 'jpg'] as const;

/** Uploaded files as they came live under this prefix; the public route never serves it. */
export const ORIGINALS_PREFIX = 'originals/';

const HASH = /^[0-9a-f]{32}$/;
const KEY = /^(originals\/)?([0-9a-f]{32})\.(avif|webp|jpg|png|gif)$/;
const PUBLIC_KEY = /^[0-9a-f]{32}\.(avif|webp|jpg)$/;

/** SHA-256 of the bytes, lower-case hex: what `sha256sum` prints. */
export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The name of some bytes: the first 128 bits of their SHA-256, as 32 hex
 * digits (the start of what `sha256sum` prints, so a file can be checked by
 * hand). 128 bits are far past guessing, and no accidental collision will
 * ever happen; the whole 256 would cost every page about 16 more compressed
 * bytes per picture URL (a front page carries hundreds; see decision 0009).
 */
export function contentHash(bytes: Buffer): string {
  return sha256Hex(bytes).slice(0, 32);
}

/** The key of a rendition (`<content hash>.<ext>`) or, with `original`, of an uploaded original. */
export function mediaKey(bytes: Buffer, ext: string, options: { original?: boolean } = {}): string {
  const key = `${options.original ? ORIGINALS_PREFIX : ''}${contentHash(bytes)}.${ext}`;
  if (!KEY.test(key)) throw new Error(`"${ext}" is not a media extension Dateline stores.`);
  return key;
}

/** Whether `key` is one a MediaStore may hold; anything else (paths, `..`) is refused before any I/O. */
export function isMediaKey(key: string): boolean {
  return KEY.test(key);
}

/** Whether `key` names a rendition readers may fetch at /media/<key>. */
export function isPublicMediaKey(key: string): boolean {
  return PUBLIC_KEY.test(key);
}

/** The hash inside a key, which the bytes must hash to. */
export function hashOfKey(key: string): string {
  const match = KEY.exec(key);
  if (!match?.[2] || !HASH.test(match[2])) throw new Error(`"${key}" is not a media key.`);
  return match[2];
}

export function contentTypeOfKey(key: string): string {
  const ext = key.slice(key.lastIndexOf('.') + 1);
  return CONTENT_TYPE_BY_EXT[ext] ?? 'application/octet-stream';
}

/** The public URL path of a rendition's key. */
export function mediaUrl(key: string): string {
  return `/media/${key}`;
}

/** The key behind a content-addressed `/media/<key>` URL path, or undefined for any other path (old `/media/<id>/…` ones included). */
export function keyOfMediaUrl(urlPath: string): string | undefined {
  if (!urlPath.startsWith('/media/')) return undefined;
  const key = urlPath.slice('/media/'.length);
  return isPublicMediaKey(key) ? key : undefined;
}

/** Reads a stored object's body whole (the migration hashes it; small renditions are read whole anyway). */
export async function readBody(object: MediaObject): Promise<Buffer> {
  if (Buffer.isBuffer(object.body)) return object.body;
  const chunks: Buffer[] = [];
  for await (const chunk of object.body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
