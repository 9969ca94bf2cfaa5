import { describe, expect, it } from 'vitest';
import { isSlug, slugify, uniqueSlug, uriPath } from './slug.js';

describe('slugify', () => {
  it('folds accents and drops curly quotes', () => {
    expect(slugify('Café owners weigh “bold” plan')).toBe('cafe-owners-weigh-bold-plan');
    expect(slugify('Zoë Ångström visits São Paulo')).toBe('zoe-angstroem-visits-sao-paulo');
  });

  it('transliterates Latin letters as their languages write them without accents', () => {
    expect(slugify('Straße in Köln über Nacht gesperrt')).toBe('strasse-in-koeln-ueber-nacht-gesperrt');
    expect(slugify('Blåbær og smørbrød på Ærø')).toBe('blabaer-og-smorbrod-pa-aero');
    expect(slugify('Räksmörgås säljs i Göteborg')).toBe('raeksmoergas-saeljs-i-goeteborg');
    expect(slugify('Łódź: źródło wód w Gdańsku')).toBe('lodz-zrodlo-wod-w-gdansku');
    expect(slugify('İstanbul’da ışıklar ve çağrı')).toBe('istanbulda-isiklar-ve-cagri');
    expect(slugify('Hà Nội đón Tết Nguyên Đán')).toBe('ha-noi-don-tet-nguyen-dan');
  });

  it('keeps the letters of other scripts, lower-cased, as an IRI slug', () => {
    expect(slugify('Токио готовится к Олимпиаде')).toBe('токио-готовится-к-олимпиаде');
    expect(slugify('Αθήνα: Νέο μετρό')).toBe('αθήνα-νέο-μετρό');
    expect(slugify('東京で地震、被害なし')).toBe('東京で地震-被害なし');
    expect(slugify('मुंबई में बारिश')).toBe('मुंबई-में-बारिश');
    expect(isSlug(slugify('Токио готовится к Олимпиаде'))).toBe(true);
    expect(isSlug('东京-地震')).toBe(true);
    expect(isSlug('Токио')).toBe(false);
  });

  it('cuts long non-Latin slugs by characters, never inside one', () => {
    const slug = slugify('𠀋'.repeat(100), 10);
    expect(Array.from(slug)).toHaveLength(10);
  });

  it('drops apostrophes inside words instead of splitting them', () => {
    expect(slugify("Mayor's budget won’t pass")).toBe('mayors-budget-wont-pass');
  });

  it('drops punctuation and collapses separators', () => {
    expect(slugify('  Storm hits coast!!! Now what?  ')).toBe('storm-hits-coast-now-what');
    expect(slugify('2024: A year — in review...')).toBe('2024-a-year-in-review');
  });

  it('spells out the ampersand', () => {
    expect(slugify('Arts & Culture')).toBe('arts-and-culture');
    expect(slugify('R&D spending')).toBe('r-and-d-spending');
  });

  it('caps the length at a hyphen, never mid-word', () => {
    const slug = slugify('City council approves sweeping budget overhaul', 20);
    expect(slug).toBe('city-council');
    expect(slug.length).toBeLessThanOrEqual(20);
    expect(slug.endsWith('-')).toBe(false);
  });

  it('keeps a whole word that ends exactly at the cap', () => {
    expect(slugify('City council approves budget', 12)).toBe('city-council');
  });

  it('keeps the default cap of 80 characters', () => {
    const slug = slugify('word '.repeat(40));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(/^(word-)*word$/);
  });

  it('returns short slugs unchanged', () => {
    expect(slugify('Weather')).toBe('weather');
  });

  it('cuts a single overlong word at the cap', () => {
    expect(slugify('a'.repeat(30), 10)).toBe('a'.repeat(10));
  });
});

describe('uniqueSlug', () => {
  it('returns the base when it is free', () => {
    expect(uniqueSlug('budget-vote', () => false)).toBe('budget-vote');
  });

  it('appends -2, -3 … until free', () => {
    const taken = new Set(['budget-vote']);
    expect(uniqueSlug('budget-vote', (s) => taken.has(s))).toBe('budget-vote-2');
    taken.add('budget-vote-2');
    expect(uniqueSlug('budget-vote', (s) => taken.has(s))).toBe('budget-vote-3');
  });

  it('falls back to "story" for an empty base', () => {
    expect(uniqueSlug('', () => false)).toBe('story');
  });
});

describe('isSlug', () => {
  it('accepts lower-case hyphenated words', () => {
    expect(isSlug('council-passes-budget')).toBe(true);
    expect(isSlug('2024')).toBe(true);
  });

  it('rejects anything else', () => {
    expect(isSlug('')).toBe(false);
    expect(isSlug('Council')).toBe(false);
    expect(isSlug('-leading')).toBe(false);
    expect(isSlug('trailing-')).toBe(false);
    expect(isSlug('double--hyphen')).toBe(false);
    expect(isSlug('with space')).toBe(false);
    expect(isSlug('café')).toBe(false);
    expect(isSlug('a'.repeat(121))).toBe(false);
  });

  it('accepts everything slugify produces', () => {
    expect(isSlug(slugify('Café owners weigh “bold” plan & more'))).toBe(true);
  });
});

describe('uriPath', () => {
  it('percent-encodes what is not ASCII, as UTF-8, and leaves the rest', () => {
    expect(uriPath('/world/токио')).toBe('/world/%D1%82%D0%BE%D0%BA%D0%B8%D0%BE');
    expect(uriPath('/news/council-votes')).toBe('/news/council-votes');
    expect(decodeURI(uriPath('/东京-地震'))).toBe('/东京-地震');
  });
});
