import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DatelineError } from '../domain/errors.js';
import { contentTypeOfKey, isMediaKey, type MediaObject, type MediaObjectInfo, type MediaStore, ORIGINALS_PREFIX } from '../domain/media-store.js';

const PREFIX_DIR = /^[0-9a-f]{2}$/;
/** Objects up to this size are read whole; larger ones are streamed. */
const WHOLE_READ_BYTES = 1024 * 1024;

/**
 * Media as files under one folder (DATA_DIR/media), for one machine:
 * `objects/<first two hex digits>/<sha256>.<ext>` for renditions and
 * `objects/originals/<ab>/<sha256>.<ext>` for uploaded originals. The two-digit
 * folders keep any one folder small. The type is the extension's, so nothing
 * but the bytes is stored. Several nodes cannot share this store unless the
 * folder itself is shared; use database or s3 for a cluster.
 */
export class FilesMediaStore implements MediaStore {
  readonly kind = 'files' as const;
  private readonly objects: string;

  constructor(readonly root: string) {
    this.objects = path.join(root, 'objects');
  }

  private fileOf(key: string): string {
    if (!isMediaKey(key)) throw new Error(`"${key}" is not a media key.`);
    const original = key.startsWith(ORIGINALS_PREFIX);
    const name = original ? key.slice(ORIGINALS_PREFIX.length) : key;
    return path.join(this.objects, ...(original ? ['originals'] : []), name.slice(0, 2), name);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const file = this.fileOf(key);
    if (await this.stat(key)) return;
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await mkdir(path.dirname(file), { recursive: true });
      // Written under a temporary name and renamed: a crash never leaves half a picture behind a key.
      await writeFile(temp, bytes);
      await rename(temp, file);
    } catch (cause) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw new DatelineError('MEDIA_STORE_FAILED', `Cannot write ${file}: ${(cause as Error).message}.`, {
        hint: 'Check that DATA_DIR/media is writable and the disk is not full.',
        cause,
      });
    }
  }

  async stat(key: string): Promise<MediaObjectInfo | undefined> {
    if (!isMediaKey(key)) return undefined;
    try {
      const info = await stat(this.fileOf(key));
      return info.isFile() ? { contentType: contentTypeOfKey(key), size: info.size } : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async get(key: string): Promise<MediaObject | undefined> {
    const info = await this.stat(key);
    if (!info) return undefined;
    // Renditions are tens of kilobytes: one read costs less than opening a stream; large originals still stream.
    if (info.size <= WHOLE_READ_BYTES) {
      try {
        return { ...info, body: await readFile(this.fileOf(key)) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    }
    return { ...info, body: createReadStream(this.fileOf(key)) };
  }

  async has(key: string): Promise<boolean> {
    return (await this.stat(key)) !== undefined;
  }

  async delete(key: string): Promise<void> {
    if (!isMediaKey(key)) return;
    await rm(this.fileOf(key), { force: true });
  }

  async *keys(after = ''): AsyncIterable<string> {
    // Renditions (hex names) sort before `originals/…`, so walking them first yields keys in string order.
    yield* this.walk(this.objects, '', after);
    yield* this.walk(path.join(this.objects, 'originals'), ORIGINALS_PREFIX, after);
  }

  private async *walk(dir: string, prefix: string, after: string): AsyncIterable<string> {
    for (const sub of (await listDir(dir)).filter((name) => PREFIX_DIR.test(name)).sort()) {
      for (const name of (await listDir(path.join(dir, sub))).sort()) {
        const key = prefix + name;
        if (isMediaKey(key) && name.startsWith(sub) && key > after) yield key;
      }
    }
  }

  async close(): Promise<void> {}
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
