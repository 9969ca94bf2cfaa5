import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type MediaStore, mediaKey, readBody } from '../../src/domain/media-store.js';
import { FallbackMediaStore } from '../../src/media/fallback-media-store.js';
import { FilesMediaStore } from '../../src/media/files-media-store.js';
import { S3MediaStore } from '../../src/media/s3-media-store.js';
import { DatabaseMediaStore } from '../../src/store/database-media-store.js';
import { migrate, openDatabase } from '../../src/store/index.js';
import { MediaObjectRepo } from '../../src/store/media-object-repo.js';
import { startLocalS3 } from '../support/local-s3.js';
import { createPostgresDatabase, DIALECTS } from '../support/test-site.js';

interface Harness {
  store: MediaStore;
  close(): Promise<void>;
}

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'dateline-media-store-'));
}

async function databaseStore(dialect: 'sqlite' | 'postgres'): Promise<Harness> {
  const dataDir = await tempDir();
  const pgDb = dialect === 'postgres' ? await createPostgresDatabase() : undefined;
  const db = await openDatabase({ databaseUrl: pgDb?.url, dataDir });
  await migrate(db);
  return {
    store: new DatabaseMediaStore(new MediaObjectRepo(db)),
    async close() {
      await db.close();
      await pgDb?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const kinds: Array<[string, () => Promise<Harness>]> = [
  [
    'files',
    async () => {
      const dir = await tempDir();
      return { store: new FilesMediaStore(dir), close: () => rm(dir, { recursive: true, force: true }) };
    },
  ],
  ...DIALECTS.map((dialect): [string, () => Promise<Harness>] => [`database on ${dialect}`, () => databaseStore(dialect)]),
  [
    's3 (s3rver)',
    async () => {
      const s3 = await startLocalS3();
      const config = loadConfig({ ...s3.env, DATA_DIR: os.tmpdir() });
      const store = new S3MediaStore(config.media.s3!);
      return {
        store,
        async close() {
          await store.close();
          await s3.close();
        },
      };
    },
  ],
];

const jpeg = (n: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), randomBytes(n)]);

async function collect(keys: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const key of keys) out.push(key);
  return out;
}

for (const [kind, open] of kinds) {
  describe(`media store contract: ${kind}`, () => {
    let harness: Harness;
    let store: MediaStore;

    beforeAll(async () => {
      harness = await open();
      store = harness.store;
    });

    afterAll(async () => {
      await harness?.close();
    });

    it('gives back the bytes, type and size it was given, under the hash of the bytes', async () => {
      const bytes = jpeg(5000);
      const key = mediaKey(bytes, 'jpg');
      expect(await store.has(key)).toBe(false);
      await store.put(key, bytes, 'image/jpeg');
      const object = await store.get(key);
      expect(object).toMatchObject({ contentType: 'image/jpeg', size: bytes.length });
      expect((await readBody(object!)).equals(bytes)).toBe(true);
      expect(await store.stat(key)).toEqual({ contentType: 'image/jpeg', size: bytes.length });
      expect(await store.has(key)).toBe(true);
    });

    it('answers undefined for a key it does not hold, and for anything that is not a media key', async () => {
      const missing = mediaKey(jpeg(10), 'webp');
      expect(await store.get(missing)).toBeUndefined();
      expect(await store.stat(missing)).toBeUndefined();
      expect(await store.has(missing)).toBe(false);
      for (const bad of ['../dateline.sqlite', 'objects/ab/x.jpg', '', `${'a'.repeat(32)}.exe`, `/${'a'.repeat(32)}.jpg`, `${'a'.repeat(64)}.jpg`]) {
        expect(await store.get(bad), bad).toBeUndefined();
        await expect(store.put(bad, Buffer.from('x'), 'image/jpeg'), bad).rejects.toThrow(/not a media key/);
      }
    });

    it('takes the same key twice as one object', async () => {
      const bytes = jpeg(300);
      const key = mediaKey(bytes, 'avif');
      await store.put(key, bytes, 'image/avif');
      await store.put(key, bytes, 'image/avif');
      expect((await collect(store.keys())).filter((k) => k === key)).toHaveLength(1);
    });

    it('keeps a large original whole', async () => {
      const bytes = jpeg(3 * 1024 * 1024);
      const key = mediaKey(bytes, 'jpg', { original: true });
      expect(key).toMatch(/^originals\/[0-9a-f]{32}\.jpg$/);
      await store.put(key, bytes, 'image/jpeg');
      expect((await readBody((await store.get(key))!)).equals(bytes)).toBe(true);
    });

    it('lists every key in order and resumes after a given key', async () => {
      const added = await Promise.all(
        Array.from({ length: 7 }, async (_, i) => {
          const bytes = jpeg(100 + i);
          const key = mediaKey(bytes, 'webp');
          await store.put(key, bytes, 'image/webp');
          return key;
        }),
      );
      const all = await collect(store.keys());
      expect(all).toEqual([...all].sort());
      for (const key of added) expect(all).toContain(key);
      const middle = all[Math.floor(all.length / 2)] as string;
      expect(await collect(store.keys(middle))).toEqual(all.filter((k) => k > middle));
    });

    it('deletes, and deleting what is not there is no error', async () => {
      const bytes = jpeg(200);
      const key = mediaKey(bytes, 'jpg');
      await store.put(key, bytes, 'image/jpeg');
      await store.delete(key);
      expect(await store.has(key)).toBe(false);
      await store.delete(key);
      expect(await collect(store.keys())).not.toContain(key);
    });
  });
}

