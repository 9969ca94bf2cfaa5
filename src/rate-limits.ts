import { createHash } from 'node:crypto';
import type {} from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { bearerToken } from './domain/bearer-token.js';
import { DatelineError } from './domain/errors.js';

/** Requests per minute each limit allows; 0 turns one off (RATE_LIMIT_* settings). */
export interface RateLimits {
  /** Reader and content API searches, per client address. */
  search: number;
  /** Content API calls per API key. */
  apiPerKey: number;
  /** Content API calls per client address, whatever key it sends. */
  apiPerAddress: number;
  /** Wire pushes per push token. */
  push: number;
  /** Sign-in attempts per client address (on top of the failed-sign-in throttle). */
  signIn: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { search: 60, apiPerKey: 600, apiPerAddress: 1200, push: 120, signIn: 30 };

export type LimitKey = 'address' | 'bearer';

/** A short, non-reversible name for a bearer token: limits key on it without keeping the secret in memory. */
function bearerKey(request: FastifyRequest): string {
  const bearer = bearerToken(request.headers.authorization);
  // A malformed header is refused before any work, but still counted, as the same header each time.
  const secret = bearer.kind === 'token' ? bearer.token : request.headers.authorization;
  if (!secret) return `address:${request.ip}`;
  return `bearer:${createHash('sha256').update(secret).digest('base64url').slice(0, 22)}`;
}

/**
 * An onRequest hook that allows `perMinute` requests per client address or
 * per bearer token, counted by @fastify/rate-limit (registered once at the
 * root by server.ts), and answers 429 RATE_LIMITED with Retry-After past
 * it. Several limits may apply to one route (the content API counts per key
 * and per address). Counts live in this node's memory: behind N nodes a
 * client gets up to N times the limit, which still bounds it.
 * @example app.get('/search', { onRequest: limitPerMinute(app, 'search', 60, 'address') }, handler)
 */
export function limitPerMinute(fastify: FastifyInstance, name: string, perMinute: number, key: LimitKey): onRequestHookHandler[] {
  if (perMinute <= 0) return [];
  const count = fastify.createRateLimit({
    max: perMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => `${name}|${key === 'bearer' ? bearerKey(request) : `address:${request.ip}`}`,
  });
  const hook = async (request: FastifyRequest, reply: FastifyReply) => {
    const result = await count(request);
    if (result.isAllowed || !result.isExceeded) return;
    reply.header('retry-after', String(result.ttlInSeconds));
    throw new DatelineError(
      'RATE_LIMITED',
      `Too many ${name} requests: at most ${perMinute} a minute${key === 'bearer' ? ' per key' : ' from one address'}. Try again in ${result.ttlInSeconds} seconds.`,
      { hint: 'Wait the seconds Retry-After names, and spread requests out; an administrator can change the RATE_LIMIT_* settings (docs/security.md).' },
    );
  };
  return [hook as onRequestHookHandler];
}
