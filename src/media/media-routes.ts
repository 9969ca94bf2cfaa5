import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { etagOfDigest, isNotModified } from '../domain/conditional-get.js';
import type { Rendition } from '../domain/media.js';
import { CONTENT_TYPE_BY_EXT, hashOfKey, isPublicMediaKey, keyOfMediaUrl } from '../domain/media-store.js';
import type { Store } from '../store/index.js';
import { type MediaAudience, MediaUses } from '../store/media-uses.js';
import { EXTENSION } from './make-renditions.js';

/** A content-addressed object never changes: a year, and browsers need not even revalidate. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Where an old /media/<id>/<width>.<ext> address points could change if a picture is made again: a day. */
const REDIRECT_CACHE = 'public, max-age=86400';
/** A picture readers may not fetch, shown to the newsroom: never kept by a shared cache, nor by the browser past the session. */
const NEWSROOM_ONLY = 'private, no-store';

const FORMAT_BY_EXT = Object.fromEntries(Object.entries(EXTENSION).map(([format, ext]) => [ext, format])) as Record<string, Rendition['format']>;

/** The part of the page cache the verdicts use (src/site/page-cache.ts): filed under purge keys, dropped by the change path. */
export interface VerdictCache {
  get(key: string): { status: number; keys: string[] } | undefined;
  set(key: string, page: { status: number; body: string; keys: string[] }): unknown;
}

export interface MediaRouteOptions {
  store: Store;
  /** DATA_DIR/media, where pictures made before the media store lie as <id>/<width>.<ext> until they are adopted. */
  legacyDir: string;
  /** The reader pages' cache: a picture's "public" verdict is kept there under the keys of what made it public. */
  cache?: VerdictCache;
  /** Whether the request carries a newsroom session (the cookie scoped to /media): the newsroom sees every picture. */
  newsroomViewer?: (cookieHeader: string | undefined) => Promise<boolean>;
  clock?: () => Date;
}

/**
 * Serves pictures from whichever media store is configured, so every node
 * serves every picture: `/media/<sha256>.<ext>` (immutable, cacheable for a
 * year, an ETag that is the hash itself), and the addresses pages used
 * before (`/media/<id>/<width>.<ext>`) answer 301 to the new ones.
 *
 * Pictures follow their stories: a picture is served to readers only while
 * a story they can see shows it (as lead or in its body), or an author's
 * page or a published static page does. A picture only drafts, submitted,
 * scheduled, embargoed or withheld stories use, or none (a library upload),
 * answers 404 like those stories; one whose every story was withdrawn, 410.
 * Neither is cacheable. Finding out is a primary-key lookup of the key and
 * indexed lookups of its uses; a "public" answer is kept in the page cache
 * under the purge keys of the stories and authors that made it public, so
 * a kill or a detached picture drops it through the change path, and the
 * picture's response carries the same keys for the cache tier to purge.
 */
export async function mediaRoutes(fastify: FastifyInstance, options: MediaRouteOptions): Promise<void> {
  const { store, legacyDir, cache } = options;
  const uses = new MediaUses(store.db);
  const clock = options.clock ?? (() => new Date());

  /** Whether readers may have the picture(s) behind `key`, from the cache when a public answer is there. */
  const audienceOfKey = async (key: string): Promise<MediaAudience> => {
    const cacheKey = `media:${key}`;
    const cached = cache?.get(cacheKey);
    if (cached) return { kind: 'public', keys: cached.keys };
    const audience = await uses.audience(await uses.mediaIdsOfKey(key), clock(), key);
    if (audience.kind === 'public') cache?.set(cacheKey, { status: 200, body: '', keys: ['site', ...audience.keys] });
    return audience;
  };

  /** A picture readers may not have: the newsroom still sees it; anyone else gets what the story would answer. */
  const refuse = async (request: FastifyRequest, reply: FastifyReply, audience: MediaAudience): Promise<'newsroom' | FastifyReply> => {
    if (options.newsroomViewer && (await options.newsroomViewer(request.headers.cookie))) return 'newsroom';
    return audience.kind === 'gone' ? gone(reply) : notFound(reply);
  };

  const serve = async (request: FastifyRequest<{ Params: { name: string } }>, reply: FastifyReply) => {
    const key = request.params.name;
    if (!isPublicMediaKey(key)) return notFound(reply);
    const audience = await audienceOfKey(key);
    let cacheControl = IMMUTABLE;
    if (audience.kind === 'public') {
      reply.headers(purgeKeyHeaders(['site', ...audience.keys]));
    } else {
      const refused = await refuse(request, reply, audience);
      if (refused !== 'newsroom') return refused;
      cacheControl = NEWSROOM_ONLY;
    }
    const etag = etagOfDigest(hashOfKey(key));
    if (isNotModified(request.headers, etag)) {
      // The bytes behind a hash cannot have changed; only whether the store still has them.
      if (!(await store.mediaStore.has(key))) return notFound(reply);
      return reply.code(304).header('etag', etag).header('cache-control', cacheControl).send();
    }
    // HEAD (a cache or crawler checking): the store's stat, not a download of bytes nobody reads.
    const object = request.method === 'HEAD' ? await store.mediaStore.stat(key) : await store.mediaStore.get(key);
    if (!object) return notFound(reply);
    reply
      .header('content-type', object.contentType)
      .header('content-length', object.size)
      .header('cache-control', cacheControl)
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
    // Old addresses are numbered, so guessable: they follow the stories too, and never point at a hidden picture.
    const audience = await uses.audience([Number(id)], clock());
    const newsroom = audience.kind !== 'public' && (await refuse(request, reply, audience));
    if (newsroom && newsroom !== 'newsroom') return newsroom;
    if (keyOfMediaUrl(rendition.url)) {
      return reply
        .code(301)
        .header('location', rendition.url)
        .header('cache-control', newsroom ? NEWSROOM_ONLY : REDIRECT_CACHE)
        .send();
    }
    // A picture from before the media store that `adoptLegacyMedia` has not reached yet: its file as it lies.
    return sendLegacyFile(reply, path.join(legacyDir, id, file), CONTENT_TYPE_BY_EXT[match[2] as string] ?? 'application/octet-stream', newsroom ? NEWSROOM_ONLY : 'public, max-age=86400');
  });
}

/** The same keys in the three headers caches read (as src/site/page-keys.ts sends them for pages). */
function purgeKeyHeaders(keys: readonly string[]): Record<string, string> {
  return { xkey: keys.join(' '), 'surrogate-key': keys.join(' '), 'cache-tag': keys.join(',') };
}

function notFound(reply: FastifyReply) {
  // Not cached: a picture may appear here once a library being migrated reaches it, or its story is published.
  return reply
    .code(404)
    .type('text/plain; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send('There is no picture at this address.\n');
}

function gone(reply: FastifyReply) {
  return reply
    .code(410)
    .type('text/plain; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send('This picture was withdrawn with the story that showed it.\n');
}

async function sendLegacyFile(reply: FastifyReply, file: string, contentType: string, cacheControl: string) {
  try {
    const info = await stat(file);
    if (!info.isFile()) return notFound(reply);
    return reply
      .header('content-type', contentType)
      .header('content-length', info.size)
      .header('cache-control', cacheControl)
      .header('x-content-type-options', 'nosniff')
      .send(createReadStream(file));
  } catch {
    return notFound(reply);
  }
}
