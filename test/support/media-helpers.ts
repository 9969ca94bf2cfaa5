import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { expect } from 'vitest';
import { openStore } from '../../src/cli/open-store.js';
import { loadConfig } from '../../src/config.js';
import { contentHash } from '../../src/domain/media-store.js';
import { type App, buildApp } from '../../src/server.js';
import type { Store } from '../../src/store/index.js';
import type { AdminSession } from './admin-session.js';
import { TEST_SITE_URL } from './test-site.js';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
const TYPE_BY_EXT: Record<string, string> = { avif: 'image/avif', webp: 'image/webp', jpg: 'image/jpeg' };

/** A photo-like JPEG (noise compresses like a real photo). */
export function photo(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 120, sigma: 30 } } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** POST /admin/api/media as the newsroom app sends it. */
export function uploadPicture(baseUrl: string, session: AdminSession, data: Buffer, caption: string): Promise<Response> {
  const form = new FormData();
  form.append('caption', caption);
  form.append('file', new Blob([new Uint8Array(data)], { type: 'image/jpeg' }), 'ferry.jpg');
  return fetch(`${baseUrl}/admin/api/media`, { method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken }, body: form });
}

/** Every picture URL a page offers: srcset candidates and src attributes under /media/. */
export function pictureUrls(html: string): string[] {
  const urls = new Set<string>();
  for (const match of html.matchAll(/srcset="([^"]+)"/g)) {
    for (const candidate of (match[1] as string).split(',')) urls.add(candidate.trim().split(/\s+/)[0] as string);
  }
  for (const match of html.matchAll(/src="(\/media\/[^"]+)"/g)) urls.add(match[1] as string);
  return [...urls].filter((url) => url.startsWith('/media/'));
}

/** Fetches a picture URL and checks what a browser and a shared cache rely on; returns its bytes. */
export async function expectServedPicture(baseUrl: string, url: string): Promise<Buffer> {
  expect(url).toMatch(/^\/media\/[0-9a-f]{32}\.(avif|webp|jpg)$/);
  const response = await fetch(`${baseUrl}${url}`);
  expect(response.status, `${baseUrl}${url}`).toBe(200);
  const ext = url.slice(url.lastIndexOf('.') + 1);
  expect(response.headers.get('content-type'), url).toBe(TYPE_BY_EXT[ext]);
  expect(response.headers.get('cache-control'), url).toBe(IMMUTABLE);
  expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
  const bytes = Buffer.from(await response.arrayBuffer());
  expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
  // The name is the content hash (SHA-256, first 128 bits) of what is served, and so is the ETag.
  const hash = contentHash(bytes);
  expect(url).toContain(hash);
  expect(response.headers.get('etag')).toBe(`"${hash}"`);
  return bytes;
}

export interface Node {
  url: string;
  store: Store;
  app: App;
  close(): Promise<void>;
}

/**
 * Another server's app on a database: `env` says which (DATABASE_URL, or the
 * same DATA_DIR for SQLite); without DATA_DIR it gets a data directory of its
 * own, as another machine would.
 */
export async function startNode(env: Record<string, string>): Promise<Node> {
  const ownDir = env.DATA_DIR ? undefined : await mkdtemp(path.join(os.tmpdir(), 'dateline-node-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SITE_URL: TEST_SITE_URL, ...(ownDir && { DATA_DIR: ownDir }), ...env });
  const store = await openStore(config);
  const app = await buildApp({ config, store });
  await app.fastify.listen({ port: 0, host: '127.0.0.1' });
  const address = app.fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    app,
    async close() {
      await app.fastify.close();
      await store.mediaStore.close();
      await store.db.close();
      if (ownDir) await rm(ownDir, { recursive: true, force: true });
    },
  };
}

const BIN = fileURLToPath(new URL('../../bin/dateline.js', import.meta.url));

/** Runs the `dateline` command as an operator would, with only the given Dateline variables set. */
export async function dateline(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const clean: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(clean)) if (/^(DATABASE_URL|DATA_DIR|MEDIA_STORE|MEDIA_STORE_FALLBACK|S3_.*)$/.test(name)) delete clean[name];
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: { ...clean, NO_COLOR: '1', LOG_LEVEL: 'silent', ...env }, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
