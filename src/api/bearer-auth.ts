import type { FastifyRequest } from 'fastify';
import { bearerToken } from '../domain/bearer-token.js';
import { DatelineError } from '../domain/errors.js';
import type { ApiKeyRepo } from '../store/api-key-repo.js';

const HINT = 'Send the header `Authorization: Bearer <key>`. An administrator makes a key with `dateline apikey create NAME`.';

/**
 * An onRequest hook that lets a request through only with a live key.
 * Routes marked `config: { public: true }` (the OpenAPI document, the docs
 * page) and CORS preflights need none.
 */
export function bearerAuth(keys: Pick<ApiKeyRepo, 'verify'>, clock: () => Date) {
  return async (request: FastifyRequest): Promise<void> => {
    if (request.method === 'OPTIONS') return;
    if ((request.routeOptions.config as { public?: boolean } | undefined)?.public) return;
    const bearer = bearerToken(request.headers.authorization);
    if (bearer.kind === 'missing') throw new DatelineError('UNAUTHORIZED', 'This request has no API key.', { hint: HINT });
    if (bearer.kind === 'malformed') {
      throw new DatelineError('UNAUTHORIZED', 'The Authorization header is not of the form "Bearer <key>".', { hint: HINT });
    }
    const key = await keys.verify(bearer.token, clock());
    if (!key) {
      throw new DatelineError('UNAUTHORIZED', 'The API key is not valid: it was mistyped, or it has been revoked.', {
        hint: 'Check the key you send; if it was revoked, ask an administrator for a new one.',
      });
    }
  };
}
