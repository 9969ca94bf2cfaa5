import { describe, expect, it } from 'vitest';
import { type ArticleStatus, articlePath, decodeCursor, encodeCursor, isPublic } from './article.js';

describe('list cursors', () => {
  it('round-trips', () => {
    const cursor = { publishedAt: Date.parse('2023-09-13T04:02:00Z'), id: 12345 };
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[0-9a-z]+\.[0-9a-z]+$/);
    expect(decodeCursor(text)).toEqual(cursor);
  });

  it('round-trips zero and large values', () => {
    for (const cursor of [
      { publishedAt: 0, id: 0 },
      { publishedAt: Date.parse('2099-12-31T23:59:59Z'), id: 2 ** 31 - 1 },
    ]) {
      expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    }
  });

  it('returns null for malformed cursors', () => {
    for (const bad of ['', 'abc', '.', 'a.', '.b', 'a.b.c', 'A.B', 'a b.c', '-1.2', 'lmn.o%20', 'zzzzzzzzzzzzz.1', 'a.b\n']) {
      expect(decodeCursor(bad)).toBeNull();
    }
  });

  it('returns null for numbers beyond safe integers', () => {
    expect(decodeCursor('zzzzzzzzzzzz.1')).toBeNull();
  });
});

describe('isPublic', () => {
  const now = new Date('2023-09-13T12:00:00Z');
  const past = new Date('2023-09-13T11:00:00Z');
  const future = new Date('2023-09-13T13:00:00Z');

  it('shows a published story whose time has come', () => {
    expect(isPublic({ status: 'published', publishedAt: past }, now)).toBe(true);
    expect(isPublic({ status: 'published', publishedAt: now }, now)).toBe(true);
  });

  it('hides a story published for a future time', () => {
    expect(isPublic({ status: 'published', publishedAt: future }, now)).toBe(false);
  });

  it('hides a published story without a time', () => {
    expect(isPublic({ status: 'published', publishedAt: null }, now)).toBe(false);
  });

  it('hides drafts and other unpublished states', () => {
    const hidden: ArticleStatus[] = ['draft', 'submitted', 'scheduled', 'withdrawn'];
    for (const status of hidden) {
      expect(isPublic({ status, publishedAt: past }, now)).toBe(false);
    }
  });
});

describe('articlePath', () => {
  it('puts the slug under the section path', () => {
    expect(articlePath('/news/politics', 'council-passes-budget')).toBe('/news/politics/council-passes-budget');
  });
});
