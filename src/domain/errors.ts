/**
 * Every error a client can receive carries a stable code from this catalogue
 * (docs/errors.md lists the same); the server maps codes to HTTP statuses in
 * one place (http-status.ts), and tests assert the code, never the message.
 */
export const ERROR_CODES = {
  NOT_FOUND: 'The page or record does not exist.',
  BAD_CURSOR: 'A pagination cursor in the URL is malformed.',
  BAD_INPUT: 'A request, file or command argument failed validation.',
  CONFLICT: 'The change conflicts with the current state of the record.',
  TOO_LARGE: 'An uploaded file is larger than the configured limit.',
  UNSUPPORTED_TYPE: 'The request body is of a content type this endpoint does not take.',
  ITEMS_REJECTED: 'Some wire items of a push could not be read; the others were stored.',
  UNAUTHORIZED: 'The request carries no valid API key, or no newsroom session.',
  FORBIDDEN: 'The signed-in user’s role may not do this, or the request lacks its CSRF token.',
  RATE_LIMITED: 'Too many requests (or failed sign-ins) from this client, key or account; wait and try again.',
  BUSY: 'The server is answering as many searches as it can; try again in a moment.',
  PASSWORD_CHANGE_REQUIRED: 'The account signed in with a one-time password, which opens nothing but the form to choose a new one.',
  WITHDRAWN: 'The story was withdrawn and is no longer published.',
  CONFIG_INVALID: 'A configuration value is missing or malformed.',
  DATABASE_UNREACHABLE: 'The database could not be opened or reached.',
  DATA_DIR_UNWRITABLE: 'The data directory cannot be created or written.',
  PORT_IN_USE: 'Another process already listens on the configured port.',
  VARNISH_MISSING: 'varnishd or its xkey vmod is not installed, so `dateline cluster` cannot start the cache.',
  CACHE_PURGE_FAILED: 'A cache in CACHE_PURGE_URLS did not take a purge; the job retries it.',
  MEDIA_STORE_FAILED: 'The media store (DATA_DIR/media, the database or S3) could not read or write a picture.',
  MAIL_NOT_CONFIGURED: 'The server has no SMTP_URL, so it cannot send newsletters or confirmation mail.',
  INTERNAL: 'Something failed on the server’s side; the details are in its log, never in the answer.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class DatelineError extends Error {
  readonly code: ErrorCode;
  /** What the user should do about it. */
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'DatelineError';
    this.code = code;
    this.hint = options.hint;
  }
}

/** The JSON every edge answers an error with: `{ error: { code, message, hint, details? } }`. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; hint: string; details?: unknown };
}

/**
 * The body of an error a client receives, for every JSON edge (content API,
 * newsroom API, wire push). Typed by the catalogue above, so no edge can
 * answer with a code clients cannot look up in docs/errors.md;
 * test/invariants/error-codes.test.ts fails on an error body built any other way.
 */
export function errorBody(code: ErrorCode, message: string, hint = '', details?: unknown): ErrorBody {
  return { error: { code, message, hint, ...(details !== undefined && { details }) } };
}

export function isDatelineError(error: unknown): error is DatelineError {
  return error instanceof DatelineError;
}
