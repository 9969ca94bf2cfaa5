import { describe, expect, it } from 'vitest';
import { DatelineError } from './errors.js';
import { parseWebhookEvents, parseWebhookUrl } from './webhook.js';

describe('parseWebhookUrl', () => {
  it('accepts http and https addresses', () => {
    expect(parseWebhookUrl(' https://hooks.example.com/in ')).toBe('https://hooks.example.com/in');
    expect(parseWebhookUrl('http://10.0.0.5:8080/x')).toBe('http://10.0.0.5:8080/x');
  });

  it('refuses other schemes and non-URLs with BAD_INPUT', () => {
    for (const raw of ['ftp://example.com/', 'mailto:desk@example.com', 'hooks.example.com/in', '']) {
      expect(() => parseWebhookUrl(raw)).toThrow(DatelineError);
      try {
        parseWebhookUrl(raw);
      } catch (error) {
        expect((error as DatelineError).code).toBe('BAD_INPUT');
      }
    }
  });
});

describe('parseWebhookEvents', () => {
  it('means every kind when nothing is given', () => {
    expect(parseWebhookEvents(undefined)).toEqual(['published', 'updated', 'corrected', 'withdrawn']);
  });

  it('reads a list in canonical order, without duplicates', () => {
    expect(parseWebhookEvents('withdrawn, published,withdrawn')).toEqual(['published', 'withdrawn']);
  });

  it('refuses unknown kinds, and `changed`, which is never sent', () => {
    expect(() => parseWebhookEvents('published,changed')).toThrow(/changed/);
  });
});
