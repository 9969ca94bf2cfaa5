import { describe, expect, it } from 'vitest';
import { ftsMatch, SEARCH_MAX_CHARS, searchTerms, tsQueryText } from './search-query.js';

describe('searchTerms', () => {
  it('keeps words of letters and digits, lower-cased, without repeats', () => {
    expect(searchTerms('Port Alder port BUDGET 2026')).toEqual({ terms: ['port', 'alder', 'budget', '2026'], prefixLast: true });
    expect(searchTerms('Café São Paulo').terms).toEqual(['café', 'são', 'paulo']);
  });

  it('reads query syntax as separators', () => {
    expect(searchTerms('"council" NEAR(budget* -levy headline:foo').terms).toEqual(['council', 'near', 'budget', 'levy', 'headline', 'foo']);
  });

  it('matches the last word as a prefix only when it has three characters or more', () => {
    expect(searchTerms('ferry go').prefixLast).toBe(false);
    expect(searchTerms('go fer').prefixLast).toBe(true);
  });

  it('leaves out words too common to search for, as PostgreSQL does, and refuses a search of only those', () => {
    expect(searchTerms('The ferry to the island').terms).toEqual(['ferry', 'island']);
    expect(() => searchTerms('to be or not to be')).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });

  it('refuses empty, symbol-only, over-long and many-word searches with BAD_INPUT', () => {
    for (const text of ['', '   ', '"*-()', '🦄🔥', 'x'.repeat(SEARCH_MAX_CHARS + 1), Array.from({ length: 13 }, (_, i) => `w${i}`).join(' ')]) {
      expect(() => searchTerms(text), text.slice(0, 20)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    }
  });
});

describe('query builders', () => {
  const words = { terms: ['near', 'and', 'budg'], prefixLast: true };

  it('quotes every word for FTS5', () => {
    expect(ftsMatch(words)).toBe('"near" "and" "budg"*');
    expect(ftsMatch({ terms: ['to'], prefixLast: false })).toBe('"to"');
  });

  it('joins words for to_tsquery, optionally restricted to headline weight', () => {
    expect(tsQueryText(words)).toBe('near & and & budg:*');
    expect(tsQueryText(words, { weight: 'A', any: true })).toBe('near:A | and:A | budg:*A');
  });
});
