import type { FastifyReply, FastifyRequest } from 'fastify';
import { etagOf, isNotModified } from '../domain/conditional-get.js';

/**
 * An onSend hook: every successful GET gets an ETag made from the body it
 * is about to send, and a client that already holds that body gets 304 and
 * no body. Hashing the serialised body means no route has to work out what
 * its response depends on.
 */
export function conditionalGet(cacheControl: string) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string') return payload;
    const etag = etagOf(payload);
    reply.header('etag', etag).header('cache-control', cacheControl);
    if (isNotModified(request.headers, etag)) {
      reply.code(304).removeHeader('content-length');
      return '';
    }
    return payload;
  };
}
