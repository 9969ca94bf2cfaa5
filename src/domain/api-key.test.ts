import { describe, expect, it } from 'vitest';
import { apiKeyNameProblem, looksLikeApiKey } from './api-key.js';

describe('API key names', () => {
  it('accepts names that start with a letter', () => {
    expect(apiKeyNameProblem('Mobile app')).toBeNull();
    expect(apiKeyNameProblem('partner.example-2')).toBeNull();
  });

  it('refuses names that could be mistaken for an id, or are empty or too long', () => {
    expect(apiKeyNameProblem('12')).toMatch(/starting with a letter/);
    expect(apiKeyNameProblem('')).not.toBeNull();
    expect(apiKeyNameProblem(`a${'b'.repeat(64)}`)).not.toBeNull();
  });
});

describe('API key shape', () => {
  it('knows the shape of issued keys', () => {
    expect(looksLikeApiKey(`dl_${'A'.repeat(43)}`)).toBe(true);
    expect(looksLikeApiKey(`dl_${'A'.repeat(42)}`)).toBe(false);
    expect(looksLikeApiKey('Bearer x')).toBe(false);
  });
});
