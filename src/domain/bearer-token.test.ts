import { describe, expect, it } from 'vitest';
import { bearerToken } from './bearer-token.js';

describe('bearerToken', () => {
  it('reads the token, whatever the case of the scheme', () => {
    expect(bearerToken('Bearer abc.def')).toEqual({ kind: 'token', token: 'abc.def' });
    expect(bearerToken('bearer  abc ')).toEqual({ kind: 'token', token: 'abc' });
  });

  it('tells a missing header from one of another form', () => {
    expect(bearerToken(undefined)).toEqual({ kind: 'missing' });
    expect(bearerToken('')).toEqual({ kind: 'missing' });
    for (const header of ['Basic abc', 'Bearer', 'Bearer a b', 'Bearerabc']) expect(bearerToken(header), header).toEqual({ kind: 'malformed' });
  });
});