describe('a media store with a fallback (a library moving between stores)', () => {
  let dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('reads what only the previous store has, copies it forward, and writes to the new one only', async () => {
    const [a, b] = [await tempDir(), await tempDir()];
    dirs = [a, b];
    const next = new FilesMediaStore(a);
    const previous = new FilesMediaStore(b);
    const store = new FallbackMediaStore(next, previous);
    const old = jpeg(400);
    const oldKey = mediaKey(old, 'jpg');
    await previous.put(oldKey, old);
    const read = await store.get(oldKey);
    expect((await readBody(read!)).equals(old)).toBe(true);
    for (let i = 0; i < 50 && !(await next.has(oldKey)); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await next.has(oldKey)).toBe(true);

    const fresh = jpeg(500);
    const freshKey = mediaKey(fresh, 'jpg');
    await store.put(freshKey, fresh, 'image/jpeg');
    expect(await next.has(freshKey)).toBe(true);
    expect(await previous.has(freshKey)).toBe(false);
  });
});

describe('the s3 store says what is wrong', () => {
  it('names a missing bucket, and a server that does not answer, with MEDIA_STORE_FAILED', async () => {
    const s3 = await startLocalS3();
    const config = loadConfig({ ...s3.env, S3_BUCKET: 'no-such-bucket', DATA_DIR: os.tmpdir() });
    const store = new S3MediaStore(config.media.s3!);
    const bytes = jpeg(10);
    try {
      const error = await store.put(mediaKey(bytes, 'jpg'), bytes, 'image/jpeg').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'MEDIA_STORE_FAILED', message: expect.stringContaining('“no-such-bucket” does not exist') });
    } finally {
      await store.close();
      await s3.close();
    }
    // The server is gone now: nothing listens on its port.
    const gone = new S3MediaStore({ ...config.media.s3!, bucket: s3.bucket });
    try {
      const error = await gone.get(mediaKey(bytes, 'jpg')).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'MEDIA_STORE_FAILED', message: expect.stringContaining(`in bucket “${s3.bucket}” at ${s3.endpoint}`) });
      expect((error as { hint: string }).hint).toContain('S3_ENDPOINT');
    } finally {
      await gone.close();
    }
  });
});
