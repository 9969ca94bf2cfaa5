import { describe, expect, it } from 'vitest';
import { isEditorial, isLabel, LABELS, labelKicker, schemaTypeFor } from './label.js';

describe('schemaTypeFor', () => {
  it('maps each label to its schema.org type', () => {
    expect(schemaTypeFor('opinion')).toBe('OpinionNewsArticle');
    expect(schemaTypeFor('sponsored')).toBe('AdvertiserContentArticle');
    expect(schemaTypeFor('news')).toBe('NewsArticle');
    expect(schemaTypeFor('analysis')).toBe('AnalysisNewsArticle');
  });
});

describe('labelKicker', () => {
  it('shows the kicker readers see above the headline', () => {
    expect(labelKicker('opinion')).toBe('Opinion');
    expect(labelKicker('analysis')).toBe('Analysis');
    expect(labelKicker('sponsored')).toBe('Sponsored');
  });

  it('gives plain news no kicker', () => {
    expect(labelKicker('news')).toBeNull();
  });
});

describe('isEditorial', () => {
  it('excludes only sponsored content', () => {
    expect(isEditorial('sponsored')).toBe(false);
    expect(isEditorial('news')).toBe(true);
    expect(isEditorial('opinion')).toBe(true);
    expect(isEditorial('analysis')).toBe(true);
  });
});

describe('isLabel', () => {
  it('accepts every known label', () => {
    for (const label of LABELS) expect(isLabel(label)).toBe(true);
  });

  it('rejects anything else', () => {
    expect(isLabel('News')).toBe(false);
    expect(isLabel('advertorial')).toBe(false);
    expect(isLabel('')).toBe(false);
    expect(isLabel(null)).toBe(false);
    expect(isLabel(1)).toBe(false);
  });
});
