import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_SCHEDULE_MS, parseRetrySchedule, retryDelay } from './backoff.js';

describe('retryDelay', () => {
  it('follows the schedule, one step per failed attempt', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(n, DEFAULT_RETRY_SCHEDULE_MS, middle))).toEqual([
      30_000, 120_000, 600_000, 3_600_000, 21_600_000,
    ]);
  });

  it('gives up once the schedule is used up', () => {
    expect(retryDelay(6, DEFAULT_RETRY_SCHEDULE_MS)).toBeNull();
    expect(retryDelay(1, [])).toBeNull();
  });

  it('spreads retries by up to a fifth either way', () => {
    expect(retryDelay(1, [10_000], () => 0)).toBe(8_000);
    expect(retryDelay(1, [10_000], () => 0.999_999)).toBe(12_000);
    for (let i = 0; i < 100; i++) {
      const delay = retryDelay(2, [10_000, 60_000])!;
      expect(delay).toBeGreaterThanOrEqual(48_000);
      expect(delay).toBeLessThanOrEqual(72_000);
    }
  });
});

describe('parseRetrySchedule', () => {
  it('reads durations in ms, s, m and h', () => {
    expect(parseRetrySchedule('30s,2m,10m,1h,6h')).toEqual([...DEFAULT_RETRY_SCHEDULE_MS]);
    expect(parseRetrySchedule(' 250ms , 1.5s ')).toEqual([250, 1500]);
  });

  it('names the part it cannot read', () => {
    expect(() => parseRetrySchedule('30s,soon')).toThrow('"soon"');
    expect(() => parseRetrySchedule('')).toThrow('empty');
  });
});
