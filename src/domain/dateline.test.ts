import { describe, expect, it } from 'vitest';
import { datelineOf, datelinePlace, withDateline } from './dateline.js';

describe('datelineOf', () => {
  it('finds agency datelines that open a paragraph', () => {
    expect(datelineOf('SEOUL, South Korea (AP) — North Korea fired a missile on Tuesday.')).toBe(
      'SEOUL, South Korea (AP)',
    );
    expect(datelineOf('PORT ALDER, Wash. (PWS) — The ferry was late again.')).toBe('PORT ALDER, Wash. (PWS)');
    expect(datelineOf('GENEVA (PWS) — Talks resumed.')).toBe('GENEVA (PWS)');
  });

  it('ignores leading whitespace', () => {
    expect(datelineOf('   GENEVA (PWS) — Talks resumed.')).toBe('GENEVA (PWS)');
  });

  it('finds a dateline without an agency', () => {
    expect(datelineOf('WASHINGTON — Congress adjourned.')).toBe('WASHINGTON');
  });

  it('returns null for ordinary sentences', () => {
    expect(datelineOf('The council met late into the night.')).toBeNull();
    expect(datelineOf('Officials said Tuesday — after weeks of talks — that a deal was near.')).toBeNull();
    expect(datelineOf('In Seoul, South Korea (AP) — reporters gathered.')).toBeNull();
    expect(datelineOf('')).toBeNull();
  });

  it('needs the dash after the dateline', () => {
    expect(datelineOf('GENEVA (PWS) Talks resumed.')).toBeNull();
  });

  it('only looks at the start of the paragraph', () => {
    expect(datelineOf('Reported from GENEVA (PWS) — talks resumed.')).toBeNull();
  });
});

describe('withDateline', () => {
  it('prefixes the dateline and an em dash', () => {
    expect(withDateline('Talks resumed.', 'GENEVA (PWS)')).toBe('GENEVA (PWS) — Talks resumed.');
  });

  it('is idempotent', () => {
    const once = withDateline('Talks resumed.', 'GENEVA (PWS)');
    expect(withDateline(once, 'GENEVA (PWS)')).toBe(once);
    expect(datelineOf(once)).toBe('GENEVA (PWS)');
  });

  it('leaves the paragraph alone without a dateline', () => {
    expect(withDateline('Talks resumed.', null)).toBe('Talks resumed.');
    expect(withDateline('Talks resumed.', '')).toBe('Talks resumed.');
  });
});

describe('datelinePlace', () => {
  it('drops the agency', () => {
    expect(datelinePlace('PORT ALDER, Wash. (PWS)')).toBe('PORT ALDER, Wash.');
    expect(datelinePlace('SEOUL, South Korea (AP)')).toBe('SEOUL, South Korea');
    expect(datelinePlace('GENEVA (PWS)')).toBe('GENEVA');
  });

  it('keeps a dateline without an agency', () => {
    expect(datelinePlace('WASHINGTON')).toBe('WASHINGTON');
  });
});
