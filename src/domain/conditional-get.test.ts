import { describe, expect, it } from 'vitest';
import { etagOf, etagOfDigest, isNotModified } from './conditional-get.js';

describe('conditional GET', () => {
  it('gives a body one strong ETag, the same for its string and its bytes', () => {
    expect(etagOf('héllo')).toMatch(/^"[\w-]{27}"$/);
    expect(etagOf(Buffer.from('héllo'))).toBe(etagOf('héllo'));
    expect(etagOf('hello')).not.toBe(etagOf('hellp'));
    expect(etagOfDigest('abc')).toBe('"abc"');
  });

  it('answers 304 for a matching If-None-Match: lists, weak validators and * count', () => {
    const etag = '"v1"';
    for (const header of ['"v1"', 'W/"v1"', '"v0", "v1"', '*']) expect(isNotModified({ 'if-none-match': header }, etag), header).toBe(true);
    expect(isNotModified({ 'if-none-match': '"v2"' }, etag)).toBe(false);
    expect(isNotModified({}, etag)).toBe(false);
  });

  it('reads If-Modified-Since only without If-None-Match, to the second', () => {
    const at = Date.parse('2026-03-10T10:00:00.500Z');
    const since = new Date(Date.parse('2026-03-10T10:00:00Z')).toUTCString();
    expect(isNotModified({ 'if-modified-since': since }, '"a"', at)).toBe(true);
    expect(isNotModified({ 'if-modified-since': since }, '"a"', at + 1000)).toBe(false);
    expect(isNotModified({ 'if-modified-since': since }, '"a"')).toBe(false);
    expect(isNotModified({ 'if-none-match': '"b"', 'if-modified-since': since }, '"a"', at)).toBe(false);
  });
});
