/** What an Authorization header holds, for the routes that take a bearer token (the content API, wire push). */
export type BearerToken = { kind: 'token'; token: string } | { kind: 'missing' } | { kind: 'malformed' };

/**
 * Reads `Authorization: Bearer <token>` (RFC 6750 §2.1; the scheme is
 * case-insensitive). The one bearer parser: test/invariants/one-way.test.ts
 * keeps it so.
 *
 * @example bearerToken('Bearer abc') // { kind: 'token', token: 'abc' }
 * @example bearerToken('Basic abc') // { kind: 'malformed' }
 */
export function bearerToken(header: string | undefined): BearerToken {
  if (!header) return { kind: 'missing' };
  const match = /^Bearer +(\S+)\s*$/i.exec(header);
  return match ? { kind: 'token', token: match[1] as string } : { kind: 'malformed' };
}
