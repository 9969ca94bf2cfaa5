import { describe, expect, it } from 'vitest';
import { defaultBackoff } from './backoff.js';

describe('defaultBackoff', () => {
  it('starts at 5 s and doubles, up to an hour', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 10, 30].map((n) => defaultBackoff(n, middle))).toEqual([5000, 10_000, 20_000, 40_000, 2_560_000, 3_600_000]);
  });

  it('moves each wait by up to a fifth either way', () => {
    expect(defaultBackoff(1, () => 0)).toBe(4000);
    expect(defaultBackoff(1, () => 0.999_999)).toBe(6000);
    for (let i = 0; i < 100; i++) {
      const wait = defaultBackoff(3);
      expect(wait).toBeGreaterThanOrEqual(16_000);
      expect(wait).toBeLessThanOrEqual(24_000);
    }
  });
});
