import type { ErrorCode } from './domain/errors.js';

/**
 * The HTTP status each error code answers with: the one mapping every edge
 * (reader site, content API, newsroom API, wire push) uses. docs/errors.md
 * lists the same statuses and a test keeps the two equal. Codes that stop the
 * process at start answer 500 should one ever reach a request.
 */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  NOT_FOUND: 404,
  BAD_CURSOR: 400,
  BAD_INPUT: 400,
  CONFLICT: 409,
  TOO_LARGE: 413,
  UNSUPPORTED_TYPE: 415,
  ITEMS_REJECTED: 422,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  BUSY: 503,
  PASSWORD_CHANGE_REQUIRED: 403,
  WITHDRAWN: 410,
  CONFIG_INVALID: 500,
  DATABASE_UNREACHABLE: 500,
  DATA_DIR_UNWRITABLE: 500,
  PORT_IN_USE: 500,
  VARNISH_MISSING: 500,
  CACHE_PURGE_FAILED: 500,
  MEDIA_STORE_FAILED: 500,
  MAIL_NOT_CONFIGURED: 503,
  INTERNAL: 500,
};
