import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorCode, isDatelineError } from '../domain/errors.js';
import { HTTP_STATUS } from '../http-status.js';

/** The one place a code becomes an HTTP status in the admin API. */
const DEFAULT_HINT: Partial<Record<ErrorCode, string>> = {
  BAD_INPUT: 'See /admin/api/openapi.json for what each endpoint takes.',
  UNAUTHORIZED: 'Sign in with POST /admin/api/session, or at /admin.',
  NOT_FOUND: 'See /admin/api/openapi.json for the endpoints.',
};

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** "body "email" must match format email" — names the field and what it must be. */
function describeValidation(context: string | undefined, issues: readonly ValidationIssue[]): string {
  const where = context === 'querystring' ? 'query parameter' : context === 'params' ? 'path parameter' : context === 'body' ? 'field' : (context ?? 'request');
  const useful = issues.filter((issue) => !(issue.keyword === 'boolean' && issue.message === 'schema is false') && issue.keyword !== 'anyOf');
  // A union of literals fails once per literal; say it once, with the accepted values.
  const allowed = new Map<string, unknown[]>();
  for (const issue of useful) if (issue.keyword === 'const') allowed.set(issue.instancePath ?? '', [...(allowed.get(issue.instancePath ?? '') ?? []), issue.params?.allowedValue]);
  const merged = useful.filter((issue, i) => issue.keyword !== 'const' || useful.findIndex((o) => o.keyword === 'const' && o.instancePath === issue.instancePath) === i);
  const parts = merged.slice(0, 3).map((issue) => {
    if (issue.keyword === 'const') {
      const name = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
      return `${where} "${name}" must be one of: ${(allowed.get(issue.instancePath ?? '') ?? []).join(', ')}`;
    }
    const name = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    const extra = issue.params?.additionalProperties ?? issue.params?.additionalProperty;
    if (extra !== undefined) return `unknown ${where} "${[extra].flat().join('", "')}"`;
    if (issue.keyword === 'required' && issue.params?.requiredProperties) {
      return `missing ${where} "${[issue.params.requiredProperties].flat().join('", "')}"`;
    }
    if (issue.keyword === 'required' && issue.params?.missingProperty) return `missing ${where} "${issue.params.missingProperty}"`;
    return name ? `${where} "${name}" ${issue.message ?? 'is not valid'}` : `${where}: ${issue.message ?? 'is not valid'}`;
  });
  return `Bad request: ${parts.join('; ')}.`;
}

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
    if (status >= 500) {
      request.log.error({ err: error }, 'admin API failed');
      return reply.code(500).send({ error: { code: 'INTERNAL', message: 'Something went wrong on our side.', hint: 'Try again; if it keeps failing, tell the site’s administrators.' } });
    }
    if (typeof extra.retryAfterSeconds === 'number') reply.header('retry-after', String(extra.retryAfterSeconds));
    const body: { code: string; message: string; hint: string; details?: unknown } = {
      code: error.code,
      message: error.message,
      hint: error.hint ?? DEFAULT_HINT[error.code] ?? '',
    };
    if (extra.details !== undefined) body.details = extra.details;
    return reply.code(status).send({ error: body });
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const message = describeValidation(fastifyError.validationContext, fastifyError.validation as ValidationIssue[]);
    return reply.code(400).send({ error: { code: 'BAD_INPUT', message, hint: DEFAULT_HINT.BAD_INPUT } });
  }
  const status = fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500 ? fastifyError.statusCode : 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'admin API failed');
    return reply.code(500).send({ error: { code: 'INTERNAL', message: 'Something went wrong on our side.', hint: 'Try again; if it keeps failing, tell the site’s administrators.' } });
  }
  // Fastify's own 4xx: a body that is not JSON, too large, an unsupported media type.
  return reply.code(status).send({ error: { code: 'BAD_INPUT', message: fastifyError.message, hint: DEFAULT_HINT.BAD_INPUT } });
}
