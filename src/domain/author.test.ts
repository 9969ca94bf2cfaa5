import { describe, expect, it } from 'vitest';
import { authorPath, bylineText } from './author.js';

describe('bylineText', () => {
  it('names one author', () => {
    expect(bylineText(['Ana Ruiz'])).toBe('By Ana Ruiz');
  });

  it('joins two authors with "and"', () => {
    expect(bylineText(['Ana Ruiz', 'Ben Cho'])).toBe('By Ana Ruiz and Ben Cho');
  });

  it('lists three authors with commas and a final "and"', () => {
    expect(bylineText(['Ana Ruiz', 'Ben Cho', 'Cy Diaz'])).toBe('By Ana Ruiz, Ben Cho and Cy Diaz');
  });

  it('is empty without authors', () => {
    expect(bylineText([])).toBe('');
  });
});

describe('authorPath', () => {
  it('puts the author page under /authors', () => {
    expect(authorPath({ slug: 'ana-ruiz' })).toBe('/authors/ana-ruiz');
  });
});
