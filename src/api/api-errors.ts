import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DatelineError, type ErrorCode, errorBody, isDatelineError } from '../domain/errors.js';
import { HTTP_STATUS } from '../http-status.js';
import { describeValidation, type ValidationIssue } from '../validation-message.js';
import { API_PREFIX } from './api-json.js';

/** What to do about an error whose thrower gave no hint, in the API's terms (the status comes from http-status.ts). */
const DEFAULT_HINT: Partial<Record<ErrorCode, string>> = {
  BAD_INPUT: `See ${API_PREFIX}/docs for the parameters each endpoint takes.`,
  BAD_CURSOR: 'Use the nextCursor (or next URL) of the previous page as it is; cursors are not meant to be edited.',
  NOT_FOUND: `See ${API_PREFIX}/docs for the endpoints and how to find records.`,
};

/** JSON for every error the API raises or meets; never the reader site's HTML. */
export async function apiErrorHandler(error: FastifyError | DatelineError, request: FastifyRequest, reply: FastifyReply) {
  reply.header('cache-control', 'no-store');
  if (isDatelineError(error)) {
    const status = HTTP_STATUS[error.code] ?? 500;
    if (status === 401) reply.header('www-authenticate', 'Bearer realm="dateline"');
    if (status >= 500) request.log.error({ err: error }, 'content API failed');
    return reply
      .code(status)
      .send(errorBody(status >= 500 ? 'INTERNAL' : error.code, error.message, error.hint ?? DEFAULT_HINT[error.code] ?? ''));
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const message = describeValidation(fastifyError.validationContext, fastifyError.validation as ValidationIssue[]);
    return reply.code(400).send(errorBody('BAD_INPUT', message, DEFAULT_HINT.BAD_INPUT as string));
  }
  const status = fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500 ? fastifyError.statusCode : 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'content API failed');
    return reply.code(500).send(errorBody('INTERNAL', 'Something went wrong on our side.', 'Try again in a minute; if it keeps failing, tell the site’s administrators.'));
  }
  return reply.code(status).send(errorBody('BAD_INPUT', fastifyError.message, DEFAULT_HINT.BAD_INPUT as string));
}

export function notFound(what: string): DatelineError {
  return new DatelineError('NOT_FOUND', what);
}
