import { createHash } from 'node:crypto';

/**
 * HTTP validators (RFC 9110 §8.8, §13.1) for every response that has them:
 * reader pages, feeds and sitemaps, the content API, pictures. The one place
 * an ETag is made or an If-None-Match is read; test/invariants/one-way.test.ts
 * keeps it so.
 */

/** A strong ETag for a body: 160 bits of its SHA-256, enough that two bodies never share one. */
export function etagOf(body: string | Uint8Array): string {
  return etagOfDigest(createHash('sha256').update(body).digest('base64url').slice(0, 27));
}

/** The ETag of content already named by its hash (pictures): the hash itself, quoted. */
export function etagOfDigest(digest: string): string {
  return `"${digest}"`;
}

/** The request headers conditional GET reads (a Fastify or node request's headers fit). */
export interface ConditionalHeaders {
  'if-none-match'?: string | undefined;
  'if-modified-since'?: string | undefined;
}

/**
 * Whether the client's copy is current, so the answer is 304 with no body.
 * If-None-Match wins when present (weak comparison: `W/` prefixes, lists
 * and `*` count, as for GET); If-Modified-Since is read only without it,
 * and only when the response has a Last-Modified (epoch ms).
 *
 * @example isNotModified({ 'if-none-match': 'W/"a", "b"' }, '"b"') // true
 */
export function isNotModified(headers: ConditionalHeaders, etag: string, lastModified?: number): boolean {
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    const tags = ifNoneMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
    return tags.includes('*') || tags.includes(etag);
  }
  const ifModifiedSince = headers['if-modified-since'];
  if (ifModifiedSince === undefined || lastModified === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  // HTTP dates have whole seconds; the stored time has milliseconds.
  return !Number.isNaN(since) && Math.floor(lastModified / 1000) * 1000 <= since;
}
