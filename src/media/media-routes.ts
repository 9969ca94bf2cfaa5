import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Rendition } from '../domain/media.js';
import type { Store } from '../store/index.js';
import { EXTENSION } from './make-renditions.js';
import { CONTENT_TYPE_BY_EXT, hashOfKey, isPublicMediaKey, keyOfMediaUrl } from './media-store.js';

/** A content-addressed object never changes: a year, and browsers need not even revalidate. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Where an old /media/<id>/<width>.<ext> address points could change if a picture is made again: a day. */
const REDIRECT_CACHE = 'public, max-age=86400';

const FORMAT_BY_EXT = Object.fromEntries(Object.entries(EXTENSION).map(([format, ext]) => [ext, format])) as Record<string, Rendition['format']>;

export interface MediaRouteOptions {
  store: Store;
  /** DATA_DIR/media, where pictures made before the media store lie as <id>/<width>.<ext> until they are adopted. */
  legacyDir: string;
}

/**
 * Serves pictures from whichever media store is configured, so every node
 * serves every picture: `/media/<sha256>.<ext>` (immutable, cacheable for a
 * year, an ETag that is the hash itself), and the addresses pages used
 * before (`/media/<id>/<width>.<ext>`) answer 301 to the new ones.
 */
export async function mediaRoutes(fastify: FastifyInstance, { store, legacyDir }: MediaRouteOptions): Promise<void> {
  const serve = async (request: FastifyRequest<{ Params: { name: string } }>, reply: FastifyReply) => {
    const key = request.params.name;
    if (!isPublicMediaKey(key)) return notFound(reply);
    const etag = `"${hashOfKey(key)}"`;
    if (matches(request.headers['if-none-match'], etag)) {
      // The bytes behind a hash cannot have changed; only whether the store still has them.
      if (!(await store.mediaStore.has(key))) return notFound(reply);
      return reply.code(304).header('etag', etag).header('cache-control', IMMUTABLE).send();
    }
    // HEAD (a cache or crawler checking): the store's stat, not a download of bytes nobody reads.
    const object = request.method === 'HEAD' ? await store.mediaStore.stat(key) : await store.mediaStore.get(key);
    if (!object) return notFound(reply);
    reply
      .header('content-type', object.contentType)
      .header('content-length', object.size)
      .header('cache-control', IMMUTABLE)
      .header('etag', etag)
      .header('x-content-type-options', 'nosniff');
    return reply.send('body' in object ? object.body : undefined);
  };
  // HEAD declared, not derived: Fastify's derived HEAD routes reset an empty reply's Content-Length to 0.
  fastify.route({ method: ['GET', 'HEAD'], url: '/media/:name', handler: serve });

  fastify.get<{ Params: { id: string; file: string } }>('/media/:id/:file', async (request, reply) => {
    const { id, file } = request.params;
    const match = /^([1-9]\d{0,5})\.(avif|webp|jpg)$/.exec(file);
    if (!/^[1-9]\d{0,15}$/.test(id) || !match) return notFound(reply);
    const media = await store.media.get(Number(id));
    const format = FORMAT_BY_EXT[match[2] as string];
    const rendition = media?.renditions.find((r) => r.format === format && r.width === Number(match[1]));
    if (!rendition) return notFound(reply);
    if (keyOfMediaUrl(rendition.url)) {
      return reply.code(301).header('location', rendition.url).header('cache-control', REDIRECT_CACHE).send();
    }
    // A picture from before the media store that `adoptLegacyMedia` has not reached yet: its file as it lies.
    return sendLegacyFile(reply, path.join(legacyDir, id, file), CONTENT_TYPE_BY_EXT[match[2] as string] ?? 'application/octet-stream');
  });
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function notFound(reply: FastifyReply) {
  // Not cached: a picture may appear here once a library being migrated reaches it.
  return reply
    .code(404)
    .type('text/plain; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send('There is no picture at this address.\n');
}

async function sendLegacyFile(reply: FastifyReply, file: string, contentType: string) {
  try {
    const info = await stat(file);
    if (!info.isFile()) return notFound(reply);
    return reply
      .header('content-type', contentType)
      .header('content-length', info.size)
      .header('cache-control', 'public, max-age=86400')
      .header('x-content-type-options', 'nosniff')
      .send(createReadStream(file));
  } catch {
    return notFound(reply);
  }
}
