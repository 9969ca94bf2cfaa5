import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorCode, errorBody, isDatelineError } from '../domain/errors.js';
import { HTTP_STATUS } from '../http-status.js';
import { describeValidation, type ValidationIssue } from '../validation-message.js';

const DEFAULT_HINT: Partial<Record<ErrorCode, string>> = {
  BAD_INPUT: 'See /admin/api/openapi.json for what each endpoint takes.',
  UNAUTHORIZED: 'Sign in with POST /admin/api/session, or at /admin.',
  NOT_FOUND: 'See /admin/api/openapi.json for the endpoints.',
};

const INTERNAL_MESSAGE = 'Something went wrong on our side.';
const INTERNAL_HINT = 'Try again; if it keeps failing, tell the site’s administrators.';

/**
 * JSON `{ error: { code, message, hint, details? } }` for every error in
 * /admin/api. A DatelineError may carry `details` (the 409 of a stale save
 * sends what changed) and, for a status no code maps to (423 for a held
 * edit lock), a numeric `statusCode`; both are read off the error object.
 */
export async function adminErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  reply.header('cache-control', 'no-store');
  const extra = error as { details?: unknown; statusCode?: unknown; retryAfterSeconds?: unknown };
  if (isDatelineError(error)) {
    const status = typeof extra.statusCode === 'number' ? extra.statusCode : (HTTP_STATUS[error.code] ?? 500);
    // 503 says what the server lacks (no SMTP_URL, too busy) and what to do; other 5xx hide our internals.
    if (status >= 500 && status !== 503) {
      request.log.error({ err: error }, 'admin API failed');
      return reply.code(500).send(errorBody('INTERNAL', INTERNAL_MESSAGE, INTERNAL_HINT));
    }
    if (typeof extra.retryAfterSeconds === 'number') reply.header('retry-after', String(extra.retryAfterSeconds));
    return reply.code(status).send(errorBody(error.code, error.message, error.hint ?? DEFAULT_HINT[error.code] ?? '', extra.details));
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const message = describeValidation(fastifyError.validationContext, fastifyError.validation as ValidationIssue[]);
    return reply.code(400).send(errorBody('BAD_INPUT', message, DEFAULT_HINT.BAD_INPUT));
  }
  const status = fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500 ? fastifyError.statusCode : 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'admin API failed');
    return reply.code(500).send(errorBody('INTERNAL', INTERNAL_MESSAGE, INTERNAL_HINT));
  }
  // Fastify's own 4xx: a body that is not JSON, too large, an unsupported media type.
  return reply.code(status).send(errorBody('BAD_INPUT', fastifyError.message, DEFAULT_HINT.BAD_INPUT));
}
