import type { FastifyReply, FastifyRequest } from 'fastify';
import { isNotModified } from '../domain/conditional-get.js';
import type { PageCache } from './page-cache.js';
import { purgeKeyHeaders, readerCacheControl, type SharedCachePolicy } from './page-keys.js';

/** A feed, sitemap or robots.txt as its route makes it. */
export interface Generated {
  body: string;
  /** Surrogate keys a cache tier can purge it by. */
  keys: string[];
  /** Epoch ms of the newest change it shows, for Last-Modified; absent when it lists nothing. */
  lastModified?: number | undefined;
}

export interface CachedResponseOptions {
  cache: PageCache;
  contentType: string;
  policy: SharedCachePolicy;
  /** Makes the body; null means there is no such resource (404). */
  render: () => Promise<Generated | null>;
}

/**
 * Serves a non-HTML resource from the page cache (so a change to any story
 * drops it with the pages), with ETag and Last-Modified, answering 304 when
 * the client's copy is current. Feed readers poll, so most requests end here.
 */
export async function serveCached(request: FastifyRequest, reply: FastifyReply, options: CachedResponseOptions) {
  const key = request.url.split('?')[0] ?? request.url;
  // As reader pages: the cache tier's fetches never get this node's possibly stale copy.
  const entry = await options.cache.getOrRender(
    key,
    async () => {
      const made = await options.render();
      if (!made) return { status: 404, body: '', keys: [] };
      return { status: 200, body: made.body, keys: made.keys, contentType: options.contentType, lastModified: made.lastModified };
    },
    { fresh: request.headers['x-dateline-fetch'] === 'cache-tier', keep: (made) => made.status === 200 },
  );
  if (entry.status === 404) return reply.callNotFound();
  reply
    .header('content-type', entry.contentType ?? options.contentType)
    .header('cache-control', readerCacheControl(options.policy))
    .header('etag', entry.etag)
    .headers(purgeKeyHeaders(entry.keys))
    .header('x-content-type-options', 'nosniff');
  if (entry.lastModified !== undefined) reply.header('last-modified', new Date(entry.lastModified).toUTCString());
  if (isNotModified(request.headers, entry.etag, entry.lastModified)) return reply.code(304).send();
  return reply.code(200).send(entry.body);
}
